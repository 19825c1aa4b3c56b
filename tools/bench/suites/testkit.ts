import { createDatabase, prepareServer, startPostgres, type PostgresServer } from '@wesley/testkit';
import { measure, type BenchSuite } from '../measure.js';

/** How long the test kit takes to give a test a real server and a database. */
export const suite: BenchSuite = {
  name: 'testkit',
  async run() {
    const results = [];
    results.push(
      await measure(
        'testkit',
        'start PostgreSQL 11 and 18 in parallel (initdb + start), then stop',
        async () => {
          const servers = await Promise.all([startPostgres({ version: 11 }), startPostgres({ version: 18 })]);
          await Promise.all(servers.map((s) => s.stop()));
        },
        { samples: 3, warmup: 0 },
      ),
    );
    const server: PostgresServer = await startPostgres({ version: 18 });
    try {
      const info = await prepareServer(server.url, false);
      const made: Array<{ drop(): Promise<void> }> = [];
      results.push(
        await measure('testkit', 'createDatabase from the template (PG 18)', async () => made.push(await createDatabase(info)), {
          samples: 20,
          warmup: 2,
        }),
      );
      await Promise.all(made.map((d) => d.drop()));
    } finally {
      await server.stop();
    }
    return results;
  },
};
