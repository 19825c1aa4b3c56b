import path from 'node:path';
import type { GraphQLSchema } from 'graphql';
import { compileSchema, formatError, WesleyError, type CompileOptions, type WesleyErrorData } from '@wesley/ir';
import { generatedHeader, runGenerators, type GeneratorPlugin } from '@wesley/codegen';
import { GRAPHQL_CODEGEN_ERROR_CODES } from './errors.js';
import { mergeModules } from './merge-modules.js';
import { schemaToSdl } from './schema-to-sdl.js';

/**
 * The config of a Wesley plugin in `codegen.ts`. `compile` goes to Wesley's compiler; every
 * other key is passed to the generator as its options (codegen also merges the root `config`
 * in, so keys of other plugins arrive too: generators ignore keys they do not know).
 */
export interface WesleyPluginConfig {
  /** Wesley's compile options: custom `scalars`, `defaultSchema`, `tenantClaim`, `migratorRole`. */
  readonly compile?: CompileOptions;
  readonly [option: string]: unknown;
}

/** GraphQL Code Generator's complex plugin output. */
export interface WesleyPluginOutput {
  readonly prepend: string[];
  readonly content: string;
}

/** A GraphQL Code Generator plugin module (`plugin` and `validate`) over one Wesley generator. */
export interface WesleyCodegenPlugin {
  plugin(schema: GraphQLSchema, documents: readonly unknown[], config: WesleyPluginConfig, info?: { readonly outputFile?: string }): Promise<WesleyPluginOutput>;
  validate(schema: GraphQLSchema, documents: readonly unknown[], config: WesleyPluginConfig, outputFile: string, allPlugins: readonly unknown[]): void;
}

// The name Wesley's locations use for the rebuilt SDL when a location has no original file.
const REBUILT_SDL = 'schema (rebuilt by @wesley/graphql-codegen).graphql';

/** Wraps a Wesley generator (`typescriptGenerator`, `zodGenerator`, ...) as a GraphQL Code Generator plugin. */
export function createWesleyPlugin<Options>(generator: GeneratorPlugin<Options>): WesleyCodegenPlugin {
  return {
    async plugin(schema, _documents, config = {}) {
      const { compile, ...options } = config;
      const displayName = (name: string) => path.relative(process.cwd(), name).split(path.sep).join('/') || name;
      const sdl = schemaToSdl(schema, { displayName });
      const result = await compileSchema([{ name: REBUILT_SDL, text: sdl.sdl }], compile ?? {});
      if (!result.ok) throw schemaInvalid(result.errors, sdl.originalLocation);
      const context = { hash: result.hash, sources: sdl.files };
      const files = runGenerators(result.ir, context, [{ plugin: generator, options }]);
      return mergeModules(files, generatedHeader(context));
    },
    validate(_schema, _documents, _config, outputFile) {
      if (!/\.[cm]?tsx?$/.test(outputFile)) {
        throw new WesleyError({
          code: GRAPHQL_CODEGEN_ERROR_CODES.badOutputFile,
          message: `Wesley's ${generator.name} plugin writes TypeScript, but the output file is ${outputFile}.`,
          hint: 'Give the output a .ts name in `generates`.',
        });
      }
    },
  };
}

/** One error whose message is every compile error, formatted as the Wesley CLI prints them. */
function schemaInvalid(errors: readonly WesleyErrorData[], originalLocation: (line: number, column: number) => WesleyErrorData['location'] | null): WesleyError {
  const located = errors.map((error) => {
    const at = error.location?.file === REBUILT_SDL ? originalLocation(error.location.line, error.location.column) : null;
    return at ? { ...error, location: at } : error;
  });
  const count = `${located.length} error${located.length === 1 ? '' : 's'}`;
  return new WesleyError({
    code: GRAPHQL_CODEGEN_ERROR_CODES.schemaInvalid,
    message: `Wesley cannot compile the schema (${count}):\n${located.map((e) => formatError(e)).join('\n')}`,
    hint: 'Fix the schema at the locations shown.',
    details: { errors: located },
  });
}
