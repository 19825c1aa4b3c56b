// The `zod` generator: Zod 4 schemas over the IR. Wired into the package's public API by src/index.ts.
export { zodGenerator, generateZod } from './zod-generator.js';
export type { ZodGeneratorOptions } from './zod-generator.js';
