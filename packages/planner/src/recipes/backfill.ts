import { dollarQuote, parenthesize, qualifiedName, quoteIdent, type ColumnIR, type TableIR } from '@wesley/ir';
import type { BackfillSpec } from '../types.js';

/**
 * The backfill of one column: a keyset-batched UPDATE of the rows where it is NULL, each batch
 * committed on its own. `spec.batchSql` is what the executor runs per batch (it persists the
 * returned key as its cursor); `sql` is the same loop as a DO block for psql (PG 11+ allows
 * COMMIT in a DO block run outside a transaction block).
 */
export function backfillColumn(table: TableIR, column: ColumnIR, expression: string, batchSize: number): { spec: BackfillSpec; sql: string } {
  const name = qualifiedName(table.schema, table.name);
  const target = quoteIdent(column.name);
  const keys = table.primaryKey?.columns ?? [];
  const value = parenthesize(expression);
  if (!keys.length) {
    // No key to walk: batches of physical row ids among the rows still NULL.
    const update = (limit: string) =>
      `UPDATE ${name} SET ${target} = ${value} WHERE ctid = ANY (ARRAY(SELECT ctid FROM ${name} WHERE ${target} IS NULL LIMIT ${limit}))`;
    const batchSql = `WITH updated AS (${update('$1')} RETURNING 1) SELECT count(*)::int AS updated FROM updated`;
    const body = `\nDECLARE\n  done int;\nBEGIN\n  LOOP\n    ${update(String(batchSize))};\n    GET DIAGNOSTICS done = ROW_COUNT;\n    EXIT WHEN done = 0;\n    COMMIT;\n  END LOOP;\nEND\n`;
    return { spec: { table: `${table.schema}.${table.name}`, column: column.name, expression, keyColumns: [], batchSql, batchSize }, sql: `DO ${dollarQuote(body)}` };
  }
  const types = keys.map((k) => table.columns.find((c) => c.name === k)?.type ?? 'text');
  const keyList = keys.map(quoteIdent).join(', ');
  const row = (items: readonly string[]) => (items.length === 1 ? items[0]! : `(${items.join(', ')})`);
  const batch = (after: readonly string[], first: string, limit: string) =>
    `WITH batch AS (SELECT ${keyList} FROM ${name} WHERE ${first} IS NULL OR ${row(keys.map(quoteIdent))} > ${row(after)} ORDER BY ${keyList} LIMIT ${limit}),\n` +
    `  updated AS (UPDATE ${name} AS t SET ${target} = ${value} FROM batch WHERE ${keys.map((k) => `t.${quoteIdent(k)} = batch.${quoteIdent(k)}`).join(' AND ')} AND t.${target} IS NULL)\n`;
  const params = types.map((type, i) => `$${i + 1}::${type}`);
  const order = keys.map((k) => `${quoteIdent(k)} DESC`).join(', ');
  const batchSql = `${batch(params, params[0]!, `$${keys.length + 1}`)}SELECT ${keyList} FROM batch ORDER BY ${order} LIMIT 1`;
  const vars = keys.map((_, i) => `last_${i}`);
  const body =
    `\nDECLARE\n${vars.map((v, i) => `  ${v} ${types[i]};\n`).join('')}BEGIN\n  LOOP\n` +
    `    ${batch(vars, vars[0]!, String(batchSize)).replace(/\n(?=.)/g, '\n    ')}    SELECT ${keyList} INTO ${vars.join(', ')} FROM batch ORDER BY ${order} LIMIT 1;\n` +
    `    EXIT WHEN NOT FOUND;\n    COMMIT;\n  END LOOP;\nEND\n`;
  return { spec: { table: `${table.schema}.${table.name}`, column: column.name, expression, keyColumns: keys, batchSql, batchSize }, sql: `DO ${dollarQuote(body)}` };
}
