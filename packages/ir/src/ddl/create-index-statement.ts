import { qualifiedName, quoteIdent } from '../naming.js';
import type { IndexIR, TableIR, UniqueIR } from '../types.js';
import { columnList } from './column-list.js';
import { parenthesize } from './parenthesize.js';

/** How createIndexStatement builds an index other than the plain one on the table. */
export interface CreateIndexOptions {
  /** `CREATE INDEX CONCURRENTLY`: does not block writes, but cannot run inside a transaction block. */
  readonly concurrently?: boolean;
  /** `ON ONLY`: on a partitioned table, the parent's index alone, invalid until every partition's index is attached. */
  readonly only?: boolean;
  /** `IF NOT EXISTS`: nothing happens when a relation of that name exists (even one that differs). */
  readonly ifNotExists?: boolean;
  /** The already-qualified table to build on instead of the IR's table, e.g. one partition. */
  readonly onTable?: string;
  /** The index name instead of the IR's, e.g. for a partition's own index. */
  readonly name?: string;
}

/**
 * `CREATE [UNIQUE] INDEX` for an index of the table, or for one of its unique constraints as a
 * unique index: that is the only form of a unique constraint with a predicate (PostgreSQL has no
 * partial UNIQUE constraint), and a way to build any unique constraint concurrently. `USING btree`
 * is left out, being the default.
 */
export function createIndexStatement(table: TableIR, index: IndexIR | UniqueIR, options: CreateIndexOptions = {}): string {
  const unique = index.kind === 'unique' || index.unique ? 'UNIQUE ' : '';
  const concurrently = options.concurrently ? 'CONCURRENTLY ' : '';
  const ifNotExists = options.ifNotExists ? 'IF NOT EXISTS ' : '';
  const on = `${options.only ? 'ONLY ' : ''}${options.onTable ?? qualifiedName(table.schema, table.name)}`;
  const using = index.kind === 'index' && index.method !== 'btree' ? ` USING ${index.method}` : '';
  const where = index.where === null ? '' : ` WHERE ${parenthesize(index.where)}`;
  return `CREATE ${unique}INDEX ${concurrently}${ifNotExists}${quoteIdent(options.name ?? index.name)} ON ${on}${using} ${columnList(index.columns)}${where}`;
}
