// The shape of wesley.config.(ts|js|json) (docs/config.md). Every key is optional: a flag
// overrides the config, the config overrides the built-in default. Strict objects, so that a
// misspelt key is an error with its path rather than a setting silently ignored.
import { z } from 'zod';

const path = z.string().trim().min(1, 'a non-empty path');
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day as HH:MM (24-hour clock)');

export const CONFIG_TARGETS = ['sql', 'ts', 'zod', 'kysely'] as const;

const scalar = z.strictObject({
  sql: z.string().min(1),
  ts: z.string().min(1).optional(),
  zod: z.string().min(1).optional(),
  runtime: z.string().min(1).optional(),
});

const timeZone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'an IANA time zone such as UTC or Europe/Berlin');

/** A daily window; `end` before `start` spans midnight (22:00-04:00). */
export const maintenanceWindowSchema = z.strictObject({
  start: time,
  end: time,
  timeZone: timeZone.default('UTC'),
  /** Days the window is open (0 = Sunday); default every day. */
  days: z.array(z.number().int().min(0).max(6)).min(1).optional(),
});

/** A generator from a .ts/.js config: a plugin object, or [plugin, options]. */
const plugin = z.custom<{ name: string; description: string; generate: (...args: never[]) => unknown }>(
  (value) => value !== null && typeof value === 'object' && typeof (value as { name?: unknown }).name === 'string' && typeof (value as { generate?: unknown }).generate === 'function',
  'a generator plugin: an object with a name and a generate(ir, context, options) function (see @wesley/codegen defineGenerator)',
);

export const configSchema = z.strictObject({
  /** The schema: files, folders or globs (`generate --schema`, `migrate generate --schema`, `migrate plan --to`, `drift check --schema`). */
  schema: z.union([path, z.array(path).min(1)]).optional(),
  /** `generate --out`. */
  out: path.optional(),
  /** `generate --targets`. */
  targets: z.array(z.enum(CONFIG_TARGETS)).min(1).optional(),
  /** Custom scalars: GraphQL name -> PostgreSQL type, and the TypeScript / Zod types generators use. */
  scalars: z.record(z.string().regex(/^[_A-Za-z][_0-9A-Za-z]*$/, 'a GraphQL name'), scalar).optional(),
  naming: z
    .strictObject({
      /** PostgreSQL schema of tables without @table(schema:). */
      defaultSchema: z.string().min(1).max(63).optional(),
      /** Extension in the generated modules' relative imports: `.js` (Node ESM), `.ts`, or `` (bundlers). */
      importExtension: z.enum(['.js', '.ts', '']).optional(),
    })
    .optional(),
  tenancy: z
    .strictObject({
      /** JWT claim @tenant compares with when the directive names none. */
      claim: z.string().min(1).optional(),
      /** Role with BYPASSRLS that migrations run as. */
      migratorRole: z.string().min(1).max(63).optional(),
    })
    .optional(),
  /** Extra generators `wesley generate` runs after the built-in ones (.ts/.js configs only). */
  plugins: z.array(z.union([plugin, z.tuple([plugin, z.record(z.string(), z.unknown())])])).optional(),
  migrations: z
    .strictObject({
      dir: path.optional(),
      /** The PostgreSQL major `migrate generate` plans for. */
      pgVersion: z.number().int().min(11).max(18).optional(),
    })
    .optional(),
  checkpoints: z.strictObject({ dir: path.optional() }).optional(),
  database: z
    .strictObject({
      /** The database URL. Prefer `urlEnv` (or WESLEY_DATABASE_URL) to keep passwords out of files. */
      url: z.string().min(1).optional(),
      /** The environment variable that holds the URL. */
      urlEnv: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name').optional(),
    })
    .refine((d) => !(d.url && d.urlEnv), 'url or urlEnv, not both')
    .optional(),
  /** The embedded PostgreSQL used when no database is given. */
  embedded: z.strictObject({ dataDir: path.optional(), enabled: z.boolean().optional() }).optional(),
  execute: z
    .strictObject({
      /** Rows per backfill batch. */
      batchSize: z.number().int().positive().optional(),
      /** Pause between backfill batches, ms. */
      throttleMs: z.number().nonnegative().optional(),
      /** lock_timeout of each locking step, ms (the plan's default is 3000). */
      lockTimeoutMs: z.number().int().positive().optional(),
      /** How long to wait for another migrator's migration lock, seconds. */
      lockWaitSeconds: z.number().nonnegative().optional(),
    })
    .optional(),
  /** When steps marked for the low-traffic window may run; outside it `migrate execute` refuses them without --unsafe. */
  maintenanceWindow: maintenanceWindowSchema.optional(),
  /** The audit log (JSONL); `false` turns it off. */
  audit: z.union([z.literal(false), z.strictObject({ file: path })]).optional(),
});

/** What a config file holds (after defaults of nested keys). */
export type WesleyConfig = z.output<typeof configSchema>;
/** What a config file may be written as (`defineConfig` checks it in the editor). */
export type WesleyConfigInput = z.input<typeof configSchema>;
export type MaintenanceWindow = z.output<typeof maintenanceWindowSchema>;

/** Identity, for editors: `export default defineConfig({ ... })` in wesley.config.ts. */
export function defineConfig(config: WesleyConfigInput): WesleyConfigInput {
  return config;
}
