import { inject, onTestFinished } from 'vitest';
import { createDatabase, type ServerInfo, type TestDatabase } from './database.js';

/** The servers of this run (one per selected major, or the DATABASE_URL server). */
export function testServers(): ServerInfo[] {
  const servers = inject('wesleyPostgres');
  if (!servers?.length) {
    throw new Error('No PostgreSQL servers: run integration tests through the `integration` vitest project.');
  }
  return servers;
}

/** A fresh database for the current test, dropped when the test finishes. */
export async function createTestDatabase(server: ServerInfo): Promise<TestDatabase> {
  const db = await createDatabase(server);
  onTestFinished(() => db.drop());
  return db;
}
