import type { GeneratorContext } from '../plugins/generator-plugin.js';
import { generatedHeader } from '../plugins/generator-plugin.js';
import { JSON_MODULE, type ZodExpression } from './zod-field.js';

/** One property of a generated `z.object({...})`. */
export interface ZodProperty {
  readonly key: string;
  readonly schema: ZodExpression;
}

/** The `z.object({...})` literal; references to input types become getters (zod 4 recursion). */
export function objectCode(properties: readonly ZodProperty[]): string {
  if (!properties.length) return 'z.object({})';
  const lines = properties.map(({ key, schema }) =>
    schema.lazy ? `  get ${key}() {\n    return ${schema.code};\n  },` : `  ${key}: ${schema.code},`,
  );
  return `z.object({\n${lines.join('\n')}\n})`;
}

/** A whole module: header, imports of `zod` and of the sibling modules it reads, then the body. */
export function moduleCode(self: string, body: readonly string[], uses: readonly ZodExpression[], context: GeneratorContext, extension: string): string {
  const siblings = [...new Set(uses.flatMap((u) => u.modules))].filter((m) => m !== self).sort();
  const imports = siblings.map((m) => `import { ${m === JSON_MODULE ? 'jsonValueSchema' : `${m}Schema`} } from './${m}${extension}';`);
  return fileCode(context, ["import { z } from 'zod';", ...imports, '', ...body]);
}

/** The generated header followed by `lines`. */
export function fileCode(context: GeneratorContext, lines: readonly string[]): string {
  return [...generatedHeader(context).map((line) => `// ${line}`), '', ...lines].join('\n') + '\n';
}
