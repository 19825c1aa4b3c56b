// Invariants of a plan, each as a list of problems (empty = holds), so a failing property says
// what is wrong with which step instead of only "expected false to be true".
import { quoteIdent, type SchemaIR, type TableIR } from '@wesley/ir';
import { planSchema } from '../../src/explain/plan-schema.js';
import { PHASES, type Plan, type PlanOptions, type RiskLevel, type Step } from '../../src/types.js';

const key = (t: { readonly schema: string; readonly name: string }) => `${t.schema}.${t.name}`;

/** The level a plan score falls in (docs/risk-scoring.md): written out here, not imported from the planner. */
export function expectedLevel(score: number): RiskLevel {
  return score >= 75 ? 'CRITICAL' : score >= 50 ? 'HIGH' : score >= 25 ? 'MEDIUM' : 'LOW';
}

/** Step ids each step depends on, directly or through others. */
export function dependencyClosure(plan: Plan): Map<string, Set<string>> {
  const byId = new Map(plan.steps.map((s) => [s.id, s]));
  const closure = new Map<string, Set<string>>();
  const visit = (id: string, seen: Set<string>): Set<string> => {
    const known = closure.get(id);
    if (known) return known;
    const all = new Set<string>();
    if (seen.has(id)) return all;
    seen.add(id);
    for (const dep of byId.get(id)?.dependsOn ?? []) {
      all.add(dep);
      for (const d of visit(dep, seen)) all.add(d);
    }
    closure.set(id, all);
    return all;
  };
  for (const step of plan.steps) visit(step.id, new Set());
  return closure;
}

/** The plan's shape: schema, ids, dependencies, phases, unsafe marks, refusals, risk and schedule. */
export function wellFormedProblems(plan: Plan, options: PlanOptions): string[] {
  const problems: string[] = [];
  const parsed = planSchema.safeParse(plan);
  if (!parsed.success) problems.push(`does not match planSchema: ${parsed.error.message}`);
  const index = new Map<string, number>();
  plan.steps.forEach((step, i) => {
    if (index.has(step.id)) problems.push(`duplicate step id ${step.id}`);
    index.set(step.id, i);
  });
  plan.steps.forEach((step, i) => {
    for (const dep of step.dependsOn) {
      const at = index.get(dep);
      if (at === undefined || at >= i) problems.push(`${step.id} depends on ${dep}, which is ${at === undefined ? 'not a step' : 'not an earlier step'}`);
    }
    const previous = plan.steps[i - 1];
    if (previous && PHASES.indexOf(previous.phase) > PHASES.indexOf(step.phase)) problems.push(`${step.id} (${step.phase}) comes after ${previous.id} (${previous.phase})`);
    if (step.requiresUnsafe && !options.unsafe) problems.push(`${step.id} requires --unsafe, which was not given`);
  });
  if (plan.unsafe !== (options.unsafe ?? false)) problems.push(`plan.unsafe is ${plan.unsafe}`);
  for (const refusal of plan.refused) if (!refusal.object || !refusal.code) problems.push(`refusal without an object or code: ${JSON.stringify(refusal)}`);
  if (!Number.isInteger(plan.riskScore) || plan.riskScore < 0 || plan.riskScore > 100) problems.push(`riskScore ${plan.riskScore} is not an integer in 0..100`);
  if (plan.riskLevel !== expectedLevel(plan.riskScore)) problems.push(`riskLevel ${plan.riskLevel} does not match riskScore ${plan.riskScore}`);
  problems.push(...scheduleProblems(plan));
  return problems;
}

/** Every step scheduled exactly once, in its own phase, after every step it depends on. */
function scheduleProblems(plan: Plan): string[] {
  const problems: string[] = [];
  const orderOf = new Map<string, number>();
  let last = 0;
  for (const entry of plan.schedule) {
    if (entry.order <= last) problems.push(`schedule order ${entry.order} follows ${last}`);
    last = entry.order;
    for (const id of entry.steps) {
      if (orderOf.has(id)) problems.push(`${id} is scheduled twice`);
      orderOf.set(id, entry.order);
      const step = plan.steps.find((s) => s.id === id);
      if (!step) problems.push(`schedule names ${id}, which is not a step`);
      else if (step.phase !== entry.phase) problems.push(`${id} (${step.phase}) is scheduled in the ${entry.phase} phase`);
    }
  }
  for (const step of plan.steps) {
    const order = orderOf.get(step.id);
    if (order === undefined) {
      problems.push(`${step.id} is not scheduled`);
      continue;
    }
    for (const dep of step.dependsOn) {
      const before = orderOf.get(dep);
      if (before !== undefined && before >= order) problems.push(`${step.id} is scheduled at ${order}, not after its dependency ${dep} (${before})`);
    }
  }
  return problems;
}

/** Tables of `to` that hold data before the migration: in `from` by name, or through @renamedFrom. */
export function existingTables(from: SchemaIR | null, to: SchemaIR): Map<string, TableIR> {
  const old = new Map((from?.tables ?? []).map((t) => [key(t), t]));
  const toKeys = new Set(to.tables.map(key));
  const existing = new Map<string, TableIR>();
  for (const table of to.tables) {
    const previous = old.get(key(table)) ?? [...old.values()].find((t) => t.graphqlName === table.renamedFrom && t.schema === table.schema && !toKeys.has(key(t)));
    if (!previous) continue;
    existing.set(key(table), table);
    const oldPartitions = new Set((previous.partitioning?.partitions ?? []).map((p) => p.name));
    for (const p of table.partitioning?.partitions ?? []) if (oldPartitions.has(p.name)) existing.set(`${table.schema}.${p.name}`, table);
  }
  return existing;
}

const QUOTED = '"((?:[^"]|"")*)"';
const CREATE_INDEX = new RegExp(`^CREATE (?:UNIQUE )?INDEX (CONCURRENTLY )?(?:IF NOT EXISTS )?${QUOTED} ON (ONLY )?${QUOTED}\\.${QUOTED}`);
const unquote = (s: string) => s.replaceAll('""', '"');

/** An index built on a table that holds rows: CONCURRENTLY, outside a transaction (ON ONLY parents aside). */
export function concurrentIndexProblems(plan: Plan, from: SchemaIR | null, to: SchemaIR): string[] {
  const existing = existingTables(from, to);
  const problems: string[] = [];
  for (const step of plan.steps) {
    for (const sql of step.sql) {
      const m = CREATE_INDEX.exec(sql);
      if (!m || m[3]) continue;
      const target = `${unquote(m[4]!)}.${unquote(m[5]!)}`;
      if (!existing.has(target)) continue;
      if (!m[1]) problems.push(`${step.id} builds an index on existing ${target} without CONCURRENTLY: ${sql}`);
      if (step.transactional) problems.push(`${step.id} builds an index on existing ${target} inside a transaction`);
    }
  }
  return problems;
}

/** Whether the step makes the column required: SET NOT NULL, or a NOT NULL check. */
function requiresColumn(step: Step, table: string, column: string): boolean {
  const col = quoteIdent(column);
  return step.table === table && step.sql.some((sql) => sql.includes(`ALTER COLUMN ${col} SET NOT NULL`) || sql.includes(`CHECK (${col} IS NOT NULL)`));
}

/** Every NOT NULL on a backfilled column comes after the backfill, in the list and through dependsOn. */
export function notNullOrderProblems(plan: Plan): string[] {
  const closure = dependencyClosure(plan);
  const problems: string[] = [];
  plan.steps.forEach((fill, i) => {
    if (fill.kind !== 'backfill-column' || !fill.backfill) return;
    plan.steps.forEach((step, j) => {
      if (step === fill || !requiresColumn(step, fill.backfill!.table, fill.backfill!.column)) return;
      if (j < i) problems.push(`${step.id} makes the column required before its backfill ${fill.id}`);
      else if (!closure.get(step.id)?.has(fill.id)) problems.push(`${step.id} does not depend on the backfill ${fill.id}`);
    });
  });
  return problems;
}

/** Without --unsafe no step drops a table or column or loses data. */
export function safeModeProblems(plan: Plan): string[] {
  return plan.steps.flatMap((step) => {
    const drops = step.kind === 'drop-table' || step.kind === 'drop-column' || step.sql.some((sql) => /^DROP TABLE\b|^ALTER TABLE .* DROP COLUMN /s.test(sql));
    const loses = step.hazards.some((h) => h.hazard === 'data-loss');
    return drops || loses ? [`${step.id} drops data without --unsafe (${step.kind}${loses ? ', data-loss hazard' : ''})`] : [];
  });
}

/**
 * With --unsafe, what the safe plan refused as unsafe is planned (a step for its object) and
 * nothing is refused as unsafe; the refusals --unsafe cannot lift stay the same.
 */
export function unsafeModeProblems(safe: Plan, unsafe: Plan): string[] {
  const problems = unsafe.refused.filter((r) => r.unsafeAllows).map((r) => `--unsafe still refuses ${r.code} ${r.object}`);
  for (const refusal of safe.refused.filter((r) => r.unsafeAllows)) {
    if (!unsafe.steps.some((s) => s.id.endsWith(`-${refusal.object}`))) problems.push(`--unsafe plans no step for ${refusal.code} ${refusal.object}`);
  }
  const hard = (plan: Plan) => plan.refused.filter((r) => !r.unsafeAllows).map((r) => `${r.code} ${r.object}`).sort();
  if (JSON.stringify(hard(safe)) !== JSON.stringify(hard(unsafe))) problems.push(`refusals --unsafe cannot lift differ: ${hard(safe).join('; ')} vs ${hard(unsafe).join('; ')}`);
  return problems;
}

/** Where each relation the plan creates, drops or renames away is (first) created and gone, by step index. */
function lifetimes(plan: Plan): { createdAt: Map<string, number>; goneAt: Map<string, number> } {
  const createdAt = new Map<string, number>();
  const goneAt = new Map<string, number>();
  const created = (table: string, i: number) => {
    if (!createdAt.has(table) || (goneAt.get(table) ?? Infinity) < i) createdAt.set(table, i);
  };
  plan.steps.forEach((step, i) => {
    if (step.kind === 'create-table') for (const lock of step.locks) created(lock.table, i);
    if (step.kind === 'create-partition') created(step.id.slice(step.id.indexOf('-create-partition-') + '-create-partition-'.length), i);
    const gone = step.kind === 'drop-table' ? step.table : step.kind === 'rename-table' ? step.locks[0]?.table : undefined;
    if (gone && !goneAt.has(gone)) goneAt.set(gone, i);
  });
  return { createdAt, goneAt };
}

/** `schema.name` (unquoted; schemas here have no dot) as SQL names it. */
const qualified = (table: string) => `${quoteIdent(table.slice(0, table.indexOf('.')))}.${quoteIdent(table.slice(table.indexOf('.') + 1))}`;

/**
 * No step touches a relation before the step that creates it, or after the step that drops it or
 * renames it away (unless a later step creates one of that name again). `touches` says whether a
 * step touches a relation: its SQL names it, or it claims a lock on it.
 */
function lifetimeProblemsBy(plan: Plan, touches: (step: Step, table: string) => boolean, verb: string): string[] {
  const { createdAt, goneAt } = lifetimes(plan);
  const problems: string[] = [];
  const tables = new Set([...createdAt.keys(), ...goneAt.keys()]);
  plan.steps.forEach((step, i) => {
    for (const table of tables) {
      if (!touches(step, table)) continue;
      const made = createdAt.get(table);
      const gone = goneAt.get(table);
      const recreated = made !== undefined && gone !== undefined && made > gone;
      if (made !== undefined && i < made && !(recreated && i <= gone!)) problems.push(`${step.id} ${verb} ${table} before ${plan.steps[made]!.id} creates it`);
      else if (gone !== undefined && i > gone && !(recreated && i >= made!)) problems.push(`${step.id} ${verb} ${table} after ${plan.steps[gone]!.id} drops or renames it`);
    }
  });
  return problems;
}

/** No statement names a relation before it is created or after it is dropped or renamed away. */
export function sqlLifetimeProblems(plan: Plan): string[] {
  return lifetimeProblemsBy(plan, (step, table) => step.sql.some((sql) => sql.includes(qualified(table))), 'names');
}

/** No step claims a lock on a relation before it is created or after it is dropped or renamed away. */
export function lockLifetimeProblems(plan: Plan): string[] {
  return lifetimeProblemsBy(plan, (step, table) => step.locks.some((lock) => lock.table === table), 'locks');
}

const IDENT = '"((?:[^"]|"")*)"';
const QUALIFIED = `${IDENT}\\.${IDENT}`;
const LIST = '\\(((?:"(?:[^"]|"")*"(?:, )?)+)\\)';
const ALTER_TABLE = new RegExp(`^ALTER TABLE (?:ONLY )?${QUALIFIED} (.*)$`, 's');
const CREATE_TABLE = new RegExp(`^CREATE TABLE ${QUALIFIED} \\(`);
const DROP_TABLE = new RegExp(`^DROP TABLE (?:IF EXISTS )?${QUALIFIED}`);
const INDEX_ON = new RegExp(`^CREATE (?:UNIQUE )?INDEX (?:CONCURRENTLY )?(?:IF NOT EXISTS )?${IDENT} ON (?:ONLY )?${QUALIFIED}(?: USING \\w+)? ${LIST}`);
const COLUMN_ACTIONS = {
  add: new RegExp(`^ADD COLUMN ${IDENT}`),
  drop: new RegExp(`^DROP COLUMN (?:IF EXISTS )?${IDENT}`),
  rename: new RegExp(`^RENAME COLUMN ${IDENT} TO ${IDENT}`),
  alter: new RegExp(`^ALTER COLUMN ${IDENT}`),
  renameTable: new RegExp(`^RENAME TO ${IDENT}`),
  foreignKey: new RegExp(`^ADD CONSTRAINT ${IDENT} FOREIGN KEY ${LIST} REFERENCES ${QUALIFIED}(?: ${LIST})?`),
  key: new RegExp(`^ADD CONSTRAINT ${IDENT} (?:UNIQUE|PRIMARY KEY) ${LIST}`),
};
const names = (list: string) => [...list.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => unquote(m[1]!));

/**
 * Replays the plan's statements over the columns of each table (starting from `from`): every
 * ADD COLUMN and RENAME ... TO takes a free name; every DROP, RENAME and ALTER COLUMN, index and
 * key names columns that exist at that point. Partitions and tables it cannot follow are skipped.
 */
export function columnNameProblems(plan: Plan, from: SchemaIR | null, to: SchemaIR): string[] {
  const columns = new Map<string, Set<string>>((from?.tables ?? []).map((t) => [key(t), new Set(t.columns.map((c) => c.name))]));
  const problems: string[] = [];
  for (const step of plan.steps) {
    for (const sql of step.sql) {
      const check = (table: string, wanted: readonly string[]) => {
        const have = columns.get(table);
        for (const name of wanted) if (have && !have.has(name)) problems.push(`${step.id}: ${table} has no column ${name} for: ${sql}`);
      };
      const created = CREATE_TABLE.exec(sql);
      if (created) {
        const table = to.tables.find((t) => t.schema === unquote(created[1]!) && t.name === unquote(created[2]!));
        if (table) columns.set(key(table), new Set(table.columns.map((c) => c.name)));
        continue;
      }
      const dropped = DROP_TABLE.exec(sql);
      if (dropped) columns.delete(`${unquote(dropped[1]!)}.${unquote(dropped[2]!)}`);
      const index = INDEX_ON.exec(sql);
      if (index) check(`${unquote(index[2]!)}.${unquote(index[3]!)}`, names(index[4]!));
      const alter = ALTER_TABLE.exec(sql);
      if (!alter) continue;
      const table = `${unquote(alter[1]!)}.${unquote(alter[2]!)}`;
      const have = columns.get(table);
      if (!have) continue;
      const action = alter[3]!;
      const free = (name: string) => {
        if (have.has(name)) problems.push(`${step.id}: ${table} already has a column ${name} for: ${sql}`);
      };
      let m: RegExpExecArray | null;
      if ((m = COLUMN_ACTIONS.add.exec(action))) free(unquote(m[1]!)), have.add(unquote(m[1]!));
      else if ((m = COLUMN_ACTIONS.drop.exec(action))) check(table, [unquote(m[1]!)]), have.delete(unquote(m[1]!));
      else if ((m = COLUMN_ACTIONS.rename.exec(action))) {
        check(table, [unquote(m[1]!)]);
        free(unquote(m[2]!));
        have.delete(unquote(m[1]!));
        have.add(unquote(m[2]!));
      } else if ((m = COLUMN_ACTIONS.alter.exec(action))) check(table, [unquote(m[1]!)]);
      else if ((m = COLUMN_ACTIONS.foreignKey.exec(action))) {
        check(table, names(m[2]!));
        if (m[5]) check(`${unquote(m[3]!)}.${unquote(m[4]!)}`, names(m[5]));
      } else if ((m = COLUMN_ACTIONS.key.exec(action))) check(table, names(m[2]!));
      else if ((m = COLUMN_ACTIONS.renameTable.exec(action))) {
        columns.delete(table);
        columns.set(`${unquote(alter[1]!)}.${unquote(m[1]!)}`, have);
      }
    }
  }
  return problems;
}
