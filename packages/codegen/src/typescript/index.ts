// The TypeScript generator: wired into the package's public API by ../index.ts.
export { typescriptGenerator } from './typescript-generator.js';
export { generateTypescript } from './generate-typescript.js';
export type { TypescriptOptions } from './generate-typescript.js';
