import { startPostgres, prepareServer, createDatabase, withClient } from '@wesley/testkit';
for (const version of [11, 18] as const) {
  const server = await startPostgres({ version });
  try {
    const info = await prepareServer(server.url, false);
    const db = await createDatabase(info);
    await withClient(db.url, async (c) => {
      await c.query(`CREATE TABLE t (id int PRIMARY KEY, o int); CREATE INDEX t_o_idx ON t (o)`); await c.query(`BEGIN`); await c.query(`ALTER INDEX t_o_idx RENAME TO t_o2_idx`);
      const { rows } = await c.query(`SELECT relation::regclass::text AS rel, mode FROM pg_locks WHERE pid = pg_backend_pid() AND locktype = 'relation' AND relation::regclass::text NOT LIKE 'pg_%'`);
      console.log(version, rows);
      await withClient(db.url, async (d) => {
        await d.query(`SET lock_timeout = 200`);
        const r = await d.query(`SELECT * FROM t WHERE o = 1`).then(() => 'select ran', (e) => 'select blocked: ' + e.message);
        console.log(version, r);
      });
      await c.query('COMMIT');
    });
    await db.drop();
  } finally {
    await server.stop();
  }
}
