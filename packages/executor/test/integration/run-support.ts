// Shared by the executor's integration tests: compile SDL, plan against a live database with its
// real facts, and run a migration the way `wesley migrate execute` does (lock, then execute).
import { compileSchema, formatError, type SchemaIR } from '@wesley/ir';
import { planMigration, type Plan } from '@wesley/planner';
import pg from 'pg';
import { acquireMigrationLock, executeMigration, readServerFacts, type ExecuteOptions, type MigrationOutcome, type RunnableMigration } from '../../src/index.js';

export async function compile(sdl: string): Promise<SchemaIR> {
  const result = await compileSchema([{ name: 'schema.graphql', text: sdl }]);
  if (!result.ok) throw new Error(result.errors.map(formatError).join('\n'));
  return result.ir;
}

/** The plan from `from` to `to` with the facts of the database at `url`. */
export async function planOn(url: string, from: SchemaIR | null, to: SchemaIR, options: { unsafe?: boolean; batchSize?: number } = {}): Promise<Plan> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const facts = await readServerFacts(client);
    return planMigration(from, to, facts, options);
  } finally {
    await client.end();
  }
}

export function runnable(id: string, plan: Plan): RunnableMigration {
  return { id, name: id.replace(/^\d+_/, ''), fromHash: plan.fromHash, toHash: plan.toHash, checksum: 'test', plan };
}

/** Takes the lock on one connection and runs the migration on another, as the CLI does. */
export async function runLocked(url: string, migration: RunnableMigration, options: ExecuteOptions & { wait?: boolean } = {}): Promise<MigrationOutcome> {
  const lockClient = new pg.Client({ connectionString: url, application_name: 'wesley test lock' });
  const work = new pg.Client({ connectionString: url, application_name: 'wesley test' });
  await Promise.all([lockClient.connect(), work.connect()]);
  try {
    const lock = await acquireMigrationLock(lockClient, { wait: options.wait ?? true });
    try {
      return await executeMigration(work, migration, options);
    } finally {
      await lock.release();
    }
  } finally {
    await Promise.all([lockClient.end(), work.end()]);
  }
}
