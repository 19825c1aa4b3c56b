import { WesleyError, type SchemaIR } from '@wesley/ir';
import { CODEGEN_ERROR_CODES } from '../errors.js';
import type { GeneratedFile, GeneratorContext, GeneratorPlugin } from './generator-plugin.js';

/** A plugin with the options to run it with. */
export interface GeneratorRun {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- options are checked by each plugin's own type
  readonly plugin: GeneratorPlugin<any>;
  readonly options?: unknown;
}

/**
 * Runs the generators and returns every file, sorted by path. Two generators writing the same
 * path, or a path that leaves the output folder, is an error naming both.
 */
export function runGenerators(ir: SchemaIR, context: GeneratorContext, runs: readonly GeneratorRun[]): GeneratedFile[] {
  const owner = new Map<string, string>();
  const files: GeneratedFile[] = [];
  for (const { plugin, options } of runs) {
    for (const file of plugin.generate(ir, context, options ?? {})) {
      if (file.path.startsWith('/') || file.path.split('/').includes('..') || file.path.includes('\\')) {
        throw new WesleyError({
          code: CODEGEN_ERROR_CODES.badPath,
          message: `Generator "${plugin.name}" returned the path "${file.path}", which is not inside the output folder.`,
          hint: 'Return a relative path with "/" separators and no "..".',
        });
      }
      const previous = owner.get(file.path);
      if (previous !== undefined) {
        throw new WesleyError({
          code: CODEGEN_ERROR_CODES.pathClash,
          message: `Generators "${previous}" and "${plugin.name}" both write ${file.path}.`,
          hint: 'Give one of them a different output path (see its options).',
        });
      }
      owner.set(file.path, plugin.name);
      files.push(file);
    }
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
