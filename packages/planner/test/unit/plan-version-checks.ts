// Where the plan must differ by server version: ADD VALUE (PG 11: no transaction), SET NOT NULL
// (PG 11: scans), foreign keys on partitioned tables (before PG 18: per partition).
import type { SchemaIR } from '@wesley/ir';
import type { Plan } from '../../src/types.js';
import { dependencyClosure, existingTables } from './plan-checks.js';

/** ADD VALUE runs outside a transaction exactly on PG 11; SET NOT NULL claims a scan exactly on PG 11. */
export function versionFormProblems(plan: Plan): string[] {
  const pg11 = plan.pgVersion < 120000;
  return plan.steps.flatMap((step) => {
    if (step.kind === 'add-enum-value' && step.transactional === pg11) return [`${step.id} is ${step.transactional ? '' : 'not '}transactional on ${plan.pgVersion}`];
    if (step.kind === 'set-not-null' && step.scan !== pg11) return [`${step.id} ${step.scan ? 'claims' : 'does not claim'} a scan on ${plan.pgVersion}`];
    return [];
  });
}

/**
 * A foreign key added to a partitioned table that holds rows: before PG 18 each partition gets it
 * NOT VALID and validated, and the parent's (plain) key depends on every partition's validation;
 * from PG 18 the parent takes it NOT VALID and no partition gets its own.
 */
export function partitionedForeignKeyProblems(plan: Plan, from: SchemaIR | null, to: SchemaIR): string[] {
  const existing = existingTables(from, to);
  const closure = dependencyClosure(plan);
  const ids = plan.steps.map((s) => s.id);
  const has = (suffix: string) => ids.find((id) => id.endsWith(suffix));
  const problems: string[] = [];
  for (const table of to.tables) {
    const parent = `${table.schema}.${table.name}`;
    if (!table.partitioning || !existing.has(parent)) continue;
    for (const step of plan.steps.filter((s) => s.kind === 'add-foreign-key' && s.table === parent)) {
      const fk = step.id.slice(step.id.indexOf(`-add-foreign-key-${parent}.`) + `-add-foreign-key-${parent}.`.length);
      const notValid = step.sql.some((sql) => sql.includes('NOT VALID'));
      const partitions = table.partitioning.partitions.map((p) => `${table.schema}.${p.name}`);
      if (plan.pgVersion >= 180000) {
        if (!notValid) problems.push(`${step.id}: PG ${plan.pgMajor} takes a NOT VALID key on the parent`);
        for (const p of partitions) if (has(`-add-foreign-key-${p}.${fk}`)) problems.push(`${step.id}: PG ${plan.pgMajor} needs no key of its own on ${p}`);
        continue;
      }
      if (notValid) problems.push(`${step.id}: PG ${plan.pgMajor} refuses NOT VALID foreign keys on partitioned ${parent}`);
      for (const p of partitions) {
        const validated = has(`-validate-constraint-${p}.${fk}`);
        if (!has(`-add-foreign-key-${p}.${fk}`) || !validated) problems.push(`${step.id}: partition ${p} gets no NOT VALID key and validation of its own`);
        else if (!closure.get(step.id)?.has(validated)) problems.push(`${step.id} does not wait for ${validated}`);
      }
    }
  }
  return problems;
}
