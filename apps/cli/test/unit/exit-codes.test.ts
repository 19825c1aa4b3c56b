// One table maps every error code to one exit code; docs/cli/exit-codes.md shows that table as
// generated from the code, and every code the packages and the CLI can raise has an exit code
// that is not "internal" (unless it is a bug by definition).
import fs from 'node:fs';
import { CODEGEN_ERROR_CODES } from '@wesley/codegen';
import { DRIFT_ERROR_CODES } from '@wesley/drift';
import { MIGRATION_ERROR_CODES, RUN_ERROR_CODES } from '@wesley/executor';
import { PLANNER_ERROR_CODES, REFUSAL_CODES } from '@wesley/planner';
import { describe, expect, test } from 'vitest';
import { AUDIT_ERROR_CODES } from '../../src/audit-log.js';
import { DATABASE_ERROR_CODES } from '../../src/commands/migrate-database.js';
import { GATE_ERROR_CODES } from '../../src/commands/migrate-gates.js';
import { RUN_CLI_ERROR_CODES } from '../../src/commands/migrate-session.js';
import { CONFIG_ERROR_CODES } from '../../src/config/load-config.js';
import { EMBEDDED_ERROR_CODES } from '../../src/database/embedded-postgres.js';
import { renderExitTable } from '../../src/exit-codes-doc.js';
import { EXIT, exitCodeFor, exitReasonFor, exitReasonForAll } from '../../src/exit-codes.js';
import { FILE_ERROR_CODES } from '../../src/file-errors.js';

const DOC = fs.readFileSync(new URL('../../../../docs/cli/exit-codes.md', import.meta.url), 'utf8');

describe('the exit-code table', () => {
  test('docs/cli/exit-codes.md shows the table the CLI uses (regenerate: pnpm --filter @wesley/cli docs:exit-codes)', () => {
    expect(DOC).toContain(renderExitTable());
  });

  test.each([
    ['WESLEY_CLI_USAGE', EXIT.usage],
    ['WESLEY_IR_SYNTAX', EXIT.invalidInput],
    ['WESLEY_CONFIG_INVALID', EXIT.invalidInput],
    ['WESLEY_MIGRATIONS_CHECKSUM_MISMATCH', EXIT.invalidInput],
    ['WESLEY_MIGRATIONS_REFUSED', EXIT.refused],
    ['WESLEY_PLAN_DESTRUCTIVE', EXIT.refused],
    ['WESLEY_CLI_UNSAFE_REQUIRED', EXIT.refused],
    ['WESLEY_EXEC_IRREVERSIBLE', EXIT.refused],
    ['WESLEY_CLI_DATABASE_UNREACHABLE', EXIT.database],
    ['WESLEY_PLAN_UNSUPPORTED_VERSION', EXIT.database],
    ['WESLEY_CLI_EMBEDDED_FAILED', EXIT.database],
    ['WESLEY_EXEC_STEP_FAILED', EXIT.failed],
    ['WESLEY_EXEC_LOCKED', EXIT.busy],
    ['WESLEY_EXEC_NOTHING_TO_ROLL_BACK', EXIT.invalidInput],
    ['WESLEY_DRIFT_DETECTED', EXIT.difference],
    ['WESLEY_INTERNAL', EXIT.internal],
    ['SOMETHING_ELSE', EXIT.internal],
  ])('%s exits %i', (code, exit) => {
    expect(exitCodeFor(code)).toBe(exit);
  });

  const KNOWN = [
    'WESLEY_CLI_USAGE', 'WESLEY_CLI_SCHEMA_NOT_FOUND', 'WESLEY_CLI_INIT_EXISTS',
    ...Object.values(FILE_ERROR_CODES), ...Object.values(DATABASE_ERROR_CODES), ...Object.values(RUN_CLI_ERROR_CODES),
    ...Object.values(CONFIG_ERROR_CODES), ...Object.values(EMBEDDED_ERROR_CODES), ...Object.values(GATE_ERROR_CODES), ...Object.values(AUDIT_ERROR_CODES),
    ...Object.values(CODEGEN_ERROR_CODES).filter((c) => c !== CODEGEN_ERROR_CODES.sqlParserNotLoaded),
    ...Object.values(PLANNER_ERROR_CODES), ...Object.values(REFUSAL_CODES), ...Object.values(DRIFT_ERROR_CODES),
    ...Object.values(MIGRATION_ERROR_CODES), ...Object.values(RUN_ERROR_CODES),
  ];
  test.each(KNOWN)('%s has an exit code other than internal', (code) => {
    expect(exitReasonFor(code)).not.toBe('internal');
  });

  test('errors reported together exit with the most serious one', () => {
    expect(exitReasonForAll(['WESLEY_IR_SYNTAX', 'WESLEY_IR_UNKNOWN_TYPE'])).toBe('invalidInput');
    expect(exitReasonForAll(['WESLEY_IR_SYNTAX', 'WESLEY_INTERNAL'])).toBe('internal');
    expect(exitReasonForAll(['WESLEY_PLAN_DESTRUCTIVE', 'WESLEY_CLI_DATABASE_FAILED'])).toBe('database');
  });
});
