// A plan's JSON form: keys in the order of types.ts (which planSchema follows), so the same plan
// always serialises to the same bytes, whatever order its objects were built in.
import { z } from 'zod';
import type { Plan } from '../types.js';
import { planSchema } from './plan-schema.js';

// Keys the schema does not know keep their place after the known ones: serialising never drops data.
function orderKeys(value: unknown, schema: z.ZodType): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (schema instanceof z.ZodNullable || schema instanceof z.ZodOptional || schema instanceof z.ZodReadonly) {
    return orderKeys(value, schema.unwrap() as z.ZodType);
  }
  if (Array.isArray(value)) return schema instanceof z.ZodArray ? value.map((item) => orderKeys(item, schema.element as z.ZodType)) : value;
  const record = value as Record<string, unknown>;
  if (schema instanceof z.ZodUnion) {
    // The option that knows every key (Rollback's variants differ in their keys).
    const option = (schema.options as z.ZodType[]).find((o) => o instanceof z.ZodObject && Object.keys(record).every((k) => k in o.shape));
    return option === undefined ? value : orderKeys(value, option);
  }
  if (!(schema instanceof z.ZodObject)) return value;
  const shape = schema.shape as Record<string, z.ZodType>;
  const known = Object.keys(shape).filter((k) => k in record);
  const unknown = Object.keys(record).filter((k) => !(k in shape));
  return Object.fromEntries([...known.map((k) => [k, orderKeys(record[k], shape[k]!)]), ...unknown.map((k) => [k, record[k]])]);
}

/** The plan as JSON: keys in the order of the contract (docs/plan-format.md), 2-space indent, trailing newline. */
export function planToJson(plan: Plan): string {
  return `${JSON.stringify(orderKeys(plan, planSchema), null, 2)}\n`;
}
