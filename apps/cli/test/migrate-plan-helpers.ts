// Shared by the `wesley migrate plan` tests: running the CLI in-process, and the documented
// shape of its --json envelope (docs/cli/migrate-plan.md), strict so that any unannounced change fails.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { planSchema } from '@wesley/planner';
import planJsonSchema from '@wesley/planner/plan.schema.json' with { type: 'json' };
import { Ajv2020 } from 'ajv/dist/2020.js';
import { z } from 'zod';
import { runCli } from '../src/main.js';

export const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), 'fixtures/migrate');

/** Runs wesley in `cwd` (the fixtures by default) with its own environment. */
export async function wesley(argv: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  let stdout = '';
  let stderr = '';
  const io = { stdout: (t: string) => (stdout += t), stderr: (t: string) => (stderr += t) };
  const code = await runCli(argv, io, options.cwd ?? fixtures, options.env ?? {});
  return { code, stdout, stderr };
}

const location = z.strictObject({ file: z.string(), line: z.number().int().positive(), column: z.number().int().positive() });
const diagnostic = z.strictObject({ severity: z.enum(['warning', 'info']), code: z.string(), message: z.string(), hint: z.string().optional(), location: location.optional() });
const error = z.strictObject({
  code: z.string().startsWith('WESLEY_'),
  message: z.string(),
  location: location.optional(),
  expected: z.string().optional(),
  hint: z.string().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});
const note = z.strictObject({ code: z.string().startsWith('WESLEY_CLI_'), message: z.string() });
const common = {
  formatVersion: z.literal(1),
  command: z.literal('migrate plan'),
  files: z.strictObject({ from: z.array(z.string()), to: z.array(z.string()) }),
  notes: z.array(note),
  diagnostics: z.array(diagnostic),
};

export const successEnvelope = z.strictObject({
  ...common,
  ok: z.literal(true),
  complete: z.boolean(),
  factsSource: z.enum(['database', 'stats', 'pg-version', 'default']),
  plan: planSchema,
});
export const failureEnvelope = z.strictObject({ ...common, ok: z.literal(false), errors: z.array(error).min(1) });

const validatePublished = new Ajv2020({ strict: true, allErrors: true }).compile(planJsonSchema as object);

/** Parses a success document; its plan must also satisfy the published plan.schema.json. */
export function parseSuccess(stdout: string) {
  const json = JSON.parse(stdout);
  if (!validatePublished(json.plan)) throw new Error(`plan.schema.json rejects the plan: ${JSON.stringify(validatePublished.errors)}`);
  return successEnvelope.parse(json);
}
