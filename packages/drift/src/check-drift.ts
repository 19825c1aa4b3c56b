// The drift check: introspect, reconcile literals with the server, diff, and plan the fix with the
// planner (from what the database has to what the schema says), so the report says how to repair
// each difference and what that takes (locks, rewrites, refusals).
import { WesleyError, isWesleyError, toErrorData, type SchemaIR, type WesleyErrorData } from '@wesley/ir';
import { explainText, planMigration, planScript, type Plan, type ServerFacts } from '@wesley/planner';
import { alignWithSchema } from './align-with-schema.js';
import { DRIFT_ERROR_CODES } from './errors.js';
import { ignorePatterns, isIgnoredPath } from './ignore-patterns.js';
import { diffSchemas, type DriftDifference, type SchemaDiff } from './diff-schemas.js';
import { introspect } from './introspect.js';
import { reconcileLiterals } from './reconcile-literals.js';
import type { DatabaseClient } from './session.js';

/** Bumped when the report's shape changes incompatibly (docs/drift.md). */
export const DRIFT_REPORT_FORMAT_VERSION = 1 as const;

export interface DriftFix {
  /** True when the plan repairs every difference; false when it refused some (plan.refused) or some are `uncovered`. */
  readonly complete: boolean;
  /** Paths of differences the plan does not repair (what only the catalog shows: NOT VALID, DEFERRABLE, a partition's own policies, a disabled trigger): repair them by hand. */
  readonly uncovered: readonly string[];
  /** The planner's plan from the database as it is to the schema. */
  readonly plan: Plan;
  /** The plan as a phased psql script. */
  readonly sql: string;
  /** The plan explained: steps, locks, estimates, risk. */
  readonly explain: string;
}

export interface DriftReport extends SchemaDiff {
  readonly formatVersion: typeof DRIFT_REPORT_FORMAT_VERSION;
  readonly serverVersionNum: number;
  /** The PostgreSQL schemas compared. */
  readonly schemas: readonly string[];
  /** Catalog queries introspection ran. */
  readonly queries: number;
  /** How to repair the drift; null when clean or when `plan: false`. */
  readonly fix: DriftFix | null;
  /** Why there is no fix when the planner could not make one. */
  readonly fixError: WesleyErrorData | null;
}

export interface CheckDriftOptions {
  /** Paths to leave out (see DiffOptions.ignore); a table ignored as a whole is left out of the fix too. */
  readonly ignore?: readonly string[];
  /** Plan the fix (default true). */
  readonly plan?: boolean;
  /** Table sizes for the fix plan's estimates (the server version is read from the database). */
  readonly facts?: Omit<ServerFacts, 'serverVersionNum'>;
  /** Let the fix plan include destructive steps (drops of extra objects, rewrites). */
  readonly unsafe?: boolean;
}

/** The IR without what the ignore list covers (tables, columns, keys, indexes, checks, policies, partitions, extensions, roles), so the fix plan leaves it alone. */
function withoutIgnored(ir: SchemaIR, ignore: readonly string[]): SchemaIR {
  if (!ignore.length) return ir;
  const patterns = ignorePatterns(ignore);
  const kept = (path: string) => !isIgnoredPath(path, patterns);
  return {
    ...ir,
    extensions: ir.extensions.filter((x) => kept(`extension.${x}`)),
    roles: ir.roles.filter((r) => kept(`role.${r.name}`)),
    enums: ir.enums.filter((e) => kept(`${e.schema}.${e.name}`)),
    tables: ir.tables
      .filter((t) => kept(`${t.schema}.${t.name}`))
      .map((t) => {
        const at = (name: string) => kept(`${t.schema}.${t.name}.${name}`);
        return {
          ...t,
          columns: t.columns.filter((c) => at(c.name)),
          primaryKey: t.primaryKey && at(t.primaryKey.name) ? t.primaryKey : null,
          uniques: t.uniques.filter((u) => at(u.name)),
          indexes: t.indexes.filter((i) => at(i.name)),
          foreignKeys: t.foreignKeys.filter((f) => at(f.name)),
          checks: t.checks.filter((c) => at(c.name)),
          partitioning: t.partitioning ? { ...t.partitioning, partitions: t.partitioning.partitions.filter((p) => at(p.name)) } : null,
          rls: t.rls ? { ...t.rls, policies: t.rls.policies.filter((p) => at(p.name)) } : null,
        };
      }),
  };
}

/** Differences the planner's fix does not repair: what only the catalog shows (a NOT VALID constraint, a DEFERRABLE key, ...). */
const PLAN_CANNOT_FIX = new Set(['validated', 'notNullValidated', 'deferrable', 'generatedStorage', 'definition', 'rowLevelSecurity']);
const planCannotFix = (d: DriftDifference) =>
  d.field !== undefined && (d.field.startsWith('trigger ') || (PLAN_CANNOT_FIX.has(d.field) && d.object !== 'table'));

/**
 * Compares a live database with the schema it should have: every missing, extra and changed
 * object, and the plan that repairs them. Reads only (one read-only transaction, plus one query
 * when a literal needs the server's judgement).
 */
export async function checkDrift(client: DatabaseClient, expected: SchemaIR, options: CheckDriftOptions = {}): Promise<DriftReport> {
  const found = await introspect(client, { schemas: expected.schemas, extensions: expected.extensions, roles: expected.roles.map((r) => r.name) });
  const actual = alignWithSchema(expected, await reconcileLiterals(client, expected, found.ir));
  const ignore = options.ignore ?? [];
  const diff = diffSchemas(expected, actual, { state: found.state, ignore });
  let fix: DriftFix | null = null;
  let fixError: WesleyErrorData | null = null;
  if (!diff.clean && options.plan !== false) {
    try {
      const plan = planMigration(withoutIgnored(actual, ignore), withoutIgnored(expected, ignore), {
        ...options.facts,
        serverVersionNum: found.serverVersionNum,
        // The planner drops an INVALID index and builds it again.
        invalidIndexes: found.state.invalidIndexes.map(({ schema, table, name }) => ({ schema, table, name })),
      }, { unsafe: options.unsafe ?? false });
      const uncovered = diff.differences.filter(planCannotFix).map((d) => d.path);
      fix = { complete: plan.refused.length === 0 && uncovered.length === 0, plan, sql: planScript(plan), explain: explainText(plan), uncovered };
    } catch (error) {
      if (!isWesleyError(error)) throw error;
      fixError = toErrorData(error);
    }
  }
  return {
    formatVersion: DRIFT_REPORT_FORMAT_VERSION,
    serverVersionNum: found.serverVersionNum,
    schemas: expected.schemas,
    queries: found.queries,
    ...diff,
    fix,
    fixError,
  };
}

export interface AssertNoDriftOptions {
  /** Paths to leave out (see DiffOptions.ignore). */
  readonly ignore?: readonly string[];
  /** The schema hash the app was built with (`Schema hash:` in the generated files); checked against the IR first. */
  readonly hash?: string;
  /** The command to print as the fix (default `wesley drift check --schema <schema>`). */
  readonly fixCommand?: string;
}

/** One line per difference, at most `limit`, for an error message. */
export function summarizeDifferences(differences: readonly DriftDifference[], limit = 20): string {
  const lines = differences.slice(0, limit).map((d) => `  - ${d.message}`);
  if (differences.length > limit) lines.push(`  - ... and ${differences.length - limit} more`);
  return lines.join('\n');
}

/**
 * For applications at startup: returns quickly when the database matches the schema, throws
 * WESLEY_DRIFT_DETECTED naming what drifted and the command that shows the fix otherwise.
 */
export async function assertNoDrift(client: DatabaseClient, expected: SchemaIR, options: AssertNoDriftOptions = {}): Promise<{ readonly hash: string; readonly serverVersionNum: number }> {
  const report = await checkDrift(client, expected, { plan: false, ...(options.ignore ? { ignore: options.ignore } : {}) });
  if (options.hash !== undefined && options.hash !== report.expectedHash) {
    throw new WesleyError({
      code: DRIFT_ERROR_CODES.staleSchema,
      message: `The IR passed to assertNoDrift has the hash ${report.expectedHash.slice(0, 12)}..., but the app was built for ${options.hash.slice(0, 12)}...`,
      hint: 'Regenerate with `wesley generate` and ship the wesley.ir.json that goes with the generated code.',
    });
  }
  if (!report.clean) {
    const fixCommand = options.fixCommand ?? 'wesley drift check --schema <your schema>';
    throw new WesleyError({
      code: DRIFT_ERROR_CODES.detected,
      message: `The database does not match the schema (${report.differences.length} difference${report.differences.length === 1 ? '' : 's'}):\n${summarizeDifferences(report.differences)}`,
      hint: `Run \`${fixCommand}\` to see each difference and the SQL that repairs it.`,
      details: { differences: report.differences },
    });
  }
  return { hash: report.expectedHash, serverVersionNum: report.serverVersionNum };
}
