// Prints packages/ir/directives.graphql (run from the repository root):
//   pnpm exec tsx packages/ir/scripts/print-directives.ts > packages/ir/directives.graphql
import { printDirectiveDefinitions } from '../src/print-directives.js';

process.stdout.write(printDirectiveDefinitions());
