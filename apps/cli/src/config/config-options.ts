// The config's values in the terms of the commands: compiler options, and the schema paths a
// command uses when its flag is not given (flags override the config, the config the defaults).
import path from 'node:path';
import { WesleyError, type CompileOptions } from '@wesley/ir';
import type { CommandContext } from '../command-context.js';

/** The compiler options the config sets (custom scalars, default schema, tenancy). */
export function compileOptionsOf(ctx: CommandContext): CompileOptions {
  const { scalars, naming, tenancy } = ctx.config.config;
  return {
    ...(scalars ? { scalars } : {}),
    ...(naming?.defaultSchema ? { defaultSchema: naming.defaultSchema } : {}),
    ...(tenancy?.claim ? { tenantClaim: tenancy.claim } : {}),
    ...(tenancy?.migratorRole ? { migratorRole: tenancy.migratorRole } : {}),
  };
}

/**
 * The schema paths: the flag's non-empty values, else the config's `schema` (relative to the config
 * file, given relative to the current directory), else a usage error naming both.
 */
export function schemaPatternsOf(ctx: CommandContext, values: readonly string[] | undefined, option: string): string[] {
  const given = (values ?? []).filter((p) => p.trim() !== '');
  if (given.length) return given;
  const fromConfig = ctx.config.config.schema;
  if (fromConfig !== undefined) {
    return (Array.isArray(fromConfig) ? fromConfig : [fromConfig]).map((p) => path.relative(ctx.cwd, path.resolve(ctx.config.baseDir, p)) || '.');
  }
  throw new WesleyError({
    code: 'WESLEY_CLI_USAGE',
    message: values?.length ? `${option} needs a value.` : `Name the schema with ${option}, or set "schema" in wesley.config.json.`,
    expected: `${option} <file|folder|glob>`,
    hint: `Name the schema, e.g. ${option} schema.graphql, or run \`wesley init\` to write a config that names it.`,
  });
}
