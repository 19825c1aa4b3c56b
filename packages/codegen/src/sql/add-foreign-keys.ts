import { qualifiedName, quoteIdent, type Deferrable, type ForeignKeyAction, type TableIR } from '@wesley/ir';
import { columnList } from './column-list.js';

const DEFERRABLE: Record<Deferrable, string> = {
  'not deferrable': '',
  'initially immediate': ' DEFERRABLE INITIALLY IMMEDIATE',
  'initially deferred': ' DEFERRABLE INITIALLY DEFERRED',
};

// NO ACTION is PostgreSQL's default: leaving it out keeps the common case short.
const action = (clause: string, value: ForeignKeyAction) => (value === 'NO ACTION' ? '' : ` ${clause} ${value}`);

/** `ALTER TABLE ... ADD CONSTRAINT ... FOREIGN KEY` for each of the table's foreign keys. */
export function addForeignKeys(table: TableIR): string[] {
  return table.foreignKeys.map((fk) => {
    const ref = fk.references;
    // No column list means the referenced table's primary key.
    const refColumns = ref.columns.length ? ` ${columnList(ref.columns)}` : '';
    return (
      `ALTER TABLE ${qualifiedName(table.schema, table.name)} ADD CONSTRAINT ${quoteIdent(fk.name)}` +
      ` FOREIGN KEY ${columnList(fk.columns)} REFERENCES ${qualifiedName(ref.schema, ref.name)}${refColumns}` +
      `${action('ON DELETE', fk.onDelete)}${action('ON UPDATE', fk.onUpdate)}${DEFERRABLE[fk.deferrable]}`
    );
  });
}
