// Finds and reads wesley.config.(ts|mts|js|mjs|json): --config or WESLEY_CONFIG names one,
// otherwise the first of CONFIG_FILES in the current directory (not its parents: a command run in
// a scratch folder must not pick up a config from the repository around it). Errors name the file,
// the key and, for JSON, the line and column.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { WesleyError, type SourceLocation } from '@wesley/ir';
import { findNodeAtLocation, parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { z } from 'zod';
import { configSchema, type WesleyConfig } from './config-schema.js';

/** The config error codes (docs/errors.md). */
export const CONFIG_ERROR_CODES = {
  notFound: 'WESLEY_CONFIG_NOT_FOUND',
  invalid: 'WESLEY_CONFIG_INVALID',
  loadFailed: 'WESLEY_CONFIG_LOAD_FAILED',
} as const;

/** Looked for in this order. */
export const CONFIG_FILES = ['wesley.config.ts', 'wesley.config.mts', 'wesley.config.js', 'wesley.config.mjs', 'wesley.config.json'] as const;
export const CONFIG_ENV = 'WESLEY_CONFIG';

export interface LoadedConfig {
  readonly config: WesleyConfig;
  /** The file, absolute; null when there is none (every default applies). */
  readonly file: string | null;
  /** The folder paths in the config are relative to. */
  readonly baseDir: string;
}

/** The config for a command run in `cwd`; `explicit` is --config. */
export async function loadConfig(cwd: string, explicit: string | undefined, env: Readonly<Record<string, string | undefined>>): Promise<LoadedConfig> {
  const named = explicit ?? (env[CONFIG_ENV] || undefined);
  let file: string | undefined;
  if (named !== undefined) {
    file = path.resolve(cwd, named);
    if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      throw new WesleyError({
        code: CONFIG_ERROR_CODES.notFound,
        message: `The config file "${named}" (${explicit !== undefined ? '--config' : CONFIG_ENV}) does not exist.`,
        expected: `a file such as ${CONFIG_FILES.join(', ')}`,
        hint: 'Check the path, or run `wesley init` to write a starter config.',
      });
    }
  } else {
    file = CONFIG_FILES.map((name) => path.join(cwd, name)).find((f) => fs.existsSync(f));
  }
  if (file === undefined) return { config: configSchema.parse({}), file: null, baseDir: cwd };
  const shown = path.relative(cwd, file) || file;
  const raw = file.endsWith('.json') ? readJson(file, shown) : await importModule(file, shown);
  const parsed = configSchema.safeParse(raw.value);
  if (!parsed.success) throw invalid(parsed.error, shown, raw.locate);
  return { config: parsed.data, file, baseDir: path.dirname(file) };
}

type Locate = (keys: readonly PropertyKey[]) => SourceLocation | undefined;

function readJson(file: string, shown: string): { value: unknown; locate: Locate } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw loadFailed(shown, error);
  }
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  const at = (offset: number): SourceLocation => {
    const before = text.slice(0, offset).split('\n');
    return { file: shown, line: before.length, column: before.at(-1)!.length + 1 };
  };
  if (errors.length || tree === undefined) {
    const first = errors[0];
    throw new WesleyError({
      code: CONFIG_ERROR_CODES.invalid,
      message: `The config file ${shown} is not valid JSON: ${first ? printParseErrorCode(first.error) : 'it is empty'}.`,
      expected: 'one JSON object, e.g. { "schema": "schema.graphql" }',
      hint: 'Fix the JSON at the position shown (no comments, no trailing commas).',
      ...(first ? { location: at(first.offset) } : {}),
    });
  }
  const value = JSON.parse(text) as unknown;
  return {
    value,
    locate: (keys) => {
      // The deepest node that exists: an unknown key points at its object, a bad value at itself.
      for (let n = keys.length; n >= 0; n -= 1) {
        const node = findNodeAtLocation(tree, keys.slice(0, n).map((k) => (typeof k === 'number' ? k : String(k))));
        if (node) return at(node.parent?.type === 'property' ? node.parent.offset : node.offset);
      }
      return undefined;
    },
  };
}

async function importModule(file: string, shown: string): Promise<{ value: unknown; locate: Locate }> {
  try {
    const module = /\.m?ts$/.test(file)
      ? await (await import('jiti')).createJiti(import.meta.url, { moduleCache: false, alias: selfAlias() }).import<{ default?: unknown }>(file)
      : ((await import(`${pathToFileURL(file).href}?t=${Date.now()}`)) as { default?: unknown });
    if (!module || !('default' in module)) {
      throw new WesleyError({
        code: CONFIG_ERROR_CODES.invalid,
        message: `The config file ${shown} has no default export.`,
        expected: 'export default defineConfig({ ... })',
        hint: "Export the config: `import { defineConfig } from '@wesley/cli'; export default defineConfig({ schema: 'schema.graphql' });`",
        location: { file: shown, line: 1, column: 1 },
      });
    }
    return { value: module.default, locate: () => undefined };
  } catch (error) {
    if (error instanceof WesleyError) throw error;
    throw loadFailed(shown, error);
  }
}

/**
 * `import { defineConfig } from '@wesley/cli'` in a config resolves to the wesley that is running,
 * so that a config works with a global or npx wesley too, not only with one installed in the project.
 */
function selfAlias(): Record<string, string> {
  try {
    return { '@wesley/cli': fileURLToPath(import.meta.resolve('@wesley/cli')) };
  } catch {
    return {};
  }
}

function loadFailed(shown: string, error: unknown): WesleyError {
  const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
  return new WesleyError({
    code: CONFIG_ERROR_CODES.loadFailed,
    message: `Cannot load the config file ${shown}: ${reason}`,
    hint: 'Fix the error in the config file (run it with `node` or `tsx` to see the whole stack), or pass --config to use another one.',
  });
}

function invalid(error: z.ZodError, shown: string, locate: Locate): WesleyError {
  const issue = error.issues[0]!;
  const keys = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path;
  const key = keys.map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`)).join('').replace(/^\./, '') || '(the file)';
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more)` : '';
  const location = locate(keys);
  return new WesleyError({
    code: CONFIG_ERROR_CODES.invalid,
    message: issue.code === 'unrecognized_keys' ? `Unknown key "${key}" in ${shown}${more}.` : `Invalid "${key}" in ${shown}: ${issue.message}${more}.`,
    expected: issue.code === 'unrecognized_keys' ? 'only the keys docs/config.md lists' : issue.message,
    hint: issue.code === 'unrecognized_keys' ? `Remove or correct "${key}" (docs/config.md lists every key).` : `Correct "${key}" (docs/config.md describes it).`,
    ...(location ? { location } : {}),
  });
}
