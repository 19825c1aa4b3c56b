import type { PlanOptions } from '../../src/types.js';

// Schema pairs for the plan-truth test: each one a v1 and a v2 SDL, the SQL that fills v1's tables
// with a few thousand rows, and the plan options. Together they make the planner emit every step
// kind of STEP_KINDS on every major (plan-truth.test.ts asserts that coverage).

/** A statement run after the fill, on its own (outside a transaction: CREATE INDEX CONCURRENTLY works). */
export interface PrepareStatement {
  readonly sql: string;
  /** The statement is expected to fail with this message (it leaves something behind on purpose). */
  readonly fails?: RegExp;
}

export interface PlanScenario {
  readonly name: string;
  readonly v1: string;
  readonly v2: string;
  /** Fills v1's tables (one multi-statement query). */
  readonly fill: string;
  /** Run after the fill, one statement at a time. */
  readonly prepare?: readonly PrepareStatement[];
  readonly options?: Pick<PlanOptions, 'unsafe' | 'batchSize'>;
  /** The oldest major the scenario runs on (default 11). */
  readonly minMajor?: number;
}

const ROWS = 3000;

/** LIST-partitioned by region: EU, the given partition, and a DEFAULT one. */
const logTable = (partition: string) => `
  type Log @table
    @partition(by: LIST, key: ["region"])
    @partitionValues(name: "log_eu", bound: "IN ('EU')")
    ${partition}
    @partitionValues(name: "log_other", bound: "DEFAULT") {
    id: Int! @pk
    region: String! @pk
    message: String
  }`;

/** The table foreign keys point at. */
const PARENT = `
  type Parent @table {
    id: Int! @pk
    name: String
  }`;

/** A year's partition of Event (RANGE on day). */
const eventPartition = (year: number) => `@partitionValues(name: "event_${year}", bound: "FROM ('${year}-01-01') TO ('${year + 1}-01-01')")`;

const PERSON = `
  type Person @table {
    id: Int! @pk
    email: String @unique(where: "email IS NOT NULL")
  }`;

export const PLAN_SCENARIOS: readonly PlanScenario[] = [
  {
    // add-column (nullable, constant default, volatile default), backfill + NOT NULL route, a
    // column made required with a default, drop not null, set/drop default, type changes without
    // a rewrite; int -> bigint (unsafe) online (new column, backfill, swap) and, where a check binds
    // to the column, in place (rewrite); drop column (unsafe); pgcrypto for gen_random_uuid.
    name: 'columns',
    // batches of 500: every backfill takes several batches, each a slice of the table
    options: { unsafe: true, batchSize: 500 },
    v1: `
      type Item @table {
        id: Int! @pk
        name: String!
        code: String!
        status: String
        note: String @default(value: "n/a")
        qty: Int
        label: String @column(type: "varchar(20)")
        price: Decimal @column(type: "numeric(10,2)")
        counter: Int!
        amount: Int! @check(expr: "amount >= 0")
        legacy: String
      }`,
    v2: `
      type Item @table {
        id: Int! @pk
        name: String!
        code: String
        status: String! @default(value: "new")
        note: String
        qty: Int @default(value: 0)
        label: String @column(type: "varchar(50)")
        price: Decimal @column(type: "numeric(12,2)")
        counter: BigInt!
        amount: BigInt! @check(expr: "amount >= 0")
        extra: String
        flag: Boolean! @default(value: false)
        token: String! @default(expr: "md5(random()::text)")
        stamp: DateTime @default(expr: "clock_timestamp()")
        ref: ID! @default(expr: "gen_random_uuid()")
      }`,
    fill: `
      INSERT INTO item (id, name, code, status, qty, label, price, counter, amount, legacy)
      SELECT g, 'n' || g, 'c' || g, CASE WHEN g % 3 = 0 THEN NULL ELSE 's' || (g % 7) END, g, 'l' || g, g / 7.0, g, g, 'x'
      FROM generate_series(1, ${ROWS}) g`,
  },
  {
    // Indexes and constraints on existing tables: CIC, unique (CIC + USING INDEX), partial unique,
    // foreign key (NOT VALID + VALIDATE, and its index), check (NOT VALID + VALIDATE), a primary key
    // on a column made NOT NULL in the same plan; drops of an index, a unique constraint, a foreign
    // key and a check (unsafe).
    name: 'indexes and constraints',
    options: { unsafe: true },
    v1: `
      ${PARENT}
      type Child @table @check(name: "child_old_check", expr: "score > -1000") {
        id: Int! @pk
        parentId: Int
        email: String
        handle: String
        score: Int
        deletedAt: DateTime
        oldIndexed: String @index
        oldUnique: String @unique
        otherParentId: Int @fk(ref: "Parent.id")
      }
      type Loose @table {
        key: Int
        value: String
      }`,
    v2: `
      ${PARENT}
      type Child @table {
        id: Int! @pk
        parentId: Int @fk(ref: "Parent.id")
        email: String @unique
        handle: String @unique(where: "deleted_at IS NULL")
        score: Int @index @check(expr: "score >= 0")
        deletedAt: DateTime
        oldIndexed: String
        oldUnique: String
        otherParentId: Int
      }
      type Loose @table {
        key: Int! @pk
        value: String
      }`,
    fill: `
      INSERT INTO parent SELECT g, 'p' || g FROM generate_series(1, 100) g;
      INSERT INTO child (id, parent_id, email, handle, score, deleted_at, old_indexed, old_unique, other_parent_id)
      SELECT g, g % 100 + 1, 'e' || g || '@x.test', 'h' || (g % 1500), g % 500,
             CASE WHEN g > 1500 THEN timestamptz '2024-01-01' END, 'o' || g, 'u' || g, g % 100 + 1
      FROM generate_series(1, ${ROWS}) g;
      INSERT INTO loose SELECT g, 'v' || g FROM generate_series(1, ${ROWS}) g`,
  },
  {
    // A partitioned table without a DEFAULT partition: new partition, partition dropped (unsafe;
    // DETACH CONCURRENTLY on 14+), foreign key from the partitioned table (per partition on 11-17),
    // its index (ON ONLY + CIC per partition + ATTACH), a unique constraint (the plain form),
    // a partitioned index dropped (unsafe), and a volatile-default column.
    name: 'partitions',
    options: { unsafe: true },
    v1: `
      ${PARENT}
      type Event @table
        @partition(by: RANGE, key: ["day"])
        ${eventPartition(2023)}
        ${eventPartition(2024)}
        ${eventPartition(2025)} {
        id: Int! @pk
        day: Date! @pk
        parentId: Int
        kind: String @index
        code: String
        updatedAt: DateTime @updatedAt
      }`,
    v2: `
      ${PARENT}
      type Event @table
        @partition(by: RANGE, key: ["day"])
        ${eventPartition(2024)}
        ${eventPartition(2025)}
        ${eventPartition(2026)}
        @unique(fields: ["code", "day"]) {
        id: Int! @pk
        day: Date! @pk
        parentId: Int @fk(ref: "Parent.id")
        kind: String
        code: String
        updatedAt: DateTime @updatedAt
        token: String @default(expr: "md5(random()::text)")
      }`,
    fill: `
      INSERT INTO parent SELECT g, 'p' || g FROM generate_series(1, 100) g;
      INSERT INTO event (id, day, parent_id, kind, code)
      SELECT g, date '2023-01-01' + (g % 1095), g % 100 + 1, 'k' || (g % 5), 'c' || g
      FROM generate_series(1, ${ROWS}) g`,
  },
  {
    // A LIST-partitioned table with a DEFAULT partition: the new partition scans it, and the
    // dropped one is detached without CONCURRENTLY (refused while a DEFAULT partition exists).
    name: 'partitions with a default',
    options: { unsafe: true },
    v1: logTable(`@partitionValues(name: "log_us", bound: "IN ('US')")`),
    v2: logTable(`@partitionValues(name: "log_jp", bound: "IN ('JP')")`),
    fill: `
      INSERT INTO log SELECT g, (ARRAY['EU', 'US', 'APAC'])[g % 3 + 1], 'm' || g FROM generate_series(1, ${ROWS}) g`,
  },
  {
    // Enum values added in the middle and at the end, an enum created and one dropped (unsafe),
    // an enum's comment changed (SDL description).
    name: 'enums',
    options: { unsafe: true },
    v1: `
      """Ticket state"""
      enum Status { OPEN CLOSED }
      enum Legacy { X Y }
      type Ticket @table {
        id: Int! @pk
        status: Status!
        legacy: Legacy
      }`,
    v2: `
      """The state of a ticket"""
      enum Status { OPEN PENDING CLOSED ARCHIVED }
      enum Priority { LOW HIGH }
      type Ticket @table {
        id: Int! @pk
        status: Status!
        priority: Priority @default(value: LOW)
      }`,
    fill: `
      INSERT INTO ticket SELECT g, (ARRAY['OPEN', 'CLOSED'])[g % 2 + 1]::status, 'X' FROM generate_series(1, ${ROWS}) g`,
  },
  {
    // New tables (one in a new schema, one with the first row-level security of the schema: helper
    // function and role) with foreign keys to an existing table; a table dropped (unsafe).
    name: 'tables',
    options: { unsafe: true },
    v1: `
      type Author @table {
        id: Int! @pk
        name: String!
      }
      type Obsolete @table {
        id: Int! @pk
        authorId: Int @fk(ref: "Author.id")
      }`,
    v2: `
      type Author @table {
        id: Int! @pk
        name: String!
      }
      type Book @table @rls(select: "true") {
        id: Int! @pk
        authorId: Int! @fk(ref: "Author.id")
        title: String!
      }
      type Invoice @table(schema: "billing") {
        id: Int! @pk
        authorId: Int @fk(ref: "Author.id")
      }`,
    fill: `
      INSERT INTO author SELECT g, 'a' || g FROM generate_series(1, ${ROWS}) g;
      INSERT INTO obsolete SELECT g, g FROM generate_series(1, ${ROWS}) g`,
  },
  {
    // @renamedFrom on a table and a column: the table, column, constraints and index renamed, the
    // @updatedAt trigger replaced; @updatedAt added (new and existing column) and removed.
    name: 'renames and triggers',
    v1: `
      type Account @table {
        id: Int! @pk
        title: String! @unique
        ownerId: Int @index
        score: Int @check(expr: "score >= 0")
        updatedAt: DateTime @default(expr: "now()") @updatedAt
        touchedAt: DateTime @updatedAt
      }
      type Member @table {
        id: Int! @pk
        accountId: Int @fk(ref: "Account.id")
        seenAt: DateTime
      }`,
    v2: `
      type Customer @table @renamedFrom(name: "Account") {
        id: Int! @pk
        displayName: String! @unique @renamedFrom(name: "title")
        ownerId: Int @index
        score: Int @check(expr: "score >= 0")
        changedAt: DateTime @default(expr: "now()") @updatedAt @renamedFrom(name: "updatedAt")
        touchedAt: DateTime
      }
      type Member @table {
        id: Int! @pk
        accountId: Int @fk(ref: "Customer.id")
        seenAt: DateTime @updatedAt
        editedAt: DateTime @updatedAt
      }`,
    fill: `
      INSERT INTO account (id, title, owner_id, score) SELECT g, 't' || g, g % 50, g FROM generate_series(1, ${ROWS}) g;
      INSERT INTO member (id, account_id) SELECT g, g FROM generate_series(1, ${ROWS}) g`,
  },
  {
    // Row-level security: @tenant on an existing table (the helper function, role, tenant index and
    // enable-rls), policies created, replaced and dropped, FORCE turned on and off, RLS disabled (unsafe).
    name: 'row-level security',
    options: { unsafe: true },
    v1: `
      type Doc @table {
        id: Int! @pk
        orgId: ID
        body: String
      }
      type Note @table @rls(select: "true", update: "true", delete: "true", force: false) {
        id: Int! @pk
        body: String
      }
      type Memo @table @rls(select: "true") {
        id: Int! @pk
        body: String
      }
      type Secret @table @rls(select: "true") {
        id: Int! @pk
        body: String
      }`,
    v2: `
      type Doc @table @tenant(by: "orgId") {
        id: Int! @pk
        orgId: ID
        body: String
      }
      type Note @table @rls(select: "body IS NOT NULL", insert: "true", update: "true", force: true) {
        id: Int! @pk
        body: String
      }
      type Memo @table @rls(select: "true", force: false) {
        id: Int! @pk
        body: String
      }
      type Secret @table {
        id: Int! @pk
        body: String
      }`,
    fill: `
      INSERT INTO doc SELECT g, md5((g % 10)::text)::uuid, 'b' || g FROM generate_series(1, ${ROWS}) g;
      INSERT INTO note SELECT g, 'b' || g FROM generate_series(1, ${ROWS}) g;
      INSERT INTO memo SELECT g, 'b' || g FROM generate_series(1, ${ROWS}) g;
      INSERT INTO secret SELECT g, 'b' || g FROM generate_series(1, ${ROWS}) g`,
  },
  {
    // Comments from SDL descriptions: on a table and on a column, added and changed.
    name: 'comments',
    v1: `
      """Posts"""
      type Post @table {
        id: Int! @pk
        title: String
      }`,
    v2: `
      """Blog posts"""
      type Post @table {
        id: Int! @pk
        """The headline"""
        title: String
      }`,
    fill: `INSERT INTO post SELECT g, 't' || g FROM generate_series(1, ${ROWS}) g`,
  },
  {
    // A concurrent unique build that failed on duplicates left an INVALID index; the data is fixed
    // and the facts list the index: the plan drops it and builds it again.
    name: 'invalid index',
    v1: PERSON,
    v2: PERSON,
    fill: `
      DROP INDEX person_email_key;
      INSERT INTO person SELECT g, 'e' || (g % 2000) || '@x.test' FROM generate_series(1, ${ROWS}) g`,
    prepare: [
      { sql: 'CREATE UNIQUE INDEX CONCURRENTLY person_email_key ON person (email) WHERE email IS NOT NULL', fails: /could not create unique index/ },
      { sql: `UPDATE person SET email = 'e' || id || '@x.test'` },
    ],
  },
];
