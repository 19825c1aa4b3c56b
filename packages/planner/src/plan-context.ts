import type { SchemaIR, TableIR } from '@wesley/ir';
import type { BackfillSpec, DraftStep, HazardNote, LockClaim, LockMode, Phase, PlanWarning, Refusal, ResolvedPlanOptions, Rollback, ServerFacts, StepKind, TableWork, VersionGate } from './types.js';
import { LOCK_MODES, PHASES } from './types.js';
import { REFUSAL_CODES } from './errors.js';
import { tableSize } from './finalize/table-size.js';
import { mentionsColumn } from './mentions-column.js';

/** What a recipe says about one step; PlanContext turns it into a DraftStep. */
export interface StepInput {
  readonly phase: Phase;
  readonly kind: StepKind;
  /** The object the step is about, for the id (`public.users.email`). */
  readonly object: string;
  readonly summary: string;
  readonly table: string | null;
  readonly sql: readonly string[];
  readonly transactional?: boolean;
  readonly locks: readonly LockClaim[];
  readonly work?: TableWork;
  /** Whether it reads the whole table, when `work` alone does not say (default: scan, rewrite, index build). */
  readonly scan?: boolean;
  readonly versionGate?: VersionGate | null;
  readonly hazards?: readonly HazardNote[];
  readonly requiresUnsafe?: boolean;
  readonly rollback: Rollback;
  /** Keys of steps (from `add`) that must finish first, beyond the automatic ones. */
  readonly after?: readonly (string | null)[];
  readonly backfill?: BackfillSpec;
  readonly constraintType?: 'check' | 'foreign-key' | 'not-null' | 'unique' | 'primary-key';
}

interface Entry {
  readonly key: string;
  readonly input: StepInput;
}

/** Collects a plan's steps, refusals and warnings while the recipes walk the diff. */
export class PlanContext {
  readonly entries: Entry[] = [];
  readonly refusals: Refusal[] = [];
  readonly warnings: PlanWarning[] = [];
  /** Qualified names of tables this plan creates: they need none of the online recipes. */
  readonly newTables = new Set<string>();
  /** Columns (`schema.table.column`) the plan refused to add: what uses them is refused too. */
  readonly refusedColumns = new Set<string>();
  /** The new qualified name of an old table (`@renamedFrom`); identity for the others. */
  renamedTable: (schema: string, name: string) => string = (schema, name) => `${schema}.${name}`;

  constructor(
    readonly from: SchemaIR | null,
    readonly to: SchemaIR,
    readonly facts: ServerFacts,
    readonly options: ResolvedPlanOptions,
  ) {}

  get version(): number {
    return this.facts.serverVersionNum;
  }

  /** Adds a step; returns its key for `after`. */
  add(input: StepInput): string {
    const key = `k${this.entries.length}`;
    this.entries.push({ key, input });
    return key;
  }

  /** A destructive step: added (marked) with `unsafe`, otherwise recorded as refused. */
  addDestructive(input: StepInput, refusal: Omit<Refusal, 'unsafeAllows' | 'object'>): string | null {
    if (this.options.unsafe) return this.add({ ...input, requiresUnsafe: true });
    this.refuse({ ...refusal, object: input.object, unsafeAllows: true });
    return null;
  }

  refuse(refusal: Refusal): void {
    this.refusals.push(refusal);
  }

  /**
   * Whether an object of the table uses a column the plan refused to add (by its column list, or
   * by name in an expression); if so, records a refusal for it and returns true.
   */
  refusedDependency(table: string, object: string, columns: readonly string[], expressions: readonly (string | null)[] = []): boolean {
    const refused = [...this.refusedColumns].filter((c) => c.startsWith(`${table}.`)).map((c) => c.slice(table.length + 1));
    const column = refused.find((name) => columns.includes(name) || expressions.some((e) => mentionsColumn(e, name)));
    if (column === undefined) return false;
    this.refuse({
      code: REFUSAL_CODES.dependsOnRefused, object, unsafeAllows: false,
      reason: `${object} uses column ${table}.${column}, which this plan does not add (see its refusal).`,
      hint: `Resolve the refusal of ${table}.${column} first; ${object} follows in the same migration.`,
    });
    return true;
  }

  warn(code: string, message: string): void {
    this.warnings.push({ code, message });
  }

  /**
   * Whether the table may hold rows: false only for tables created by this plan or reported
   * empty by the facts. Unknown sizes count as populated, so the online recipes are the default.
   */
  isPopulated(table: string): boolean {
    if (this.newTables.has(table)) return false;
    // A partitioned table's rows live in its partitions: tableSize adds them up.
    const size = tableSize(this.facts, table);
    return size === null || size.rows > 0;
  }

  /** The drafts in phase order (stable within a phase), with ids and dependencies resolved. */
  drafts(): DraftStep[] {
    const ordered = PHASES.flatMap((phase) => this.entries.filter((e) => e.input.phase === phase));
    const ids = new Map<string, string>();
    const width = String(ordered.length).length < 2 ? 2 : String(ordered.length).length;
    ordered.forEach((e, i) => ids.set(e.key, `${String(i + 1).padStart(width, '0')}-${e.input.kind}-${e.input.object}`));
    const lastOnTable = new Map<string, string>();
    const globals: string[] = [];
    return ordered.map((e) => {
      const input = e.input;
      const deps = new Set<string>(globals);
      // A step follows the previous one on each table it locks, and on the table it is about
      // (a rename claims its lock under the old name; the steps after it name the new one).
      for (const table of [...input.locks.map((l) => l.table), ...(input.table ? [input.table] : [])]) {
        const previous = lastOnTable.get(table);
        if (previous) deps.add(previous);
      }
      for (const key of input.after ?? []) if (key !== null && ids.has(key) && key !== e.key) deps.add(ids.get(key)!);
      const id = ids.get(e.key)!;
      for (const lock of input.locks) lastOnTable.set(lock.table, id);
      if (input.table) lastOnTable.set(input.table, id);
      if (input.table === null && input.locks.length === 0) globals.push(id);
      const work = input.work ?? 'catalog';
      const draft: DraftStep = {
        id,
        phase: input.phase,
        kind: input.kind,
        summary: input.summary,
        table: input.table,
        sql: input.sql,
        transactional: input.transactional ?? true,
        locks: strongestPerTable(input.locks),
        work,
        rewrite: work === 'rewrite',
        scan: input.scan ?? (work === 'scan' || work === 'rewrite' || work === 'index-build'),
        // A rewrite rebuilds the indexes too, but `rewrite` says so: indexBuild is a build of its own.
        indexBuild: work === 'index-build',
        versionGate: input.versionGate ?? null,
        hazards: input.hazards ?? [],
        requiresUnsafe: input.requiresUnsafe ?? false,
        rollback: input.rollback,
        dependsOn: [...deps].filter((d) => d !== id).sort(),
        ...(input.backfill ? { backfill: input.backfill } : {}),
        ...(input.constraintType ? { constraintType: input.constraintType } : {}),
      };
      return draft;
    });
  }
}

/** One claim per table: the strongest mode (a stronger lock on a table implies the weaker ones). */
export function strongestPerTable(locks: readonly LockClaim[]): LockClaim[] {
  const byTable = new Map<string, LockMode>();
  for (const lock of locks) {
    const current = byTable.get(lock.table);
    if (!current || LOCK_MODES.indexOf(lock.mode) > LOCK_MODES.indexOf(current)) byTable.set(lock.table, lock.mode);
  }
  return [...byTable].map(([table, mode]) => ({ table, mode }));
}

/** `schema.name`, unquoted: how plans and facts name tables. */
export function tableKey(table: { readonly schema: string; readonly name: string }): string {
  return `${table.schema}.${table.name}`;
}

/** The table and, when partitioned, each of its partitions (qualified, unquoted). */
export function tableAndPartitions(table: TableIR): string[] {
  return [tableKey(table), ...(table.partitioning?.partitions ?? []).map((p) => `${table.schema}.${p.name}`)];
}

/** The same lock on the table and every partition: how ALTER TABLE recurses. */
export function lockAll(table: TableIR, mode: LockMode): LockClaim[] {
  return tableAndPartitions(table).map((t) => ({ table: t, mode }));
}
