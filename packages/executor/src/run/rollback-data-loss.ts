// What a rollback would destroy: undoing a step that created a table, a partition or a column
// drops it, with every row or value written since. Without `unsafe`, rollbackMigration refuses
// when one of them holds data (an empty table or an all-NULL column is dropped without asking),
// as Atlas's `migrate down` checks before dropping.
import { qualifiedName, quoteIdent } from '@wesley/ir';
import type { Step } from '@wesley/planner';
import type pg from 'pg';

/** A table, partition or column an undo drops, and whether it holds data. */
export interface DataAtRisk {
  readonly stepId: string;
  /** `public.users`, `public.users.email`. */
  readonly object: string;
  readonly kind: 'table' | 'column';
  /** True when it holds rows (a table) or non-NULL values (a column); null when that could not be told in time. */
  readonly hasData: boolean | null;
}

const DROPS_TABLE = new Set(['create-table', 'create-partition']);

/** The object a step id names: `03-add-column-public.users.email` -> `public.users.email`. */
const objectOf = (step: Step) => step.id.replace(/^\d+-/, '').slice(step.kind.length + 1);

function split(qualified: string): [string, string] {
  const dot = qualified.indexOf('.');
  return [qualified.slice(0, dot), qualified.slice(dot + 1)];
}

/** The steps among `toUndo` whose undo drops data-bearing objects, each checked on the database. */
export async function dataAtRisk(work: pg.ClientBase, toUndo: readonly Step[]): Promise<DataAtRisk[]> {
  const found: DataAtRisk[] = [];
  for (const step of toUndo) {
    if (step.rollback.kind !== 'sql' || step.table === null) continue;
    const object = objectOf(step);
    let probe: string;
    let kind: DataAtRisk['kind'];
    if (DROPS_TABLE.has(step.kind)) {
      const [schema, name] = split(object);
      probe = `SELECT EXISTS (SELECT 1 FROM ${qualifiedName(schema, name)}) AS has`;
      kind = 'table';
    } else if (step.kind === 'add-column' && object.startsWith(`${step.table}.`)) {
      const [schema, name] = split(step.table);
      probe = `SELECT EXISTS (SELECT 1 FROM ${qualifiedName(schema, name)} WHERE ${quoteIdent(object.slice(step.table.length + 1))} IS NOT NULL) AS has`;
      kind = 'column';
    } else {
      continue;
    }
    found.push({ stepId: step.id, object, kind, hasData: await probeData(work, probe) });
  }
  return found;
}

/** One bounded probe in its own read-only transaction; a table that is gone holds nothing. */
async function probeData(work: pg.ClientBase, sql: string): Promise<boolean | null> {
  await work.query(`BEGIN READ ONLY; SET LOCAL lock_timeout = '5s'; SET LOCAL statement_timeout = '30s'`);
  try {
    return (await work.query<{ has: boolean }>(sql)).rows[0]!.has;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === '42P01' || code === '42703') return false; // undefined table or column
    if (code === '55P03' || code === '57014') return null; // lock or statement timeout
    throw error;
  } finally {
    await work.query('ROLLBACK').catch(() => {});
  }
}
