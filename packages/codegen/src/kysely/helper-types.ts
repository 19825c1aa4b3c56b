import type { HelperName } from './runtime-type.js';

/** The declarations of the helper types, in the order the file lists them. */
export const HELPER_DECLARATIONS: Readonly<Record<HelperName, readonly string[]>> = {
  JsonValue: [
    '/** A JSON value: what node-postgres returns for json and jsonb (it runs JSON.parse). */',
    'export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };',
  ],
  JsonInput: [
    '/**',
    ' * What a json or jsonb parameter accepts. node-postgres sends objects through JSON.stringify and',
    ' * strings as they are (so a string must be JSON text), but turns a JS array into a PostgreSQL',
    ' * array literal: pass arrays as JSON.stringify(array).',
    ' */',
    'export type JsonInput = string | number | boolean | { [key: string]: JsonValue };',
  ],
  PostgresInterval: [
    '/** What node-postgres returns for interval (postgres-interval); absent parts are zero. */',
    'export interface PostgresInterval {',
    '  years?: number;',
    '  months?: number;',
    '  days?: number;',
    '  hours?: number;',
    '  minutes?: number;',
    '  seconds?: number;',
    '  milliseconds?: number;',
    '}',
  ],
  PostgresPoint: ['/** What node-postgres returns for point. */', 'export interface PostgresPoint {', '  x: number;', '  y: number;', '}'],
};

/** JsonInput mentions JsonValue, so it needs it declared too. */
export const HELPER_DEPENDENCIES: Readonly<Partial<Record<HelperName, HelperName>>> = { JsonInput: 'JsonValue' };
