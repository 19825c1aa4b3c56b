import type { GeneratorContext } from '../plugins/generator-plugin.js';
import { generatedHeader } from '../plugins/generator-plugin.js';
import type { TypeRefs } from './type-catalog.js';
import { JSON_VALUE } from './type-catalog.js';

/** A property of an emitted interface. */
export interface Property {
  readonly name: string;
  readonly type: string;
  readonly optional: boolean;
  readonly comment: string | null;
}

/** Plain code-point order, so output does not depend on the locale. */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A doc comment at the given indent, or nothing; `*\/` inside cannot end it early. */
export function docComment(text: string | null, indent = ''): string[] {
  if (text === null || text.trim() === '') return [];
  const lines = text.replaceAll('*/', '*\\/').split('\n').map((line) => line.trimEnd());
  if (lines.length === 1) return [`${indent}/** ${lines[0]} */`];
  return [`${indent}/**`, ...lines.map((line) => (line === '' ? `${indent} *` : `${indent} * ${line}`)), `${indent} */`];
}

/** `export interface Name { ... }` with one property a line. */
export function renderInterface(name: string, comment: string | null, properties: readonly Property[]): string[] {
  const body = properties.flatMap((p) => [...docComment(p.comment, '  '), `  ${p.name}${p.optional ? '?' : ''}: ${p.type};`]);
  return [...docComment(comment), `export interface ${name} {`, ...body, '}'];
}

/** A module of `types/`: header, sorted type-only imports, then the body blocks. */
export function renderTypeModule(self: string, refs: TypeRefs, blocks: readonly (readonly string[])[], context: GeneratorContext, extension: string): string {
  const imports: string[] = [];
  if (refs.json) imports.push(`import type { ${JSON_VALUE} } from '../scalars${extension}';`);
  for (const name of [...refs.modules].sort(compareNames)) {
    if (name !== self) imports.push(`import type { ${name} } from './${name}${extension}';`);
  }
  return renderFile(context, [imports, ...blocks]);
}

/** Header comment lines, then blocks separated by one blank line; ends with a newline. */
export function renderFile(context: GeneratorContext, blocks: readonly (readonly string[])[]): string {
  const header = generatedHeader(context).map((line) => `// ${line}`);
  return [header, ...blocks].filter((block) => block.length > 0).map((block) => block.join('\n')).join('\n\n') + '\n';
}
