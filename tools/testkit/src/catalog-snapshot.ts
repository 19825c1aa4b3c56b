import type pg from 'pg';

/**
 * What a database's schema looks like, read from the catalogs, as sorted plain data: two databases
 * built differently (a fresh script vs. a migration) are equal when their snapshots are deep-equal.
 * Column order is ignored (a migration appends columns); everything else PostgreSQL would dump is
 * compared: types, NULL-ness, defaults, identity and generation, constraints with their validity,
 * indexes with their validity, triggers, policies, RLS flags, partitions, enums, comments.
 * An independent oracle for tests: deliberately not @wesley/drift's introspection.
 */
export interface CatalogSnapshot {
  readonly tables: readonly Record<string, unknown>[];
  readonly columns: readonly Record<string, unknown>[];
  readonly constraints: readonly Record<string, unknown>[];
  readonly indexes: readonly Record<string, unknown>[];
  readonly triggers: readonly Record<string, unknown>[];
  readonly policies: readonly Record<string, unknown>[];
  readonly enums: readonly Record<string, unknown>[];
  readonly functions: readonly Record<string, unknown>[];
}

const USER_NAMESPACES = `SELECT oid FROM pg_namespace WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND nspname NOT LIKE 'pg_temp%' AND nspname NOT LIKE 'pg_toast_temp%'`;

const QUERIES: Record<keyof CatalogSnapshot, string> = {
  tables: `
    SELECT c.oid::regclass::text AS name, c.relkind::text AS kind, c.relrowsecurity AS rls, c.relforcerowsecurity AS force_rls,
           pg_get_expr(c.relpartbound, c.oid) AS bound, CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partition_key,
           obj_description(c.oid, 'pg_class') AS comment
    FROM pg_class c WHERE c.relkind IN ('r', 'p') AND c.relnamespace IN (${USER_NAMESPACES}) ORDER BY 1`,
  columns: `
    SELECT c.oid::regclass::text AS "table", a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null,
           pg_get_expr(d.adbin, d.adrelid) AS "default", a.attidentity::text AS identity, ATTGENERATED AS generated,
           col_description(c.oid, a.attnum) AS comment
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    WHERE c.relkind IN ('r', 'p') AND c.relnamespace IN (${USER_NAMESPACES}) AND a.attnum > 0 AND NOT a.attisdropped ORDER BY 1, 2`,
  constraints: `
    SELECT c.conrelid::regclass::text AS "table", c.conname AS name, c.contype::text AS type, pg_get_constraintdef(c.oid) AS definition,
           c.convalidated AS validated, c.condeferrable AS deferrable, c.condeferred AS deferred
    FROM pg_constraint c WHERE c.conrelid <> 0 AND c.connamespace IN (${USER_NAMESPACES}) ORDER BY 1, 2`,
  indexes: `
    SELECT i.indrelid::regclass::text AS "table", x.relname AS name, pg_get_indexdef(i.indexrelid) AS definition, i.indisvalid AS valid,
           i.indisprimary AS "primary", i.indisunique AS "unique"
    FROM pg_index i JOIN pg_class x ON x.oid = i.indexrelid WHERE x.relnamespace IN (${USER_NAMESPACES}) ORDER BY 1, 2`,
  triggers: `
    SELECT t.tgrelid::regclass::text AS "table", t.tgname AS name, pg_get_triggerdef(t.oid) AS definition
    FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal AND c.relnamespace IN (${USER_NAMESPACES}) ORDER BY 1, 2`,
  policies: `
    SELECT schemaname || '.' || tablename AS "table", policyname AS name, permissive, roles::text AS roles, cmd, qual, with_check
    FROM pg_policies ORDER BY 1, 2`,
  enums: `
    SELECT t.oid::regtype::text AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels, obj_description(t.oid, 'pg_type') AS comment
    FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid WHERE t.typnamespace IN (${USER_NAMESPACES}) GROUP BY t.oid ORDER BY 1`,
  functions: `
    SELECT p.oid::regprocedure::text AS name, md5(p.prosrc) AS body, p.provolatile::text AS volatility
    FROM pg_proc p WHERE p.pronamespace IN (${USER_NAMESPACES}) ORDER BY 1`,
};

/** Reads the catalog snapshot of the database the client is connected to. */
export async function catalogSnapshot(client: pg.ClientBase): Promise<CatalogSnapshot> {
  // pg_attribute.attgenerated exists from PostgreSQL 12; before, no column is generated.
  const { rows } = await client.query<{ v: string }>(`SELECT current_setting('server_version_num') AS v`);
  const attgenerated = Number(rows[0]!.v) >= 120000 ? 'a.attgenerated::text' : `''::text`;
  const out: Partial<Record<keyof CatalogSnapshot, Record<string, unknown>[]>> = {};
  for (const [key, sql] of Object.entries(QUERIES) as [keyof CatalogSnapshot, string][]) {
    out[key] = (await client.query(sql.replace('ATTGENERATED', attgenerated))).rows;
  }
  return out as CatalogSnapshot;
}
