// One example document per command and outcome, shown in docs/cli/json.md. They are data, not
// captured output, so that the page does not change with every timestamp; the plans in them are
// the planner's own, of two versions of a one-table schema. The docs test parses each with its
// schema (json-schemas.ts), so an example cannot drift from the real shape.
import { compileSchema } from '@wesley/ir';
import { planMigration, planToJson, type Plan } from '@wesley/planner';
import type { JsonCommand } from './json-output.js';

const database = { source: 'WESLEY_DATABASE_URL', embedded: null };
const embedded = { source: 'embedded', embedded: { dataDir: '.wesley/postgres', serverVersion: '18.1', created: false, reused: false } };


export interface JsonExample {
  /** What the example shows, e.g. "Success (exit 0)". */
  readonly title: string;
  readonly kind: 'success' | 'failure';
  /** The document; for the NDJSON commands, the result line. */
  readonly document: Record<string, unknown>;
  /** The NDJSON commands' event lines before the result line. */
  readonly events?: readonly Record<string, unknown>[];
}

const usageError = (command: string) => ({
  code: 'WESLEY_CLI_USAGE',
  message: 'Unknown argument: frobnicate',
  hint: `Run \`wesley ${command}${command ? ' ' : ''}--help\` to see the commands, options and examples.`,
});
const unreachable = {
  code: 'WESLEY_CLI_DATABASE_UNREACHABLE',
  message: 'Cannot connect to the database given by WESLEY_DATABASE_URL: connect ECONNREFUSED 127.0.0.1:5432.',
  hint: 'Check the host and port, and that the server is running and accepts TCP connections.',
};
const head = (command: JsonCommand, formatVersion = 1) => ({ formatVersion, command });
const MIGRATION_ID = '20250301120000_initial';

export type JsonExamples = Readonly<Record<JsonCommand | 'generic', readonly JsonExample[]>>;

const NOTE_V0 = 'type Note @table {\n  id: ID! @pk\n}\n';
const NOTE_V1 = 'type Note @table {\n  id: ID! @pk\n  title: String!\n}\n';
const NOTE_WITH_OPTIONAL_TITLE = 'type Note @table {\n  id: ID! @pk\n  title: String\n}\n';

/** The schema hash and plans the examples show: `migrate plan` of a new table, and a drift fix adding a column. */
async function examplePlans() {
  const [v0, v1, optional] = await Promise.all([NOTE_V0, NOTE_V1, NOTE_WITH_OPTIONAL_TITLE].map((text) => compileSchema([{ name: 'schema.graphql', text }])));
  if (!v0!.ok || !v1!.ok || !optional!.ok) throw new Error('The example schemas of json-examples.ts must compile.');
  const json = (plan: Plan) => JSON.parse(planToJson(plan)) as Record<string, unknown>;
  return {
      hashV1: v1!.hash,
      createPlan: json(planMigration(null, v1!.ir, { serverVersionNum: 160000 })),
      addColumnPlan: json(planMigration(v0!.ir, optional!.ir, { serverVersionNum: 180000, tables: { 'public.note': { rows: 0, bytes: 8192 } } })),
    };
  }

  /** Every command's example documents. */
  export async function jsonExamples(): Promise<JsonExamples> {
    const { hashV1: HASH_V1, createPlan: CREATE_PLAN, addColumnPlan: ADD_COLUMN_PLAN } = await examplePlans();
    return {
    generate: [
      {
        title: 'Success (exit 0)',
        kind: 'success',
        document: {
          ...head('generate', 2), ok: true, files: ['schema.graphql'], hash: HASH_V1, minimumServerVersion: 110000,
          summary: { tables: 1, columns: 2, enums: 0, indexes: 0, foreignKeys: 0, policies: 0, partitions: 0 },
          outputs: { sql: 'generated/schema.sql', ir: 'generated/wesley.ir.json', ts: ['generated/ts/index.ts', 'generated/ts/types/Note.ts'], zod: ['generated/zod/index.ts', 'generated/zod/Note.ts'], kysely: ['generated/kysely/db.ts'] },
          diagnostics: [],
        },
      },
      {
        title: 'An invalid schema (exit 4): every error, nothing written',
        kind: 'failure',
        document: {
          ...head('generate', 2), ok: false, files: ['bad.graphql'],
          errors: [{ code: 'WESLEY_IR_PK_NULLABLE', message: 'The primary key field User.id is nullable.', location: { file: 'bad.graphql', line: 2, column: 7 }, expected: 'ID! (non-null)', hint: 'Add "!" to the field type: primary key columns are NOT NULL.' }],
          diagnostics: [],
        },
      },
    ],
    init: [
      {
        title: 'Success (exit 0)',
        kind: 'success',
        document: {
          ...head('init'), ok: true,
          files: [{ path: 'wesley.config.json', action: 'created' }, { path: 'schema/schema.graphql', action: 'created' }, { path: '.gitignore', action: 'updated' }],
          nextSteps: ['wesley generate', 'wesley migrate generate', 'wesley migrate execute --explain', 'wesley migrate execute', 'wesley migrate status'],
        },
      },
      {
        title: 'A file exists (exit 4): nothing written',
        kind: 'failure',
        document: {
          ...head('init'), ok: false,
          errors: [{ code: 'WESLEY_CLI_INIT_EXISTS', message: 'Not setting up the current directory: "wesley.config.json" exists; nothing was written.', hint: 'Pass --force to overwrite it, or remove it, or run init in another folder (--dir).', details: { files: ['wesley.config.json'] } }],
        },
      },
    ],
    completion: [
      {
        title: 'Success (exit 0); the script is shortened here',
        kind: 'success',
        document: { ...head('completion'), ok: true, shell: 'bash', script: '###-begin-wesley-completions-###\n#\n# yargs command completion script\n# ...\n###-end-wesley-completions-###\n' },
      },
      { title: 'A usage error (exit 2)', kind: 'failure', document: { ...head('completion'), ok: false, errors: [usageError('completion')] } },
    ],
    'migrate plan': [
      {
        title: 'Success (exit 0; 3 with `"complete": false` when changes were refused)',
        kind: 'success',
        document: { ...head('migrate plan'), ok: true, complete: true, factsSource: 'pg-version', plan: CREATE_PLAN, files: { from: [], to: ['schema.graphql'] }, notes: [], diagnostics: [] },
      },
      {
        title: 'A schema path that does not exist (exit 4)',
        kind: 'failure',
        document: {
          ...head('migrate plan'), ok: false,
          errors: [{ code: 'WESLEY_CLI_SCHEMA_NOT_FOUND', message: 'The schema path "nope.graphql" does not exist.', expected: 'a .graphql file, a folder of them, or a glob such as "schema/**/*.graphql"', hint: 'Check the --from path (relative to the current directory).' }],
          files: { from: [], to: [] }, notes: [], diagnostics: [],
        },
      },
    ],
    'migrate generate': [
      {
        title: 'A migration written (exit 0)',
        kind: 'success',
        document: {
          ...head('migrate generate'), ok: true, status: 'created', toHash: HASH_V1, latest: null,
          migration: {
            id: MIGRATION_ID, name: 'initial', path: `migrations/${MIGRATION_ID}`, createdAt: '2025-03-01T12:00:00.000Z', fromHash: null, toHash: HASH_V1,
            pgVersion: 180000, unsafe: false, steps: 1, riskScore: 10, riskLevel: 'LOW', irreversibleSteps: [],
          },
          suggestedCommand: null, check: false, dir: 'migrations', files: ['schema.graphql'], diagnostics: [],
        },
      },
      {
        title: 'Changes refused without --unsafe (exit 3): nothing written',
        kind: 'failure',
        document: {
          ...head('migrate generate'), ok: false,
          errors: [{
            code: 'WESLEY_MIGRATIONS_REFUSED',
            message: 'The plan refuses 1 change, so no migration was written (a migration on disk must be complete):\n  - public.note.title (WESLEY_PLAN_DESTRUCTIVE): Column public.note.title is not in the new schema: dropping it deletes its data.',
            hint: 'Review the refused changes (wesley migrate plan explains them), then pass --unsafe to include the destructive ones, or change the schema.',
            details: { refused: [{ code: 'WESLEY_PLAN_DESTRUCTIVE', reason: 'Column public.note.title is not in the new schema: dropping it deletes its data.', hint: 'Pass --unsafe to drop it once no code reads it, or add @renamedFrom to the field that replaces it.', object: 'public.note.title', unsafeAllows: true }] },
          }],
          check: false, dir: 'migrations', files: ['schema.graphql'], diagnostics: [],
        },
      },
    ],
    'migrate execute': [
      {
        title: 'Every pending migration applied (exit 0): event lines, then the result line',
        kind: 'success',
        events: [
          { type: 'migration-start', migration: MIGRATION_ID, name: 'initial', steps: 1, resumed: false },
          { type: 'step-start', migration: MIGRATION_ID, stepId: '01-create-table-public.note', kind: 'create-table', summary: 'Create table public.note', index: 1, total: 1, resumedBatches: 0 },
          { type: 'step-done', migration: MIGRATION_ID, stepId: '01-create-table-public.note', ms: 12 },
          { type: 'migration-done', migration: MIGRATION_ID, ms: 31 },
        ],
        document: {
          type: 'result', ...head('migrate execute'), ok: true, complete: true,
          outcomes: [{ id: MIGRATION_ID, status: 'applied', completed: ['01-create-table-public.note'], skipped: [], stoppedAt: null, error: null, ms: 31 }],
          serverVersionNum: 180001, lockWaitedMs: 0, database: embedded,
        },
      },
      {
        title: 'Another migrator holds the lock, with --no-wait (exit 7)',
        kind: 'failure',
        document: {
          type: 'result', ...head('migrate execute'), ok: false,
          errors: [{
            code: 'WESLEY_EXEC_LOCKED', message: 'Another migrator holds the migration lock: pid 4242 (wesley migrate execute (lock)), user deploy, connected since 2025-03-01T12:00:00.000Z.',
            hint: 'Let it finish (`wesley migrate status` shows its progress), or run again with --wait.',
            details: { holder: { pid: 4242, applicationName: 'wesley migrate execute (lock)', user: 'deploy', since: '2025-03-01T12:00:00.000Z', state: 'idle', query: null } },
          }],
          database,
        },
      },
    ],
    'migrate resume': [
      {
        title: 'Nothing to resume (exit 0)',
        kind: 'success',
        document: { type: 'result', ...head('migrate resume'), ok: true, complete: true, outcomes: [], serverVersionNum: 180001, lockWaitedMs: 0, database },
      },
      { title: 'The database cannot be reached (exit 5)', kind: 'failure', document: { type: 'result', ...head('migrate resume'), ok: false, errors: [unreachable], database } },
    ],
    'migrate status': [
      {
        title: 'Success (exit 0, whatever the states)',
        kind: 'success',
        document: {
          ...head('migrate status'), ok: true,
          migrations: [{ id: MIGRATION_ID, name: 'initial', state: 'applied', appliedAt: '2025-03-01T12:00:01.000Z', steps: 1, stepsDone: 1, error: null, checkpoint: null }],
          lockHolder: null, database,
        },
      },
      { title: 'The database cannot be reached (exit 5)', kind: 'failure', document: { ...head('migrate status'), ok: false, errors: [unreachable], database } },
    ],
    'migrate rollback': [
      {
        title: 'Rolled back (exit 0)',
        kind: 'success',
        document: { ...head('migrate rollback'), ok: true, migration: MIGRATION_ID, complete: true, to: null, steps: [{ stepId: '01-create-table-public.note', action: 'undone' }], kept: [], database },
      },
      {
        title: 'Irreversible steps without --unsafe (exit 3): nothing undone',
        kind: 'failure',
        document: {
          ...head('migrate rollback'), ok: false, steps: [],
          errors: [{
            code: 'WESLEY_EXEC_IRREVERSIBLE',
            message: `Rolling back ${MIGRATION_ID} would have to undo steps that cannot be undone:\n  - 02-drop-column-public.note.body: a dropped column's data cannot be restored`,
            hint: 'Nothing was undone. Pass --unsafe to roll back the other steps anyway (these stay as they are), or restore from a backup.',
            details: { steps: ['02-drop-column-public.note.body'] },
          }],
          database,
        },
      },
    ],
    'drift check': [
      {
        title: 'Drift found (exit 1; 0 with `"clean": true`)',
        kind: 'success',
        document: {
          ...head('drift check'), ok: true, clean: false, serverVersionNum: 180001, schemas: ['public'],
          expectedHash: '668b3b1824ba51611844a3e9bd1ed356066053479a360554ac914c17b8de3213', actualHash: 'e4d2d873262b45edd567b32cb2594d5f26b0110eb3e068aa195219768e852b13', queries: 9, ignored: 0,
          differences: [{ kind: 'missing', object: 'column', path: 'public.note.title', message: 'Column public.note.title is in the schema but not in the database.' }],
          fix: {
            complete: true, command: 'wesley drift check --schema schema.graphql --sql > drift-fix.sql', refused: [], uncovered: [],
            sql: '-- Wesley migration plan\n-- ...\nALTER TABLE "public"."note" ADD COLUMN "title" text;\nCOMMIT;\n', plan: ADD_COLUMN_PLAN,
          },
          fixError: null, files: ['schema.graphql'], diagnostics: [], database,
        },
      },
      { title: 'The database cannot be reached (exit 5)', kind: 'failure', document: { ...head('drift check'), ok: false, errors: [unreachable], files: ['schema.graphql'], diagnostics: [], database } },
    ],
    generic: [
      { title: 'An unknown command (exit 2)', kind: 'failure', document: { formatVersion: 1, command: null, ok: false, errors: [{ code: 'WESLEY_CLI_USAGE', message: 'Unknown argument: frobnicate', hint: 'Run `wesley --help` to see the commands, options and examples.' }] } },
    ],
  };
}
