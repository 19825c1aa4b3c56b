// docs/errors.md has a section for every code the CLI can print beyond the compiler's (those are
// checked in packages/ir), and the planning errors' examples print exactly what the page shows.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CODEGEN_ERROR_CODES } from '@wesley/codegen';
import { DRIFT_ERROR_CODES } from '@wesley/drift';
import { MIGRATION_ERROR_CODES, RUN_ERROR_CODES } from '@wesley/executor';
import { PLANNER_ERROR_CODES } from '@wesley/planner';
import { describe, expect, test } from 'vitest';
import { AUDIT_ERROR_CODES } from '../../src/audit-log.js';
import { INIT_ERROR_CODES } from '../../src/commands/init.js';
import { DATABASE_ERROR_CODES } from '../../src/commands/migrate-database.js';
import { GATE_ERROR_CODES } from '../../src/commands/migrate-gates.js';
import { RUN_CLI_ERROR_CODES } from '../../src/commands/migrate-session.js';
import { CONFIG_ERROR_CODES } from '../../src/config/load-config.js';
import { EMBEDDED_ERROR_CODES } from '../../src/database/embedded-postgres.js';
import { FILE_ERROR_CODES } from '../../src/file-errors.js';
import { wesley } from '../migrate-plan-helpers.js';

const DOC = fs.readFileSync(new URL('../../../../docs/errors.md', import.meta.url), 'utf8');

// Each anchor starts a part of the page; a code's section is the part that starts with the code's
// anchor and heading (the summary tables hold anchors too).
const SECTIONS = new Map(DOC.split('<a id="').slice(1).map((part) => [part.slice(0, part.indexOf('"')), part] as const));
const section = (code: string) => (SECTIONS.get(code)?.startsWith(`${code}"></a>\n### ${code}\n`) ? SECTIONS.get(code) : undefined);

/** The first fenced block of `lang` in `text`. */
const block = (text: string, lang: string) => text.split('```' + lang + '\n')[1]?.split('\n```')[0];

const CLI_CODES = [
  'WESLEY_CLI_USAGE', 'WESLEY_CLI_SCHEMA_NOT_FOUND', ...Object.values(FILE_ERROR_CODES), ...Object.values(DATABASE_ERROR_CODES), ...Object.values(RUN_CLI_ERROR_CODES),
  ...Object.values(CONFIG_ERROR_CODES), ...Object.values(EMBEDDED_ERROR_CODES), ...Object.values(GATE_ERROR_CODES), ...Object.values(INIT_ERROR_CODES), ...Object.values(AUDIT_ERROR_CODES),
];

describe('docs/errors.md', () => {
  test.each([...CLI_CODES, ...Object.values(CODEGEN_ERROR_CODES), ...Object.values(PLANNER_ERROR_CODES), ...Object.values(DRIFT_ERROR_CODES), ...Object.values(MIGRATION_ERROR_CODES), ...Object.values(RUN_ERROR_CODES), 'WESLEY_IR_PARSER_NOT_LOADED'])('has a section for %s', (code) => {
    expect(section(code), `docs/errors.md has no section <a id="${code}"></a> ### ${code}`).toBeDefined();
    expect(DOC, `${code} is missing from a summary table`).toContain(`| [\`${code}\`](#${code}) |`);
  });

  test.each(Object.values(PLANNER_ERROR_CODES))('%s: the example prints what the page shows', async (code) => {
    const text = section(code)!;
    const command = block(text, 'sh') ?? 'wesley migrate plan --to schema.graphql --stats stats.json';
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wesley-errors-doc-'));
    try {
      fs.writeFileSync(path.join(dir, 'schema.graphql'), block(text, 'graphql') ?? 'type Note @table { id: ID! @pk }\n');
      const stats = block(text, 'json');
      if (stats !== undefined) fs.writeFileSync(path.join(dir, 'stats.json'), stats);
      const { stderr } = await wesley(command.split(' ').slice(1), { cwd: dir });
      expect(stderr.trimEnd()).toBe(block(text, 'text'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
