// Prints the plan's JSON Schema; plan.schema.json is its output, and a test keeps the two equal:
//   pnpm exec tsx packages/planner/scripts/print-plan-schema.ts > packages/planner/plan.schema.json
import { planJsonSchema } from '../src/explain/plan-schema.js';

process.stdout.write(`${JSON.stringify(planJsonSchema(), null, 2)}\n`);
