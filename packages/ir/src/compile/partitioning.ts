import { isTooLong } from '../naming.js';
import { checkFragment, parseSql, type PgNode } from '../sql/parse-sql.js';
import type { PartitionIR, PartitionStrategy } from '../types.js';
import { findColumn, type TableDraft } from './build-table.js';
import type { CompileContext } from './context.js';
import { first } from './read-directives.js';

const STRATEGY_CODE: Record<PartitionStrategy, string> = { range: 'r', list: 'l', hash: 'h' };
const BOUND_EXAMPLE: Record<PartitionStrategy, string> = {
  range: `"FROM ('2026-01-01') TO ('2026-02-01')"`,
  list: `"IN ('eu', 'us')"`,
  hash: `"WITH (MODULUS 4, REMAINDER 0)"`,
};

/** @partition + @partitionValues -> the table's partitioning, checked against PostgreSQL's rules. */
export function applyPartitioning(draft: TableDraft, ctx: CompileContext): void {
  const { reporter } = ctx;
  const table = draft.table;
  const use = first(draft.typeUses, 'partition');
  const values = draft.typeUses.get('partitionValues') ?? [];
  if (!use) {
    if (values.length) {
      reporter.error('WESLEY_IR_PARTITION_WITHOUT_STRATEGY', `${table.graphqlName} has @partitionValues but no @partition.`, values[0]!.node, {
        expected: '@partition(by: RANGE | LIST | HASH, key: [...]) on the same type',
        hint: `Add @partition(by: RANGE, key: ["..."]) to ${table.graphqlName}.`,
      });
    }
    return;
  }
  const strategy = (use.args.by as string).toLowerCase() as PartitionStrategy;
  const keyFields = use.args.key as string[];
  const columns = keyFields.map((f) => {
    const column = draft.columnsByField.get(f) ?? table.columns.find((c) => c.name === f);
    if (!column) findColumn(draft, f, use.argNodes.key!, ctx, '@partition(key:)', 'WESLEY_IR_PARTITION_KEY_UNKNOWN');
    return column?.name;
  });
  if (columns.some((c) => c === undefined)) return;
  const key = columns as string[];
  if (strategy === 'list' && key.length > 1) {
    reporter.error('WESLEY_IR_INVALID_ARGUMENT', `@partition(by: LIST) on ${table.graphqlName} has ${key.length} key fields; LIST partitioning takes exactly one.`, use.argNodes.key, {
      expected: 'key: ["oneField"]',
      hint: 'Partition by one field, or use RANGE for a multi-column key.',
    });
    return;
  }

  // PostgreSQL: every primary key and unique constraint of a partitioned table must contain the key.
  const constraints = [
    ...(table.primaryKey ? [{ what: 'the primary key', columns: table.primaryKey.columns }] : []),
    ...table.uniques.map((u) => ({ what: `the unique constraint ${u.name}`, columns: u.columns })),
  ];
  for (const c of constraints) {
    const missing = key.filter((k) => !c.columns.includes(k));
    if (missing.length) {
      const keyNode = use.argNodes.key!;
      const missingField = keyFields[key.indexOf(missing[0]!)];
      const at = keyNode.kind === 'ListValue' ? keyNode.values.find((v) => v.kind === 'StringValue' && v.value === missingField) ?? keyNode : keyNode;
      reporter.error('WESLEY_IR_PARTITION_KEY_NOT_IN_PK', `The partition key of ${table.graphqlName} (${key.join(', ')}) is not part of ${c.what} (${c.columns.join(', ')}).`, at, {
        expected: `${c.what} to include ${missing.join(', ')}`,
        hint: `PostgreSQL requires it: add @pk (or the field to @unique(fields:)) for ${missing.join(', ')}, e.g. a composite key (id, ${missing[0]}).`,
      });
    }
  }

  const partitions: PartitionIR[] = [];
  for (const v of values) {
    const name = v.args.name as string;
    const fragment = checkFragment(v.args.bound as string);
    const raw = (fragment.ok ? fragment.sql : '').replace(/^FOR\s+VALUES\s+/i, '');
    const isDefault = /^DEFAULT$/i.test(raw);
    const bound = isDefault ? 'DEFAULT' : `FOR VALUES ${raw}`;
    const parsed = fragment.ok ? parseSql(`CREATE TABLE x PARTITION OF y ${bound}`) : { ok: false as const, message: fragment.message, position: null };
    const spec = parsed.ok && parsed.stmts.length === 1 ? ((parsed.stmts[0]?.CreateStmt as PgNode | undefined)?.partbound as PgNode | undefined) : undefined;
    // PostgreSQL 11 takes only literals in a bound; expressions and casts need 12.
    const datumNodes = spec ? [...((spec.lowerdatums as PgNode[] | undefined) ?? []), ...((spec.upperdatums as PgNode[] | undefined) ?? []), ...((spec.listdatums as PgNode[] | undefined) ?? [])] : [];
    if (datumNodes.some((d) => !('A_Const' in d) && !('ColumnRef' in d))) ctx.minimumServerVersion = Math.max(ctx.minimumServerVersion, 120000);
    const datums = spec && !isDefault ? [(spec.lowerdatums as unknown[] | undefined)?.length, (spec.upperdatums as unknown[] | undefined)?.length] : [];
    // A RANGE bound has one value per key column on each side; a LIST key has one column.
    const wrongArity = strategy === 'range' && datums.some((n) => n !== undefined && n !== key.length);
    const fits = spec && !wrongArity && (isDefault ? strategy !== 'hash' : spec.strategy === STRATEGY_CODE[strategy]);
    if (!parsed.ok || !fits) {
      const why = !fragment.ok
        ? `is not a single partition bound: ${fragment.message}`
        : wrongArity
        ? `has ${datums.join(' and ')} values where the key (${key.join(', ')}) needs ${key.length} on each side`
        : `is not a ${strategy.toUpperCase()} partition bound${parsed.ok ? '' : ' (it does not parse)'}`;
      reporter.error('WESLEY_IR_PARTITION_BOUND_INVALID', `@partitionValues(name: "${name}"): "${v.args.bound}" ${why}.`, v.argNodes.bound, {
        expected: `a ${strategy.toUpperCase()} bound such as ${strategy === 'range' && key.length > 1 ? `"FROM (${key.map(() => '...').join(', ')}) TO (${key.map(() => '...').join(', ')})"` : BOUND_EXAMPLE[strategy]}${strategy === 'hash' ? '' : ' or "DEFAULT"'}`,
        hint: strategy === 'hash' && isDefault ? 'Hash-partitioned tables cannot have a DEFAULT partition.' : `Write the bound as PostgreSQL does after FOR VALUES, e.g. ${BOUND_EXAMPLE[strategy]}.`,
      });
      continue;
    }
    if (isTooLong(name)) {
      reporter.error('WESLEY_IR_IDENTIFIER_TOO_LONG', `The partition name "${name}" is longer than 63 bytes.`, v.argNodes.name, { expected: 'at most 63 bytes', hint: 'Use a shorter partition name.' });
      continue;
    }
    partitions.push({ name, bound, location: reporter.locate(v.node) });
  }
  table.partitioning = { strategy, columns: key, partitions };
}
