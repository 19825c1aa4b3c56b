import { qualifiedName, quoteIdent } from '../naming.js';
import type { Deferrable, ForeignKeyAction, ForeignKeyIR, TableIR } from '../types.js';
import { columnList } from './column-list.js';

/** How addForeignKeyStatement adds a key other than the plain, validated one on the table. */
export interface AddForeignKeyOptions {
  /** `NOT VALID`: existing rows are not checked now (VALIDATE CONSTRAINT later, under a weaker lock). */
  readonly notValid?: boolean;
  /** The already-qualified table to add the key to instead of the IR's table. */
  readonly onTable?: string;
}

const DEFERRABLE: Record<Deferrable, string> = {
  'not deferrable': '',
  'initially immediate': ' DEFERRABLE INITIALLY IMMEDIATE',
  'initially deferred': ' DEFERRABLE INITIALLY DEFERRED',
};

// NO ACTION is PostgreSQL's default: leaving it out keeps the common case short.
const action = (clause: string, value: ForeignKeyAction) => (value === 'NO ACTION' ? '' : ` ${clause} ${value}`);

/** `ALTER TABLE ... ADD CONSTRAINT ... FOREIGN KEY` for one of the table's foreign keys. */
export function addForeignKeyStatement(table: TableIR, fk: ForeignKeyIR, options: AddForeignKeyOptions = {}): string {
  const ref = fk.references;
  // No column list means the referenced table's primary key.
  const refColumns = ref.columns.length ? ` ${columnList(ref.columns)}` : '';
  return (
    `ALTER TABLE ${options.onTable ?? qualifiedName(table.schema, table.name)} ADD CONSTRAINT ${quoteIdent(fk.name)}` +
    ` FOREIGN KEY ${columnList(fk.columns)} REFERENCES ${qualifiedName(ref.schema, ref.name)}${refColumns}` +
    `${action('ON DELETE', fk.onDelete)}${action('ON UPDATE', fk.onUpdate)}${DEFERRABLE[fk.deferrable]}${options.notValid ? ' NOT VALID' : ''}`
  );
}
