import { generateSql } from '../sql/generate-sql.js';
import { defineGenerator, generatedHeader } from './generator-plugin.js';

/** The built-in `sql` generator: `schema.sql`, the DDL of a new database. */
export const sqlGenerator = defineGenerator<{ readonly fileName?: string }>({
  name: 'sql',
  description: 'PostgreSQL DDL that creates the schema in a new database (schema.sql)',
  generate: (ir, context, options) => [{ path: options.fileName ?? 'schema.sql', contents: generateSql(ir, { header: generatedHeader(context).join('\n') }) }],
});
