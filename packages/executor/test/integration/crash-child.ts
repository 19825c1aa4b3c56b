// Run by crash.test.ts in a child process that the test kills with SIGKILL at a random point:
// takes the lock and runs one migration, printing every executor event as one JSON line.
// argv: <database url> <migration JSON file> <throttle ms>
import fs from 'node:fs';
import { loadSqlParser } from '@wesley/ir';
import pg from 'pg';
import { acquireMigrationLock, executeMigration, type RunnableMigration } from '../../src/index.js';

const [url, file, throttle] = process.argv.slice(2) as [string, string, string];
await loadSqlParser();
const migration = JSON.parse(fs.readFileSync(file, 'utf8')) as RunnableMigration;
const lockClient = new pg.Client({ connectionString: url, application_name: 'wesley crash child (lock)' });
const work = new pg.Client({ connectionString: url, application_name: 'wesley crash child' });
await Promise.all([lockClient.connect(), work.connect()]);
const lock = await acquireMigrationLock(lockClient);
const outcome = await executeMigration(work, migration, { throttleMs: Number(throttle), onEvent: (e) => process.stdout.write(`${JSON.stringify(e)}\n`) });
process.stdout.write(`${JSON.stringify({ type: 'outcome', status: outcome.status })}\n`);
await lock.release();
await Promise.all([lockClient.end(), work.end()]);
