import { dollarQuote, parenthesize, qualifiedName, quoteIdent, type ColumnIR, type TableIR } from '@wesley/ir';
import type { BackfillSpec } from '../types.js';

/**
 * The backfill of one column: a keyset-batched UPDATE of the rows where it is NULL, each batch
 * committed on its own. `spec.firstBatchSql` and `spec.batchSql` are what the executor runs per
 * batch (it persists the returned key as its cursor); `sql` is the same loop as a DO block for psql (PG 11+ allows
 * COMMIT in a DO block run outside a transaction block).
 */
export function backfillColumn(table: TableIR, column: ColumnIR, expression: string, batchSize: number, only: string | null = null): { spec: BackfillSpec; sql: string } {
  const name = qualifiedName(table.schema, table.name);
  const target = quoteIdent(column.name);
  const keys = table.primaryKey?.columns ?? [];
  const value = parenthesize(expression);
  // `only`: rows the expression can fill. Without a key to walk, a row left NULL would be picked again forever.
  const also = only === null ? '' : ` AND (${only})`;
  if (!keys.length) {
    // No key to walk: batches of physical row ids among the rows still NULL. Each batch reads the
    // table from its start again (the plan says it scans).
    const update = (limit: string) =>
      `UPDATE ${name} SET ${target} = ${value} WHERE ctid = ANY (ARRAY(SELECT ctid FROM ${name} WHERE ${target} IS NULL${also} LIMIT ${limit}))`;
    const batchSql = `WITH updated AS (${update('$1')} RETURNING 1) SELECT count(*)::int AS updated FROM updated`;
    const body = `\nDECLARE\n  done int;\nBEGIN\n  LOOP\n    ${update(String(batchSize))};\n    GET DIAGNOSTICS done = ROW_COUNT;\n    EXIT WHEN done = 0;\n    COMMIT;\n  END LOOP;\nEND\n`;
    return { spec: { table: `${table.schema}.${table.name}`, column: column.name, expression, keyColumns: [], firstBatchSql: batchSql, batchSql, batchSize }, sql: `DO ${dollarQuote(body)}` };
  }
  const types = keys.map((k) => table.columns.find((c) => c.name === k)?.type ?? 'text');
  const keyList = keys.map(quoteIdent).join(', ');
  const row = (items: readonly string[]) => (items.length === 1 ? items[0]! : `(${items.join(', ')})`);
  const keyRow = row(keys.map(quoteIdent));
  const descending = keys.map((k) => `${quoteIdent(k)} DESC`).join(', ');
  // The batch is the next `limit` keys after the cursor (none: from the start), read in key order
  // from the primary key index; the UPDATE then takes the key range from its first to its last key,
  // so it too is an index range scan: no batch reads the whole table (a join on the batch's keys
  // would be planned as a hash join over a sequential scan).
  const batch = (after: readonly string[] | null, limit: string) =>
    `WITH batch AS (SELECT ${keyList} FROM ${name}${after ? ` WHERE ${keyRow} > ${row(after)}` : ''} ORDER BY ${keyList} LIMIT ${limit}),\n` +
    `  updated AS (UPDATE ${name} SET ${target} = ${value} WHERE ${keyRow} >= (SELECT ${keyList} FROM batch ORDER BY ${keyList} LIMIT 1)` +
    ` AND ${keyRow} <= (SELECT ${keyList} FROM batch ORDER BY ${descending} LIMIT 1) AND ${target} IS NULL${also})\n`;
  const params = types.map((type, i) => `$${i + 1}::${type}`);
  const last = `SELECT ${keyList} FROM batch ORDER BY ${descending} LIMIT 1`;
  const firstBatchSql = `${batch(null, '$1')}${last}`;
  const batchSql = `${batch(params, `$${keys.length + 1}`)}${last}`;
  const vars = keys.map((_, i) => `last_${i}`);
  const indent = (text: string) => text.replace(/\n(?=.)/g, '\n    ');
  const body =
    `\nDECLARE\n${vars.map((v, i) => `  ${v} ${types[i]};\n`).join('')}BEGIN\n` +
    `  ${batch(null, String(batchSize)).replace(/\n(?=.)/g, '\n  ')}  SELECT ${keyList} INTO ${vars.join(', ')} FROM batch ORDER BY ${descending} LIMIT 1;\n` +
    `  IF NOT FOUND THEN RETURN; END IF;\n  COMMIT;\n  LOOP\n` +
    `    ${indent(batch(vars, String(batchSize)))}    SELECT ${keyList} INTO ${vars.join(', ')} FROM batch ORDER BY ${descending} LIMIT 1;\n` +
    `    EXIT WHEN NOT FOUND;\n    COMMIT;\n  END LOOP;\nEND\n`;
  return { spec: { table: `${table.schema}.${table.name}`, column: column.name, expression, keyColumns: keys, firstBatchSql, batchSql, batchSize }, sql: `DO ${dollarQuote(body)}` };
}
