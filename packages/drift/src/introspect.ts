// Reads a live database into the same SchemaIR the compiler produces, with a constant number of
// bulk catalog queries in one read-only transaction. What the IR has no field for (an index left
// INVALID, a constraint NOT VALID, an index the IR cannot describe) comes back in `state`.
import {
  HELPER_FUNCTIONS,
  IR_VERSION,
  LEDGER_TABLES,
  TOUCH_FUNCTION,
  WesleyError,
  loadSqlParser,
  qualifiedName,
  type CheckIR,
  type ColumnIR,
  type Deferrable,
  type EnumIR,
  type ForeignKeyAction,
  type ForeignKeyIR,
  type FunctionIR,
  type IndexIR,
  type PartitioningIR,
  type PolicyCommand,
  type PolicyIR,
  type RoleIR,
  type SchemaIR,
  type SourceLocation,
  type TableIR,
  type UniqueIR,
} from '@wesley/ir';
import {
  CONSTRAINTS_SQL,
  ENUMS_SQL,
  EXTENSIONS_SQL,
  FUNCTIONS_SQL,
  INDEXES_SQL,
  POLICIES_SQL,
  ROLES_SQL,
  SCHEMAS_SQL,
  TABLES_SQL,
  TRIGGERS_SQL,
  columnsSql,
} from './catalog-queries.js';
import { DRIFT_ERROR_CODES } from './errors.js';
import { withReadOnlySession, type DatabaseClient } from './session.js';

export interface IntrospectOptions {
  /** PostgreSQL schemas to read (default `['public']`). */
  readonly schemas?: readonly string[];
  /**
   * Extensions to look for (default: every installed one but plpgsql). Extensions are
   * database-wide: a schema's drift check asks only for those it needs.
   */
  readonly extensions?: readonly string[];
  /** Roles to look up (name and BYPASSRLS); roles named by policies are always read. */
  readonly roles?: readonly string[];
}

export interface ObjectRef {
  readonly schema: string;
  readonly table: string;
  readonly name: string;
}

/** What the database holds that the IR has no field for. */
export interface DatabaseState {
  /** Indexes a failed CREATE INDEX CONCURRENTLY left INVALID (or not ready). */
  readonly invalidIndexes: readonly (ObjectRef & { readonly definition: string })[];
  /** Foreign keys, checks and (PostgreSQL 18) NOT NULL constraints added NOT VALID and never validated. */
  readonly unvalidatedConstraints: readonly (ObjectRef & { readonly type: 'foreign-key' | 'check' | 'not-null' })[];
  /** Indexes with expressions, INCLUDE columns, DESC or a non-default operator class, which the IR cannot describe. */
  readonly unrepresentableIndexes: readonly (ObjectRef & { readonly definition: string })[];
  /** Partitions whose row-level security differs from their parent's (Wesley gives them the parent's). */
  readonly partitionRlsMismatches: readonly (ObjectRef & { readonly detail: string })[];
  /** `@updatedAt` triggers that exist but are disabled. */
  readonly disabledTriggers: readonly ObjectRef[];
  /** Primary keys and unique constraints made DEFERRABLE (the schema's never are). */
  readonly deferrableKeys: readonly (ObjectRef & { readonly deferrable: Deferrable })[];
  /** PostgreSQL 18 VIRTUAL generated columns (the schema's are STORED); `name` is the column. */
  readonly virtualColumns: readonly ObjectRef[];
}

export interface Introspection {
  readonly ir: SchemaIR;
  readonly state: DatabaseState;
  readonly serverVersionNum: number;
  /** Catalog queries run (constant, whatever the number of tables). */
  readonly queries: number;
}

const LOCATION: SourceLocation = { file: '(database)', line: 0, column: 0 };

const FK_ACTIONS: Readonly<Record<string, ForeignKeyAction>> = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };
const POLICY_COMMANDS: Readonly<Record<string, PolicyCommand>> = { '*': 'all', r: 'select', a: 'insert', w: 'update', d: 'delete' };
const STRATEGIES = { r: 'range', l: 'list', h: 'hash' } as const;

interface TableRow {
  oid: string; schema: string; name: string; kind: string; rls: boolean; force_rls: boolean; comment: string | null;
  parent: string | null; bound: string | null; strategy: 'r' | 'l' | 'h' | null; partition_attnums: number[] | null;
}
interface ColumnRow {
  rel: string; attnum: number; name: string; type: string; not_null: boolean; identity: string; generated: string; expression: string | null;
  comment: string | null; enum_schema: string | null; enum_name: string | null; is_array: boolean;
}
interface ConstraintRow {
  rel: string; name: string; type: 'p' | 'u' | 'c' | 'f' | 'n'; deferrable: boolean; deferred: boolean; validated: boolean;
  attnums: number[] | null; ref_rel: string; ref_schema: string | null; ref_table: string | null; ref_attnums: number[] | null;
  ref_columns: string[] | null; on_delete: string; on_update: string; expression: string | null;
}
interface IndexRow {
  rel: string; name: string; method: string; is_unique: boolean; valid: boolean; ready: boolean; predicate: string | null;
  attnums: number[]; key_count: number; definition: string | null; plain: boolean; backs_constraint: boolean;
}
interface PolicyRow { rel: string; name: string; command: string; permissive: boolean; roles: string[]; using: string | null; with_check: string | null }
interface TriggerRow { rel: string; name: string; args: Buffer; enabled: string }

/** Trigger arguments: pg_trigger.tgargs holds each one UTF-8 encoded and ended by a zero byte. */
function triggerArgs(bytes: Buffer): string[] {
  const args: string[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] !== 0) continue;
    args.push(bytes.subarray(start, i).toString('utf8'));
    start = i + 1;
  }
  return args;
}

const deferrableOf = (row: ConstraintRow): Deferrable => (!row.deferrable ? 'not deferrable' : row.deferred ? 'initially deferred' : 'initially immediate');

/** The IR's spelling of a column type: enums as `"schema"."name"` (and `[]`), the rest as format_type. */
function columnType(row: ColumnRow): string {
  if (!row.enum_schema || !row.enum_name) return row.type;
  const base = qualifiedName(row.enum_schema, row.enum_name);
  return row.is_array ? `${base}[]` : base;
}

function column(row: ColumnRow, updatedAt: boolean): ColumnIR {
  // 's' STORED, 'v' VIRTUAL (PostgreSQL 18): either way the expression is not a default.
  const generated = (row.generated === 's' || row.generated === 'v') && row.expression !== null ? { expression: row.expression } : null;
  return {
    kind: 'column',
    name: row.name,
    graphqlName: row.name,
    type: columnType(row),
    graphqlType: { named: row.type, nullable: !row.not_null },
    ...(row.enum_schema && row.enum_name ? { enum: { schema: row.enum_schema, name: row.enum_name } } : {}),
    nullable: !row.not_null,
    default: generated || row.expression === null ? null : { kind: 'expression', sql: row.expression, volatility: 'volatile' },
    identity: row.identity === 'a' ? 'always' : row.identity === 'd' ? 'by default' : null,
    generated,
    updatedAt,
    renamedFrom: null,
    comment: row.comment,
    location: LOCATION,
  };
}

function policy(row: PolicyRow): PolicyIR {
  return {
    name: row.name,
    command: POLICY_COMMANDS[row.command] ?? 'all',
    permissive: row.permissive,
    roles: row.roles,
    using: row.using,
    withCheck: row.with_check,
  };
}

/** One line per policy and the RLS flags: equal for a partition that has its parent's security. */
const securityKey = (rls: boolean, force: boolean, policies: readonly PolicyRow[]) =>
  JSON.stringify([rls, force, policies.map((p) => [p.name, p.command, p.permissive, [...p.roles].sort(), p.using, p.with_check]).sort()]);

/** Rows by table; the queries return them in no order, so each group is sorted (by `order`). */
const groupBy = <T extends { rel: string }>(rows: readonly T[], order: (a: T, b: T) => number) => {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const list = map.get(row.rel);
    if (list) list.push(row);
    else map.set(row.rel, [row]);
  }
  for (const list of map.values()) list.sort(order);
  return map;
};
const byAttnum = (a: { attnum: number }, b: { attnum: number }) => a.attnum - b.attnum;
const byRowName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * Reads the schemas' tables, columns, keys, constraints, indexes, enums, partitions, RLS and
 * policies into a SchemaIR, with about a dozen catalog queries in one read-only transaction.
 * The client must not be inside a transaction; a Pool lends a connection for the duration.
 */
export async function introspect(client: DatabaseClient, options: IntrospectOptions = {}): Promise<Introspection> {
  const schemas = [...new Set(options.schemas ?? ['public'])];
  await loadSqlParser();
  return withReadOnlySession(client, async ({ query, count }) => {
    const serverVersionNum = Number((await query<{ v: string }>(`SELECT current_setting('server_version_num') AS v`)).rows[0]!.v);
    if (serverVersionNum < 110000) {
      throw new WesleyError({
        code: DRIFT_ERROR_CODES.unsupportedVersion,
        message: `The server runs PostgreSQL ${Math.floor(serverVersionNum / 10000)}; Wesley supports PostgreSQL 11 and later.`,
        hint: 'Upgrade the server to PostgreSQL 11 or later.',
      });
    }
    const helperNames = HELPER_FUNCTIONS.map((f) => `${f.schema}.${f.name}`);
    const existingSchemas = (await query<{ name: string }>(SCHEMAS_SQL, [schemas])).rows.map((r) => r.name);
    const installed = (await query<{ name: string }>(EXTENSIONS_SQL)).rows.map((r) => r.name);
    const extensions = options.extensions ? installed.filter((x) => options.extensions!.includes(x)) : installed;
    const enumRows = (await query<{ schema: string; name: string; values: string[]; comment: string | null }>(ENUMS_SQL, [schemas])).rows;
    const tableRows = (await query<TableRow>(TABLES_SQL, [schemas])).rows;
    const columnRows = (await query<ColumnRow>(columnsSql(serverVersionNum), [schemas])).rows;
    const constraintRows = (await query<ConstraintRow>(CONSTRAINTS_SQL, [schemas])).rows;
    const indexRows = (await query<IndexRow>(INDEXES_SQL, [schemas])).rows;
    const policyRows = (await query<PolicyRow>(POLICIES_SQL, [schemas])).rows;
    const triggerRows = (await query<TriggerRow>(TRIGGERS_SQL, [schemas, [`${TOUCH_FUNCTION.schema}.${TOUCH_FUNCTION.name}`]])).rows;
    const functionRows = (await query<{ schema: string; name: string }>(FUNCTIONS_SQL, [helperNames])).rows;
    const policyRoles = policyRows.flatMap((p) => p.roles).filter((r) => r !== 'public');
    const roleRows = (await query<{ name: string; bypass_rls: boolean }>(ROLES_SQL, [[...new Set([...(options.roles ?? []), ...policyRoles])]])).rows;

    const state = {
      invalidIndexes: [] as Array<ObjectRef & { definition: string }>,
      unvalidatedConstraints: [] as Array<ObjectRef & { type: 'foreign-key' | 'check' | 'not-null' }>,
      unrepresentableIndexes: [] as Array<ObjectRef & { definition: string }>,
      partitionRlsMismatches: [] as Array<ObjectRef & { detail: string }>,
      disabledTriggers: [] as ObjectRef[],
      deferrableKeys: [] as Array<ObjectRef & { deferrable: Deferrable }>,
      virtualColumns: [] as ObjectRef[],
    };
    const byOid = new Map(tableRows.map((t) => [t.oid, t]));
    const columnsOf = groupBy(columnRows, byAttnum);
    const columnNames = new Map<string, Map<number, string>>();
    for (const [rel, rows] of columnsOf) columnNames.set(rel, new Map(rows.map((c) => [c.attnum, c.name])));
    /** The names of column numbers of a table read here (0, an expression, has none). */
    const namesOf = (rel: string, attnums: readonly number[] | null) => (attnums ?? []).filter((n) => n !== 0).map((n) => columnNames.get(rel)?.get(n) ?? `#${n}`);
    const constraintsOf = groupBy(constraintRows, byRowName);
    const indexesOf = groupBy(indexRows, byRowName);
    const policiesOf = groupBy(policyRows, byRowName);
    const partitionsOf = new Map<string, TableRow[]>();
    for (const t of tableRows) {
      if (t.parent === null) continue;
      const list = partitionsOf.get(t.parent);
      if (list) list.push(t);
      else partitionsOf.set(t.parent, [t]);
    }
    // updatedAt: a touch trigger on the table, or on its partitions (PostgreSQL 11 and 12).
    const touched = new Map<string, Set<string>>();
    for (const trigger of triggerRows) {
      const table = byOid.get(trigger.rel);
      if (!table) continue;
      const owner = table.parent ?? table.oid;
      const [columnName] = triggerArgs(trigger.args);
      if (columnName === undefined) continue;
      if (trigger.enabled === 'D') state.disabledTriggers.push({ schema: table.schema, table: table.name, name: trigger.name });
      const set = touched.get(owner) ?? new Set<string>();
      set.add(columnName);
      touched.set(owner, set);
    }

    const tables: TableIR[] = [];
    for (const t of tableRows) {
      if (t.parent !== null && byOid.has(t.parent)) continue;
      if (LEDGER_TABLES.some((l) => l.schema === t.schema && l.name === t.name)) continue; // the executor's ledger
      const ref = (name: string) => ({ schema: t.schema, table: t.name, name });
      const constraints = constraintsOf.get(t.oid) ?? [];
      let primaryKey: TableIR['primaryKey'] = null;
      const uniques: UniqueIR[] = [];
      const checks: CheckIR[] = [];
      const foreignKeys: ForeignKeyIR[] = [];
      for (const c of constraints) {
        if (!c.validated && (c.type === 'f' || c.type === 'c' || c.type === 'n')) {
          // A NOT NULL constraint is named by its column, where the report puts it.
          const name = c.type === 'n' ? (namesOf(t.oid, c.attnums)[0] ?? c.name) : c.name;
          state.unvalidatedConstraints.push({ ...ref(name), type: c.type === 'f' ? 'foreign-key' : c.type === 'c' ? 'check' : 'not-null' });
        }
        if ((c.type === 'p' || c.type === 'u') && c.deferrable) state.deferrableKeys.push({ ...ref(c.name), deferrable: deferrableOf(c) });
        if (c.type === 'p') primaryKey = { name: c.name, columns: namesOf(t.oid, c.attnums), location: LOCATION };
        else if (c.type === 'u') uniques.push({ kind: 'unique', name: c.name, columns: namesOf(t.oid, c.attnums), where: null, location: LOCATION });
        else if (c.type === 'c') checks.push({ kind: 'check', name: c.name, expression: c.expression ?? '', location: LOCATION });
        else if (c.type === 'f') {
          foreignKeys.push({
            kind: 'foreign-key',
            name: c.name,
            columns: namesOf(t.oid, c.attnums),
            references: { schema: c.ref_schema ?? '', name: c.ref_table ?? '', columns: c.ref_columns ?? namesOf(c.ref_rel, c.ref_attnums) },
            onDelete: FK_ACTIONS[c.on_delete] ?? 'NO ACTION',
            onUpdate: FK_ACTIONS[c.on_update] ?? 'NO ACTION',
            deferrable: deferrableOf(c),
            location: LOCATION,
          });
        }
      }
      const indexes: IndexIR[] = [];
      for (const i of indexesOf.get(t.oid) ?? []) {
        if (!i.valid || !i.ready) state.invalidIndexes.push({ ...ref(i.name), definition: i.definition ?? '' });
        if (i.backs_constraint) continue;
        if (!i.plain) state.unrepresentableIndexes.push({ ...ref(i.name), definition: i.definition ?? '' });
        const columns = namesOf(t.oid, i.attnums.slice(0, i.key_count));
        // A unique index that backs no constraint is how Wesley creates a partial @unique.
        if (i.is_unique) uniques.push({ kind: 'unique', name: i.name, columns, where: i.predicate, location: LOCATION });
        else indexes.push({ kind: 'index', name: i.name, columns, method: i.method as IndexIR['method'], unique: false, where: i.predicate, origin: 'declared', location: LOCATION });
      }
      const partitions = partitionsOf.get(t.oid) ?? [];
      const partitioning: PartitioningIR | null = t.strategy
        ? {
            strategy: STRATEGIES[t.strategy],
            columns: namesOf(t.oid, t.partition_attnums),
            partitions: partitions.map((p) => ({ name: p.name, bound: p.bound ?? '', location: LOCATION })),
          }
        : null;
      const policies = policiesOf.get(t.oid) ?? [];
      const rls = t.rls || t.force_rls || policies.length ? { enabled: t.rls, force: t.force_rls, policies: policies.map(policy) } : null;
      if (t.strategy) {
        const expected = securityKey(t.rls, t.force_rls, policies);
        for (const p of partitions) {
          if (securityKey(p.rls, p.force_rls, policiesOf.get(p.oid) ?? []) !== expected) {
            state.partitionRlsMismatches.push({ schema: p.schema, table: t.name, name: p.name, detail: `the partition ${p.schema}.${p.name} does not have the row-level security and policies of ${t.schema}.${t.name}` });
          }
        }
      }
      const updated = touched.get(t.oid) ?? new Set<string>();
      tables.push({
        kind: 'table',
        schema: t.schema,
        name: t.name,
        graphqlName: t.name,
        columns: (columnsOf.get(t.oid) ?? []).map((c) => {
          if (c.generated === 'v') state.virtualColumns.push(ref(c.name));
          return column(c, updated.has(c.name));
        }),
        primaryKey,
        uniques,
        indexes,
        foreignKeys,
        checks,
        partitioning,
        tenant: null,
        rls,
        relations: [],
        renamedFrom: null,
        comment: t.comment,
        location: LOCATION,
      });
    }

    const enums: EnumIR[] = enumRows.map((e) => ({ kind: 'enum', schema: e.schema, name: e.name, graphqlName: e.name, values: e.values, comment: e.comment, location: LOCATION }));
    const functions: FunctionIR[] = HELPER_FUNCTIONS.filter((f) => functionRows.some((r) => r.schema === f.schema && r.name === f.name));
    const roles: RoleIR[] = roleRows.map((r) => ({ name: r.name, bypassRls: r.bypass_rls }));
    const ir: SchemaIR = {
      version: IR_VERSION,
      schemas: schemas.filter((s) => existingSchemas.includes(s)),
      extensions,
      enums,
      tables,
      functions,
      roles,
      types: [],
      scalars: [],
      minimumServerVersion: 110000,
    };
    return { ir, state, serverVersionNum, queries: count() };
  });
}
