// The catalog queries introspection runs: one per kind of object, each over every table of the
// requested schemas at once (never one query per table). Expressions come back as the server
// renders them (pg_get_expr, pg_get_indexdef, format_type), so comparing them is a matter of the
// canonical forms in @wesley/ir, not of formatting. $1 is always the schema names (text[]).
// Column numbers (conkey, indkey, partattrs) come back as int2[] (int2vector through its text form,
// which is 1-based) and are named in JavaScript from
// the columns query: a correlated subquery per row costs seconds at 10,000 tables.

export const SCHEMAS_SQL = `SELECT nspname::text AS name FROM pg_namespace WHERE nspname = ANY($1::text[])`;

export const EXTENSIONS_SQL = `SELECT extname::text AS name FROM pg_extension WHERE extname <> 'plpgsql'`;

export const ENUMS_SQL = `
SELECT n.nspname::text AS schema, t.typname::text AS name,
       array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS values,
       obj_description(t.oid, 'pg_type') AS comment
  FROM pg_type t
  JOIN pg_namespace n ON n.oid = t.typnamespace
  JOIN pg_enum e ON e.enumtypid = t.oid
 WHERE n.nspname = ANY($1::text[])
 GROUP BY n.nspname, t.typname, t.oid`;

/** The comment of a relation (objsubid 0) or column (objsubid attnum): a join, not obj_description() per row. */
const comments = (alias: string, objoid: string, objsubid: string) =>
  `LEFT JOIN pg_description ${alias} ON ${alias}.objoid = ${objoid} AND ${alias}.classoid = 'pg_class'::regclass AND ${alias}.objsubid = ${objsubid}`;

// Tables, partitioned tables and their partitions (which Wesley keeps in the parent's schema).
export const TABLES_SQL = `
SELECT c.oid::int8 AS oid, n.nspname::text AS schema, c.relname::text AS name, c.relkind::text AS kind,
       c.relrowsecurity AS rls, c.relforcerowsecurity AS force_rls, d.description AS comment,
       i.inhparent::int8 AS parent,
       CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END AS bound,
       p.partstrat::text AS strategy, string_to_array(p.partattrs::text, ' ')::int2[] AS partition_attnums
  FROM pg_class c
  JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_inherits i ON c.relispartition AND i.inhrelid = c.oid
  LEFT JOIN pg_partitioned_table p ON p.partrelid = c.oid
  ${comments('d', 'c.oid', '0')}
 WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY($1::text[])`;

const TABLE_FILTER = `JOIN pg_class c ON c.oid = %REL%
  JOIN pg_namespace n ON n.oid = c.relnamespace`;
const tableJoin = (rel: string) => TABLE_FILTER.replace('%REL%', rel);

/** Columns of tables that are not partitions; `attgenerated` exists from PostgreSQL 12. */
export const columnsSql = (serverVersionNum: number) => `
SELECT a.attrelid::int8 AS rel, a.attnum, a.attname::text AS name, format_type(a.atttypid, a.atttypmod) AS type,
       a.attnotnull AS not_null, a.attidentity::text AS identity,
       ${serverVersionNum >= 120000 ? 'a.attgenerated::text' : "''"} AS generated,
       pg_get_expr(ad.adbin, ad.adrelid) AS expression,
       d.description AS comment,
       en.nspname::text AS enum_schema, et.typname::text AS enum_name, t.typcategory = 'A' AS is_array
  FROM pg_attribute a
  ${tableJoin('a.attrelid')}
  JOIN pg_type t ON t.oid = a.atttypid
  LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
  ${comments('d', 'a.attrelid', 'a.attnum')}
  LEFT JOIN pg_type et ON et.oid = CASE WHEN t.typcategory = 'A' THEN t.typelem ELSE t.oid END AND et.typtype = 'e'
  LEFT JOIN pg_namespace en ON en.oid = et.typnamespace
 WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p') AND NOT c.relispartition
   AND n.nspname = ANY($1::text[])`;

// Constraints declared on the tables themselves: not the copies PostgreSQL makes on partitions or
// for keys that reference a partitioned table (conparentid <> 0). contype 'n' is PostgreSQL 18's
// NOT NULL constraint, read only when it is NOT VALID (attnotnull says the rest). A foreign key to
// a table outside the schemas read gets its referenced column names here (the rare case).
export const CONSTRAINTS_SQL = `
SELECT co.conrelid::int8 AS rel, co.conname::text AS name, co.contype::text AS type,
       co.condeferrable AS deferrable, co.condeferred AS deferred, co.convalidated AS validated,
       co.conkey AS attnums, co.confrelid::int8 AS ref_rel,
       fn.nspname::text AS ref_schema, fc.relname::text AS ref_table, co.confkey AS ref_attnums,
       CASE WHEN co.contype = 'f' AND NOT (fn.nspname = ANY($1::text[])) THEN
         (SELECT array_agg(fa.attname::text ORDER BY k.ord) FROM unnest(co.confkey) WITH ORDINALITY AS k(attnum, ord)
            JOIN pg_attribute fa ON fa.attrelid = co.confrelid AND fa.attnum = k.attnum) END AS ref_columns,
       co.confdeltype::text AS on_delete, co.confupdtype::text AS on_update,
       CASE WHEN co.contype = 'c' THEN pg_get_expr(co.conbin, co.conrelid) END AS expression
  FROM pg_constraint co
  ${tableJoin('co.conrelid')}
  LEFT JOIN pg_class fc ON fc.oid = co.confrelid
  LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
 WHERE co.contype IN ('p', 'u', 'c', 'f', 'n') AND (co.contype <> 'n' OR NOT co.convalidated)
   AND co.conparentid = 0 AND NOT c.relispartition AND n.nspname = ANY($1::text[])`;

// Indexes of tables that are not partitions (a partitioned table's index has one per partition,
// attached to it). An EXCLUDE constraint's index is read like any index the IR cannot describe,
// so an extra one shows. `plain` is false when the index has what the IR cannot say: expressions,
// INCLUDE columns, DESC / NULLS FIRST, a non-default operator class (the set of those is read once,
// not per index). pg_get_indexdef only for those and INVALID ones: it is the costliest part.
const PLAIN_INDEX = `i.indexprs IS NULL AND i.indnatts = i.indnkeyatts AND 0 = ALL (i.indoption::int2[])
         AND NOT (i.indclass::oid[] && ARRAY(SELECT oid FROM pg_opclass WHERE NOT opcdefault))`;
export const INDEXES_SQL = `
SELECT i.indrelid::int8 AS rel, ic.relname::text AS name, am.amname::text AS method,
       i.indisunique AS is_unique, i.indisvalid AS valid, i.indisready AS ready,
       pg_get_expr(i.indpred, i.indrelid) AS predicate,
       string_to_array(i.indkey::text, ' ')::int2[] AS attnums, i.indnkeyatts AS key_count,
       CASE WHEN NOT (${PLAIN_INDEX}) OR NOT i.indisvalid OR NOT i.indisready THEN pg_get_indexdef(i.indexrelid) END AS definition,
       ${PLAIN_INDEX} AS plain,
       i.indexrelid IN (SELECT co.conindid FROM pg_constraint co WHERE co.contype IN ('p', 'u')) AS backs_constraint
  FROM pg_index i
  ${tableJoin('i.indrelid')}
  JOIN pg_class ic ON ic.oid = i.indexrelid
  JOIN pg_am am ON am.oid = ic.relam
 WHERE NOT c.relispartition AND n.nspname = ANY($1::text[])`;

// Policies on tables and on partitions (Wesley puts the parent's policies on every partition).
export const POLICIES_SQL = `
SELECT p.polrelid::int8 AS rel, p.polname::text AS name, p.polcmd::text AS command, p.polpermissive AS permissive,
       ARRAY(SELECT CASE WHEN r = 0 THEN 'public' ELSE pg_get_userbyid(r)::text END FROM unnest(p.polroles) AS r) AS roles,
       pg_get_expr(p.polqual, p.polrelid) AS using, pg_get_expr(p.polwithcheck, p.polrelid) AS with_check
  FROM pg_policy p
  ${tableJoin('p.polrelid')}
 WHERE n.nspname = ANY($1::text[])`;

// User triggers that call one of Wesley's helper functions ($2: 'schema.name' of each).
export const TRIGGERS_SQL = `
SELECT t.tgrelid::int8 AS rel, t.tgname::text AS name, t.tgargs AS args, t.tgenabled::text AS enabled
  FROM pg_trigger t
  ${tableJoin('t.tgrelid')}
  JOIN pg_proc f ON f.oid = t.tgfoid
  JOIN pg_namespace fn ON fn.oid = f.pronamespace
 WHERE NOT t.tgisinternal AND n.nspname = ANY($1::text[])
   AND fn.nspname || '.' || f.proname = ANY($2::text[])`;

// Wesley's helper functions ($1: 'schema.name' of each).
export const FUNCTIONS_SQL = `
SELECT n.nspname::text AS schema, p.proname::text AS name
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
 WHERE n.nspname || '.' || p.proname = ANY($1::text[])`;

// The roles asked for ($1).
export const ROLES_SQL = `SELECT rolname::text AS name, rolbypassrls AS bypass_rls FROM pg_roles WHERE rolname = ANY($1::text[])`;
