// Test-only: one IR that uses every feature the DDL builders support, shared by codegen's unit
// tests (the SQL parses) and its integration test (the SQL applies on every server).
import type { ColumnDefault, PolicyIR, SchemaIR } from '../types.js';
import { testCheck, testColumn, testEnum, testForeignKey, testIndex, testLocation, testPolicy, testPrimaryKey, testSchema, testTable, testUnique } from './test-ir.js';

const expr = (sql: string, volatility: 'immutable' | 'stable' | 'volatile' = 'immutable'): ColumnDefault => ({ kind: 'expression', sql, volatility });
const literal = (value: string): ColumnDefault => ({ kind: 'literal', value, sql: `'${value}'`, volatility: 'constant' });
const uuidPk = testColumn('id', 'uuid', { nullable: false, default: expr('gen_random_uuid()', 'volatile') });
const updatedAt = testColumn('updated_at', 'timestamp with time zone', { nullable: false, default: expr('now()', 'stable'), updatedAt: true });
const tenant = `org_id = ("auth"."jwt_claim"('org_id'))::uuid`;
const tenantPolicies = (table: string): PolicyIR[] => [
  testPolicy(`${table}_tenant`, { permissive: false, using: tenant, withCheck: tenant }),
  testPolicy(`${table}_all`, { using: 'true', withCheck: 'true' }),
];
const tenantRls = (table: string) => ({ enabled: true, force: true, policies: tenantPolicies(table) });

/** The rich IR; `generatedColumns` only for PostgreSQL 12+. */
export function richSchema(options: { generatedColumns: boolean }): SchemaIR {
  return testSchema({
    schemas: ['public', 'billing'],
    extensions: ['pgcrypto'],
    enums: [
      testEnum('member_role', ['owner', 'member', "it's a guest"], { comment: "A member's role" }),
      testEnum('order_status', ['new', 'paid']),
    ],
    functions: [
      { schema: 'auth', name: 'jwt_claim', purpose: 'jwt-claim' },
      { schema: 'public', name: 'touch_updated_at', purpose: 'touch-updated-at' },
    ],
    roles: [{ name: 'wesley_migrator', bypassRls: true }, { name: 'wesley_support', bypassRls: false }],
    tables: [
      testTable('invoice', {
        schema: 'billing',
        comment: 'Invoices live in their own schema',
        columns: [uuidPk, testColumn('number', 'text', { nullable: false }), testColumn('org_id', 'uuid', { nullable: false })],
        primaryKey: testPrimaryKey('invoice', ['id']),
        // Only a unique index makes "number" unique, and order.invoice_number references it.
        indexes: [testIndex('invoice_number_key', ['number'], { unique: true })],
        foreignKeys: [testForeignKey('invoice_org_id_fkey', ['org_id'], 'org', ['id'])],
      }),
      testTable('event', {
        columns: [
          testColumn('id', 'bigint', { nullable: false, identity: 'always' }),
          testColumn('org_id', 'uuid', { nullable: false }),
          testColumn('created_at', 'timestamp with time zone', { nullable: false, default: expr('now()', 'stable') }),
          testColumn('payload', 'jsonb', { nullable: false, default: expr(`'{}'::jsonb`) }),
          updatedAt,
        ],
        primaryKey: testPrimaryKey('event', ['id', 'created_at']),
        indexes: [testIndex('event_payload_idx', ['payload'], { method: 'gin' })],
        foreignKeys: [testForeignKey('event_org_id_fkey', ['org_id'], 'org', ['id'], { onDelete: 'CASCADE' })],
        partitioning: {
          strategy: 'range',
          columns: ['created_at'],
          partitions: [
            { name: 'event_2026_01', bound: "FOR VALUES FROM ('2026-01-01') TO ('2026-02-01')", location: testLocation },
            { name: 'event_2026_02', bound: "FOR VALUES FROM ('2026-02-01') TO ('2026-03-01')", location: testLocation },
            { name: 'event_default', bound: 'DEFAULT', location: testLocation },
          ],
        },
        tenant: { column: 'org_id', claim: 'org_id' },
        rls: tenantRls('event'),
      }),
      testTable('membership', {
        columns: [
          testColumn('org_id', 'uuid', { nullable: false }),
          testColumn('user_id', 'uuid', { nullable: false }),
          testColumn('role', '"public"."member_role"', { nullable: false, default: literal('member'), enum: { schema: 'public', name: 'member_role' } }),
        ],
        primaryKey: testPrimaryKey('membership', ['org_id', 'user_id']),
        foreignKeys: [
          testForeignKey('membership_org_id_fkey', ['org_id'], 'org', ['id'], { onDelete: 'CASCADE' }),
          testForeignKey('membership_user_id_fkey', ['user_id'], 'user', ['id'], { onDelete: 'CASCADE', onUpdate: 'CASCADE' }),
        ],
      }),
      testTable('order', {
        comment: "The user's order",
        columns: [
          uuidPk,
          testColumn('number', 'bigint', { nullable: false, identity: 'by default' }),
          testColumn('org_id', 'uuid', { nullable: false }),
          testColumn('user', 'uuid', { nullable: false, comment: 'Who placed it' }),
          testColumn('status', '"public"."order_status"', { nullable: false, default: literal('new') }),
          testColumn('amount_cents', 'integer', { nullable: false }),
          testColumn('invoice_number', 'text'),
        ],
        primaryKey: testPrimaryKey('order', ['id']),
        checks: [testCheck('order_amount_cents_check', 'amount_cents >= 0')],
        indexes: [testIndex('order_org_id_idx', ['org_id'], { origin: 'tenant' })],
        foreignKeys: [
          testForeignKey('order_user_fkey', ['user'], 'user', ['id']),
          testForeignKey('order_invoice_number_fkey', ['invoice_number'], 'invoice', ['number'], {
            references: { schema: 'billing', name: 'invoice', columns: ['number'] }, onDelete: 'SET NULL',
          }),
        ],
        tenant: { column: 'org_id', claim: 'org_id' },
        // wesley_support is in no IR role: generateSql must create it for the policy to apply.
        rls: { ...tenantRls('order'), policies: [...tenantPolicies('order'), testPolicy('order_support', { command: 'select', roles: ['wesley_support'], using: 'true' })] },
      }),
      testTable('org', {
        columns: [uuidPk, testColumn('slug', 'character varying(64)', { nullable: false }), testColumn('parent_id', 'uuid'), testColumn('owner_id', 'uuid', { nullable: false })],
        primaryKey: testPrimaryKey('org', ['id']),
        uniques: [testUnique('org_slug_key', ['slug'])],
        foreignKeys: [
          testForeignKey('org_parent_id_fkey', ['parent_id'], 'org', ['id'], { onDelete: 'SET NULL' }),
          // org.owner_id -> user and user.org_id -> org form a cycle: both deferred.
          testForeignKey('org_owner_id_fkey', ['owner_id'], 'user', ['id'], { deferrable: 'initially deferred' }),
        ],
      }),
      testTable('user', {
        columns: [
          uuidPk,
          testColumn('org_id', 'uuid', { nullable: false }),
          testColumn('email', 'text', { nullable: false }),
          ...(options.generatedColumns ? [testColumn('email_lower', 'text', { generated: { expression: 'lower(email)' } })] : []),
          testColumn('settings', 'jsonb', { nullable: false, default: expr(`'{}'::jsonb`) }),
          testColumn('deleted_at', 'timestamp with time zone'),
          updatedAt,
        ],
        primaryKey: testPrimaryKey('user', ['id']),
        uniques: [testUnique('user_email_key', ['email'], 'deleted_at IS NULL')],
        indexes: [testIndex('user_settings_idx', ['settings'], { method: 'gin' })],
        foreignKeys: [testForeignKey('user_org_id_fkey', ['org_id'], 'org', ['id'], { deferrable: 'initially deferred' })],
      }),
    ],
  });
}
