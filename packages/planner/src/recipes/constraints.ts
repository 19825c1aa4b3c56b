import { addForeignKeyStatement, parenthesize, qualifiedName, quoteIdent, type CheckIR, type ForeignKeyIR, type TableIR } from '@wesley/ir';
import { REFUSAL_CODES } from '../errors.js';
import { lockAll, tableKey, type PlanContext } from '../plan-context.js';
import type { LockClaim, Phase } from '../types.js';

const alter = (table: TableIR, on = qualifiedName(table.schema, table.name)) => `ALTER TABLE ${on}`;
const referencedKey = (fk: ForeignKeyIR) => `${fk.references.schema}.${fk.references.name}`;
const dropSql = (table: TableIR, name: string) => ({ kind: 'sql', sql: [`${alter(table)} DROP CONSTRAINT IF EXISTS ${quoteIdent(name)}`], transactional: true }) as const;

/**
 * A foreign key on a table that holds rows: NOT VALID in expand (brief SHARE ROW EXCLUSIVE on
 * both tables, no scan), VALIDATE in its own transaction in the validate phase (SHARE UPDATE
 * EXCLUSIVE, ROW SHARE on the referenced table). A partitioned referencing table takes NOT VALID
 * only from PG 18; before, each partition gets the key (NOT VALID, then validated) and the
 * parent's key then adopts the validated children without scanning.
 */
export function planAddForeignKey(ctx: PlanContext, table: TableIR, fk: ForeignKeyIR, phase: Phase = 'expand', after: string | null = null): void {
  const key = tableKey(table);
  const object = `${key}.${fk.name}`;
  const referenced = referencedKey(fk);
  const fails = { hazard: 'can-fail' as const, message: `fails if a row of ${key} references a missing ${referenced} row` };
  const validatePhase: Phase = phase === 'contract' ? 'contract' : 'validate';
  const addNotValid = (on: string, target: string, locks: LockClaim[], previous: string | null) =>
    ctx.add({
      phase, kind: 'add-foreign-key', object: `${on}.${fk.name}`, table: on, after: [previous], constraintType: 'foreign-key', locks,
      summary: `Add foreign key ${fk.name} ${on} -> ${referenced} NOT VALID (new writes are checked, existing rows are not scanned)`,
      sql: [addForeignKeyStatement(table, fk, { notValid: true, onTable: target })],
      rollback: { kind: 'sql', sql: [`${alter(table, target)} DROP CONSTRAINT IF EXISTS ${quoteIdent(fk.name)}`], transactional: true },
    });
  const validate = (on: string, target: string, previous: string, partitions: string[]) =>
    ctx.add({
      phase: validatePhase, kind: 'validate-constraint', object: `${on}.${fk.name}`, table: on, after: [previous], constraintType: 'foreign-key', work: 'scan',
      summary: `Validate foreign key ${fk.name} of ${on} (scans it; reads and writes continue)`,
      sql: [`${alter(table, target)} VALIDATE CONSTRAINT ${quoteIdent(fk.name)}`],
      locks: [{ table: on, mode: 'SHARE UPDATE EXCLUSIVE' }, ...partitions.map((p) => ({ table: p, mode: 'SHARE UPDATE EXCLUSIVE' as const })), { table: referenced, mode: 'ROW SHARE' }],
      hazards: [fails],
      rollback: { kind: 'none', reason: 'validation changes nothing but the constraint flag' },
    });

  if (!table.partitioning || ctx.version >= 180000) {
    const partitions = (table.partitioning?.partitions ?? []).map((p) => `${table.schema}.${p.name}`);
    const added = addNotValid(key, qualifiedName(table.schema, table.name), [...lockAll(table, 'SHARE ROW EXCLUSIVE'), { table: referenced, mode: 'SHARE ROW EXCLUSIVE' }], after);
    validate(key, qualifiedName(table.schema, table.name), added, partitions);
    return;
  }
  const children: string[] = [];
  for (const partition of table.partitioning.partitions) {
    const on = `${table.schema}.${partition.name}`;
    const target = qualifiedName(table.schema, partition.name);
    const added = addNotValid(on, target, [{ table: on, mode: 'SHARE ROW EXCLUSIVE' }, { table: referenced, mode: 'SHARE ROW EXCLUSIVE' }], after);
    children.push(validate(on, target, added, []));
  }
  ctx.add({
    phase: validatePhase, kind: 'add-foreign-key', object, table: key, after: children, constraintType: 'foreign-key',
    summary: `Add foreign key ${fk.name} to partitioned ${key}: adopts the validated partition keys without scanning (ACCESS EXCLUSIVE on ${referenced} until it commits)`,
    sql: [addForeignKeyStatement(table, fk)],
    // Observed on PG 11-17: adopting the partitions' keys takes ACCESS EXCLUSIVE on the referenced table.
    locks: [...lockAll(table, 'SHARE ROW EXCLUSIVE'), { table: referenced, mode: 'ACCESS EXCLUSIVE' }],
    versionGate: { min: null, below: 180000, reason: 'PostgreSQL 11-17 refuse NOT VALID foreign keys on partitioned tables' },
    rollback: dropSql(table, fk.name),
  });
}

/** A CHECK on a table that holds rows: NOT VALID in expand, VALIDATE in the validate phase. */
export function planAddCheck(ctx: PlanContext, table: TableIR, check: CheckIR, phase: Phase = 'expand', after: string | null = null): void {
  const key = tableKey(table);
  const object = `${key}.${check.name}`;
  const added = ctx.add({
    phase, kind: 'add-check', object, table: key, after: [after], constraintType: 'check', locks: lockAll(table, 'ACCESS EXCLUSIVE'),
    summary: `Add check ${check.name} to ${key} NOT VALID (new writes are checked, existing rows are not scanned)`,
    sql: [`${alter(table)} ADD CONSTRAINT ${quoteIdent(check.name)} CHECK ${parenthesize(check.expression)} NOT VALID`],
    rollback: dropSql(table, check.name),
  });
  ctx.add({
    phase: phase === 'contract' ? 'contract' : 'validate', kind: 'validate-constraint', object, table: key, after: [added], constraintType: 'check', work: 'scan',
    summary: `Validate check ${check.name} of ${key} (scans it; reads and writes continue)`,
    sql: [`${alter(table)} VALIDATE CONSTRAINT ${quoteIdent(check.name)}`],
    locks: lockAll(table, 'SHARE UPDATE EXCLUSIVE'),
    hazards: [{ hazard: 'can-fail', message: `fails if a row of ${key} violates ${check.expression}` }],
    rollback: { kind: 'none', reason: 'validation changes nothing but the constraint flag' },
  });
}

/** Drops a foreign key or check (contract, behind `--unsafe`); returns the step key. */
export function planDropConstraint(ctx: PlanContext, table: TableIR, constraint: ForeignKeyIR | CheckIR, replaced: boolean): string | null {
  const key = tableKey(table);
  const object = `${key}.${constraint.name}`;
  const fk = constraint.kind === 'foreign-key';
  // Dropping a foreign key also drops its triggers on the referenced table.
  const referenced = fk ? ctx.renamedTable(constraint.references.schema, constraint.references.name) : null;
  const locks = [...lockAll(table, 'ACCESS EXCLUSIVE'), ...(referenced ? [{ table: referenced, mode: 'ACCESS EXCLUSIVE' as const }] : [])];
  return ctx.addDestructive({
    phase: 'contract', kind: 'drop-constraint', object, table: key, locks, constraintType: fk ? 'foreign-key' : 'check',
    summary: `Drop ${fk ? 'foreign key' : 'check'} ${constraint.name} of ${key}`,
    sql: [`${alter(table)} DROP CONSTRAINT ${quoteIdent(constraint.name)}`],
    hazards: [{ hazard: 'breaks-clients', message: `${key} no longer enforces ${constraint.name}` }],
    rollback: { kind: 'none', reason: 'add it back from the old schema (plan the reverse migration); it would need validating again' },
  }, {
    code: REFUSAL_CODES.destructive,
    reason: `Constraint ${object} ${replaced ? 'changed its definition, so it is dropped and added again' : 'is not in the new schema'}; its guarantee is gone until then.`,
    hint: 'Pass --unsafe to drop it.',
  });
}

/** Rename of a constraint whose generated name changed with a table or column rename. */
export function planRenameConstraint(ctx: PlanContext, table: TableIR, from: string, to: string): void {
  const key = tableKey(table);
  const rename = (a: string, b: string) => `${alter(table)} RENAME CONSTRAINT ${quoteIdent(a)} TO ${quoteIdent(b)}`;
  ctx.add({
    phase: 'expand', kind: 'rename-constraint', object: `${key}.${to}`, table: key, locks: [{ table: key, mode: 'ACCESS EXCLUSIVE' }],
    summary: `Rename constraint ${from} of ${key} to ${to}`,
    sql: [rename(from, to)],
    rollback: { kind: 'sql', sql: [rename(to, from)], transactional: true },
  });
}
