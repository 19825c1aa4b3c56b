// The introspected IR in the schema's words: where an object matches its counterpart in the
// schema (same canonical form), it takes the schema's spelling (the SQL text as written in the SDL)
// and the facts a database cannot hold (GraphQL names and types, tenancy, locations, a literal
// default's value). The planner compares text, so a fix plan made from the aligned IR contains
// only the real differences. Pure.
import { canonicalExpression, canonicalPartitionBound, type ColumnIR, type PolicyIR, type SchemaIR, type TableIR } from '@wesley/ir';

const sameExpression = (a: string | null | undefined, b: string | null | undefined) =>
  a == null || b == null ? a == b : a === b || canonicalExpression(a) === canonicalExpression(b);

function alignColumn(actual: ColumnIR, wanted: ColumnIR | undefined): ColumnIR {
  if (!wanted) return actual;
  const defaultMatches = sameExpression(wanted.default?.sql, actual.default?.sql);
  const generatedMatches = sameExpression(wanted.generated?.expression, actual.generated?.expression);
  return {
    ...actual,
    graphqlName: wanted.graphqlName,
    graphqlType: actual.nullable === wanted.nullable ? wanted.graphqlType : { ...wanted.graphqlType, nullable: actual.nullable },
    default: defaultMatches ? wanted.default : actual.default,
    generated: generatedMatches ? wanted.generated : actual.generated,
    location: wanted.location,
  };
}

function alignPolicy(actual: PolicyIR, wanted: PolicyIR | undefined): PolicyIR {
  if (!wanted) return actual;
  const rolesMatch = [...actual.roles].map((r) => r.toLowerCase()).sort().join() === [...wanted.roles].map((r) => r.toLowerCase()).sort().join();
  return {
    ...actual,
    roles: rolesMatch ? wanted.roles : actual.roles,
    using: sameExpression(wanted.using, actual.using) ? wanted.using : actual.using,
    withCheck: sameExpression(wanted.withCheck, actual.withCheck) ? wanted.withCheck : actual.withCheck,
  };
}

const byName = <T extends { name: string }>(items: readonly T[] | undefined) => new Map((items ?? []).map((i) => [i.name, i]));

function alignTable(actual: TableIR, wanted: TableIR | undefined): TableIR {
  if (!wanted) return actual;
  const columns = byName(wanted.columns);
  const uniques = byName(wanted.uniques);
  const indexes = byName(wanted.indexes);
  const checks = byName(wanted.checks);
  const policies = byName(wanted.rls?.policies);
  const partitions = byName(wanted.partitioning?.partitions);
  const tenantColumn = wanted.tenant && actual.columns.some((c) => c.name === wanted.tenant!.column) ? wanted.tenant : null;
  return {
    ...actual,
    graphqlName: wanted.graphqlName,
    columns: actual.columns.map((c) => alignColumn(c, columns.get(c.name))),
    uniques: actual.uniques.map((u) => {
      const w = uniques.get(u.name);
      return w && sameExpression(w.where, u.where) ? { ...u, where: w.where, location: w.location } : u;
    }),
    indexes: actual.indexes.map((i) => {
      const w = indexes.get(i.name);
      return w && sameExpression(w.where, i.where) ? { ...i, where: w.where, origin: w.origin, location: w.location } : i;
    }),
    checks: actual.checks.map((c) => {
      const w = checks.get(c.name);
      return w && sameExpression(w.expression, c.expression) ? { ...c, expression: w.expression, location: w.location } : c;
    }),
    partitioning: actual.partitioning
      ? {
          ...actual.partitioning,
          partitions: actual.partitioning.partitions.map((p) => {
            const w = partitions.get(p.name);
            return w && (w.bound === p.bound || canonicalPartitionBound(w.bound) === canonicalPartitionBound(p.bound)) ? { ...p, bound: w.bound, location: w.location } : p;
          }),
        }
      : null,
    rls: actual.rls ? { ...actual.rls, policies: actual.rls.policies.map((p) => alignPolicy(p, policies.get(p.name))) } : null,
    tenant: tenantColumn,
    relations: wanted.relations,
    location: wanted.location,
  };
}

/** The introspected IR with the schema's spelling and GraphQL facts wherever the two agree. */
export function alignWithSchema(expected: SchemaIR, actual: SchemaIR): SchemaIR {
  const tables = new Map(expected.tables.map((t) => [`${t.schema}.${t.name}`, t]));
  const enums = new Map(expected.enums.map((e) => [`${e.schema}.${e.name}`, e]));
  return {
    ...actual,
    enums: actual.enums.map((e) => {
      const w = enums.get(`${e.schema}.${e.name}`);
      return w ? { ...e, graphqlName: w.graphqlName, location: w.location } : e;
    }),
    tables: actual.tables.map((t) => alignTable(t, tables.get(`${t.schema}.${t.name}`))),
    // Database-wide objects the schema does not need are not its drift: only the expected ones count.
    functions: actual.functions.filter((f) => expected.functions.some((x) => x.schema === f.schema && x.name === f.name)),
    roles: actual.roles.filter((r) => expected.roles.some((x) => x.name === r.name)),
    types: expected.types,
    scalars: expected.scalars,
    minimumServerVersion: expected.minimumServerVersion,
  };
}
