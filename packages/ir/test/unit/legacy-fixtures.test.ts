// Schemas written for the earlier Wesley tooling (see /work/shared/fixtures/wesley-legacy/README.md),
// read in place: they are test inputs only and must never be copied into this repository.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { compileSchema } from '../../src/compile-schema.js';

// packages/ir/test/unit -> the folder beside the repository checkout.
const FIXTURES = new URL('../../../../../shared/fixtures/wesley-legacy/', import.meta.url);

type Outcome =
  | { readonly ok: true; readonly tables: number }
  /** `first` is `CODE@line:column` of the first error; `hint` a fragment of its hint. */
  | { readonly ok: false; readonly first: string; readonly errors: number; readonly hint?: string };

const EXPECTED: Readonly<Record<string, Outcome>> = {
  'blade__schema-v1.graphql': { ok: true, tables: 1 },
  // @wes_default(value: "now()") is a frozen literal, not the current time: use expr:.
  'blade__schema-v2.graphql': { ok: false, first: 'WESLEY_IR_INVALID_DEFAULT@6:45', errors: 1, hint: 'expr: "now()"' },
  'cli__invalid.graphql': { ok: false, first: 'WESLEY_IR_SYNTAX@2:1', errors: 1 },
  'examples__ecommerce.graphql': { ok: true, tables: 4 },
  'examples__multi-tenant.graphql': { ok: false, first: 'WESLEY_IR_SYNTAX@25:4', errors: 1, hint: 'Prisma-style' },
  // @grant, @uid, @owner, @pii are used without being declared; value: "NOW()" as above.
  'examples__rpc-example.graphql': { ok: false, first: 'WESLEY_IR_UNKNOWN_DIRECTIVE@4:22', errors: 9, hint: 'directive @grant on OBJECT' },
  'examples__schema-v2.graphql': { ok: false, first: 'WESLEY_IR_SYNTAX@19:37', errors: 1, hint: 'named' },
  'examples__schema-with-rls.graphql': { ok: false, first: 'WESLEY_IR_SYNTAX@33:43', errors: 1, hint: '@weight(value: 9)' },
  'examples__schema.graphql': { ok: true, tables: 3 },
  'fixtures__freaky-rls-schema.graphql': { ok: false, first: 'WESLEY_IR_INVALID_DEFAULT@17:45', errors: 10, hint: 'expr: "now()"' },
  'fixtures__freaky-rpc-schema.graphql': { ok: false, first: 'WESLEY_IR_SYNTAX@18:47', errors: 1, hint: 'Close the string' },
  'fixtures__rls-schema.graphql': { ok: false, first: 'WESLEY_IR_SYNTAX@33:43', errors: 1, hint: '@weight(value: 9)' },
  'reference__schema.graphql': { ok: true, tables: 4 },
  'scaffold-multitenant__multi-tenant.graphql': { ok: false, first: 'WESLEY_IR_SYNTAX@44:4', errors: 1, hint: 'Prisma-style' },
  // Not a schema: the old directive definitions. Declarations only, so no tables.
  'schemas__directives.graphql': { ok: true, tables: 0 },
};

const present = fs.existsSync(FIXTURES) && fs.statSync(FIXTURES).isDirectory();

describe('legacy Wesley schemas (shared/fixtures/wesley-legacy)', () => {
  test('the fixtures folder exists and holds exactly the files listed here', () => {
    expect(present, `The legacy fixtures folder is missing: ${fileURLToPath(FIXTURES)}. These tests read it in place; restore it there (it sits beside the repository checkout, never inside it).`).toBe(true);
    const files = fs.readdirSync(FIXTURES).filter((f) => f.endsWith('.graphql')).sort();
    expect(files).toEqual(Object.keys(EXPECTED).sort());
  });

  test.each(Object.entries(EXPECTED))('%s', async (file, outcome) => {
    expect(present, `The legacy fixtures folder is missing: ${fileURLToPath(FIXTURES)}`).toBe(true);
    const result = await compileSchema([{ name: file, text: fs.readFileSync(new URL(file, FIXTURES), 'utf8') }]);
    if (outcome.ok) {
      expect(result.ok ? 'compiled' : result.errors.map((e) => `${e.code}@${e.location?.line}:${e.location?.column} ${e.message}`)).toBe('compiled');
      if (!result.ok) return;
      expect(result.ir.tables.length).toBe(outcome.tables);
      return;
    }
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const [first] = result.errors;
    expect(`${first!.code}@${first!.location?.line}:${first!.location?.column}`).toBe(outcome.first);
    expect(first!.location?.file).toBe(file);
    expect(result.errors.length).toBe(outcome.errors);
    if (outcome.hint) expect(first!.hint).toContain(outcome.hint);
  });
});
