import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../types.js';
import { planScript, terminateStatement } from './plan-script.js';
import { emptyPlan, SAMPLE_PLANS, typicalPlan } from './sample-plans.js';

interface PgParser {
  loadModule(): Promise<void>;
  parseSync(sql: string): { stmts?: unknown[] };
  parsePlPgSQLSync(sql: string): unknown;
}

// libpg-query is @wesley/ir's dependency, not the planner's: load the copy @wesley/ir resolves.
const irRequire = createRequire(createRequire(import.meta.url).resolve('@wesley/ir/package.json'));
const pg = irRequire('libpg-query') as PgParser;

// BEGIN, the SETs and COMMIT around a transactional step; the SETs and RESETs around any other.
function expectedStatements(plan: Plan): number {
  return plan.steps.reduce((sum, s) => sum + s.sql.length + (s.lockTimeoutMs === null ? 0 : 1) + 1 + (s.transactional ? 2 : s.lockTimeoutMs === null ? 1 : 2), 0);
}

describe('planScript', () => {
  beforeAll(() => pg.loadModule());

  it.each(Object.entries(SAMPLE_PLANS))("writes a script PostgreSQL's parser reads statement by statement (%s)", (_, plan) => {
    const script = planScript(plan);
    expect(pg.parseSync(script).stmts ?? []).toHaveLength(expectedStatements(plan));
    for (const statement of plan.steps.flatMap((s) => s.sql).filter((sql) => sql.startsWith('DO '))) {
      expect(() => pg.parsePlPgSQLSync(`${statement};`)).not.toThrow();
    }
  });

  it('is one comment for an empty plan', () => {
    expect(planScript(emptyPlan)).toBe('-- No changes: the schemas are equivalent.\n');
  });

  it('keeps comments in the plan out of the SQL', () => {
    const step = { ...typicalPlan.steps[1]!, summary: 'two\nlines', sql: ['ALTER TABLE public.users ADD COLUMN note text -- why'] };
    const plan: Plan = { ...typicalPlan, steps: [step], refused: [{ ...typicalPlan.refused[0]!, reason: 'first\nSELECT 1' }] };
    const script = planScript(plan);
    expect(script).toContain('-- two\n-- lines\n');
    expect(pg.parseSync(script).stmts ?? []).toHaveLength(expectedStatements(plan));
  });

  it('wraps transactional steps in a transaction and resets session settings after the others', () => {
    const script = planScript(typicalPlan);
    expect(script).toContain("BEGIN;\nSET LOCAL lock_timeout = '3000ms';\nSET LOCAL statement_timeout = '10000ms';\nALTER TABLE public.users ADD COLUMN IF NOT EXISTS email_lower text;\nCOMMIT;\n");
    expect(script).toContain(
      "-- Runs outside a transaction.\nSET lock_timeout = '3000ms';\nSET statement_timeout = '60000ms';\nCREATE INDEX CONCURRENTLY IF NOT EXISTS users_email_lower_idx ON public.users (email_lower);\nRESET statement_timeout;\nRESET lock_timeout;\n",
    );
  });
});

describe('terminateStatement', () => {
  it('ends a statement with a semicolon', () => {
    expect(terminateStatement('SELECT 1')).toBe('SELECT 1;');
  });

  it('puts the semicolon on its own line after a trailing line comment', () => {
    expect(terminateStatement('SELECT 1 -- one')).toBe('SELECT 1 -- one\n;');
  });
});
