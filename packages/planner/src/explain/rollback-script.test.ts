import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Plan, Step } from '../types.js';
import { rollbackScript } from './rollback-script.js';
import { emptyPlan, SAMPLE_PLANS, typicalPlan } from './sample-plans.js';

interface PgParser {
  loadModule(): Promise<void>;
  parseSync(sql: string): { stmts?: Array<{ stmt: Record<string, unknown> }> };
  parsePlPgSQLSync(sql: string): unknown;
}

// libpg-query is @wesley/ir's dependency, not the planner's: load the copy @wesley/ir resolves.
const irRequire = createRequire(createRequire(import.meta.url).resolve('@wesley/ir/package.json'));
const pg = irRequire('libpg-query') as PgParser;

const reversible = (plan: Plan): Plan => ({
  ...plan,
  steps: plan.steps.map((s) => (s.rollback.kind === 'irreversible' ? { ...s, rollback: { kind: 'none', reason: 'test' } } : s)),
});

const statementKinds = (script: string) => (pg.parseSync(script).stmts ?? []).map((s) => Object.keys(s.stmt)[0]);

describe('rollbackScript', () => {
  beforeAll(() => pg.loadModule());

  it('is one comment for a plan without steps', () => {
    expect(rollbackScript(emptyPlan)).toBe('-- No changes: nothing to roll back.\n');
  });

  it.each(Object.entries(SAMPLE_PLANS))("writes a script PostgreSQL's parser reads (%s)", (_, plan) => {
    const script = rollbackScript(plan);
    expect(() => pg.parseSync(script)).not.toThrow();
    for (const guard of script.split('\n').filter((line) => line.startsWith('DO '))) expect(() => pg.parsePlPgSQLSync(guard)).not.toThrow();
  });

  it('undoes every step, last first, each wrapped as its rollback runs', () => {
    const script = rollbackScript(reversible(typicalPlan));
    const order = ['DROP CONSTRAINT IF EXISTS orders_user_id_fkey', 'DROP INDEX CONCURRENTLY IF EXISTS public.users_email_lower_idx', 'DROP COLUMN IF EXISTS email_lower'];
    const positions = order.map((sql) => script.indexOf(sql));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(script).toContain("BEGIN;\nSET LOCAL lock_timeout = '3000ms';\nALTER TABLE public.users DROP COLUMN IF EXISTS email_lower;\nCOMMIT;\n");
    expect(script).toContain("-- Runs outside a transaction.\nSET lock_timeout = '3000ms';\nDROP INDEX CONCURRENTLY IF EXISTS public.users_email_lower_idx;\nRESET lock_timeout;\n");
    expect(script).toContain("-- Nothing to undo: the column is new: step 02's rollback drops it with its values\n");
    expect(script).not.toContain('RAISE EXCEPTION USING');
    // The FK and the column: BEGIN, SET, ALTER, COMMIT each; the index: SET, DROP, RESET.
    expect(statementKinds(script)).toHaveLength(11);
  });

  it('stops at an irreversible step with an error; the rollbacks before it are comments only', () => {
    const first: Step = { ...typicalPlan.steps[1]!, id: '01-add-column-public.users.email_lower' };
    const drop: Step = { ...typicalPlan.steps[0]!, id: '02-drop-column', summary: "Drop column with 100% of the user's data", rollback: { kind: 'irreversible', reason: "the values are gone; it's 100% lost" } };
    const last: Step = typicalPlan.steps[3]!;
    const script = rollbackScript({ ...typicalPlan, steps: [first, drop, last] });
    const kinds = statementKinds(script);
    // The FK rollback (BEGIN, SET, ALTER, COMMIT), then the guard; the column's rollback is commented out.
    expect(kinds).toEqual(['TransactionStmt', 'VariableSetStmt', 'AlterTableStmt', 'TransactionStmt', 'DoStmt']);
    expect(script).toContain("-- Cannot be undone: the values are gone; it's 100% lost\n");
    expect(script).toContain("DO $$BEGIN RAISE EXCEPTION USING MESSAGE = 'Wesley rollback stopped: step 02-drop-column cannot be undone: the values are gone; it''s 100% lost'");
    expect(script).toContain('-- ALTER TABLE public.users DROP COLUMN IF EXISTS email_lower;\n');
    expect(script.indexOf('RAISE EXCEPTION USING')).toBeLessThan(script.indexOf('-- ALTER TABLE public.users DROP COLUMN'));
  });

  it('keeps multi-line summaries and reasons inside comments', () => {
    const step: Step = { ...typicalPlan.steps[1]!, summary: 'two\nSELECT 1', rollback: { kind: 'none', reason: 'a\nDROP TABLE x' } };
    const script = rollbackScript({ ...typicalPlan, steps: [step] });
    expect(script).toContain('-- two\n-- SELECT 1\n-- Nothing to undo: a\n-- DROP TABLE x\n');
    expect(statementKinds(script)).toEqual([]);
  });

  it('is deterministic', () => {
    expect(rollbackScript(typicalPlan)).toBe(rollbackScript(structuredClone(typicalPlan)));
  });
});
