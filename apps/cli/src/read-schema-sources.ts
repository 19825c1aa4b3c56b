import fs from 'node:fs';
import path from 'node:path';
import { WesleyError, type SchemaSource } from '@wesley/ir';
import { globSync, isDynamicPattern } from 'tinyglobby';

const SDL = /\.(graphql|graphqls|gql)$/i;

/**
 * Reads the schema files named by --schema: files, folders (every .graphql/.gql below, recursively)
 * or globs. Source names are paths relative to `cwd`, so errors point at what the user typed.
 */
export function readSchemaSources(patterns: readonly string[], cwd = process.cwd()): SchemaSource[] {
  const files = new Set<string>();
  for (const pattern of patterns) {
    const absolute = path.resolve(cwd, pattern);
    if (isDynamicPattern(pattern)) {
      const matches = globSync(pattern, { cwd, absolute: true, onlyFiles: true }).filter((f) => SDL.test(f));
      if (!matches.length) throw notFound(pattern, 'matches no .graphql files');
      matches.forEach((f) => files.add(f));
    } else if (!fs.existsSync(absolute)) {
      throw notFound(pattern, 'does not exist');
    } else if (fs.statSync(absolute).isDirectory()) {
      const found = globSync('**/*.{graphql,graphqls,gql}', { cwd: absolute, absolute: true, onlyFiles: true });
      if (!found.length) throw notFound(pattern, 'contains no .graphql files');
      found.forEach((f) => files.add(f));
    } else {
      files.add(absolute);
    }
  }
  return [...files].sort().map((file) => ({
    name: path.relative(cwd, file) || path.basename(file),
    text: fs.readFileSync(file, 'utf8'),
  }));
}

function notFound(pattern: string, why: string): WesleyError {
  return new WesleyError({
    code: 'WESLEY_CLI_SCHEMA_NOT_FOUND',
    message: `The schema path "${pattern}" ${why}.`,
    expected: 'a .graphql file, a folder of them, or a glob such as "schema/**/*.graphql"',
    hint: 'Check the --schema path (relative to the current directory).',
  });
}
