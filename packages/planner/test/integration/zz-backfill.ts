import { startPostgres, prepareServer, createDatabase, withClient } from '@wesley/testkit';
for (const version of [11, 18] as const) {
  const server = await startPostgres({ version });
  try {
    const info = await prepareServer(server.url, false);
    const db = await createDatabase(info);
    await withClient(db.url, async (c) => {
      for (const analyze of [false, true]) {
        await c.query(`DROP TABLE IF EXISTS item; CREATE TABLE item (id int PRIMARY KEY, v text); INSERT INTO item SELECT g, NULL FROM generate_series(1, 50000) g;`);
        if (analyze) await c.query('ANALYZE item');
        await new Promise((r) => setTimeout(r, 1500));
        const before = (await c.query(`SELECT pg_stat_clear_snapshot(); SELECT seq_scan FROM pg_stat_user_tables WHERE relname = 'item'`) as any)[1].rows[0].seq_scan;
        const body = `DO $$
DECLARE last_0 integer;
BEGIN
  LOOP
    WITH batch AS (SELECT "id" FROM "public"."item" WHERE last_0 IS NULL OR "id" > last_0 ORDER BY "id" LIMIT 5000),
      updated AS (UPDATE "public"."item" AS t SET "v" = ('new') FROM batch WHERE t."id" = batch."id" AND t."v" IS NULL)
    SELECT "id" INTO last_0 FROM batch ORDER BY "id" DESC LIMIT 1;
    EXIT WHEN NOT FOUND;
    COMMIT;
  END LOOP;
END $$`;
        await withClient(db.url, (d) => d.query(body));
        await new Promise((r) => setTimeout(r, 1500));
        const rows = (await c.query(`SELECT pg_stat_clear_snapshot(); SELECT seq_scan - ${before} AS seq_scans_during_backfill, (SELECT count(*) FROM item WHERE v IS NULL) AS nulls FROM pg_stat_user_tables WHERE relname = 'item'`) as any)[1].rows;
        const ex = await c.query(`EXPLAIN WITH batch AS (SELECT "id" FROM "public"."item" WHERE 100 IS NULL OR "id" > 100 ORDER BY "id" LIMIT 5000),
      updated AS (UPDATE "public"."item" AS t SET "v" = ('new') FROM batch WHERE t."id" = batch."id" AND t."v" IS NULL)
    SELECT "id" FROM batch ORDER BY "id" DESC LIMIT 1`);
        console.log(version, 'analyze', analyze, rows[0], ex.rows.filter((r: any) => /Seq Scan|Join/.test(r['QUERY PLAN'])).map((r: any) => r['QUERY PLAN'].trim()).join(' | '));
      }
    });
    await db.drop();
  } finally {
    await server.stop();
  }
}
