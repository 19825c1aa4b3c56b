import type { TestProject } from 'vitest/node';
import { selectedVersions } from './binaries.js';
import { prepareServer, type ServerInfo } from './database.js';
import { startPostgres, type PostgresServer } from './start-postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    wesleyPostgres: ServerInfo[];
  }
}

/**
 * Vitest global setup for integration tests: starts one server per selected major (or uses
 * DATABASE_URL) once per run and hands their URLs to the test workers.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.DATABASE_URL;
  if (external) {
    project.provide('wesleyPostgres', [await prepareServer(external, true)]);
    return async () => {};
  }
  const started: PostgresServer[] = [];
  const stopAll = () => Promise.all(started.map((s) => s.stop())).then(() => undefined);
  try {
    await Promise.all(
      selectedVersions().map(async (version) => {
        started.push(await startPostgres({ version }));
      }),
    );
    const infos = await Promise.all(started.map((s) => prepareServer(s.url, false)));
    project.provide('wesleyPostgres', infos.sort((a, b) => a.major - b.major));
  } catch (error) {
    await stopAll();
    throw error;
  }
  return stopAll;
}
