import type { SchemaIR } from '@wesley/ir';
import { sqlSections } from './sql-sections.js';

export interface GenerateSqlOptions {
  /** Text for the comment at the top of the script (each line becomes a `-- ` line). */
  readonly header?: string;
}

/** The complete PostgreSQL DDL that creates the IR's schema in a new database (on servers at or above `ir.minimumServerVersion`). */
export function generateSql(ir: SchemaIR, options: GenerateSqlOptions = {}): string {
  const blocks: string[] = [];
  if (options.header !== undefined) {
    // A lone \r ends a `--` comment for PostgreSQL's lexer too, so it splits lines like \n.
    blocks.push(options.header.split(/\r\n|\r|\n/).map((line) => (line ? `-- ${line}` : '--')).join('\n'));
  }
  for (const section of sqlSections(ir)) {
    const [first, ...rest] = section.statements;
    blocks.push(`-- ${section.title}\n${first};`, ...rest.map((statement) => `${statement};`));
  }
  return blocks.length ? `${blocks.join('\n\n')}\n` : '';
}
