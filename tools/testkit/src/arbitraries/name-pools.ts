// Names the builder draws from. Reserved words among them: user, order, group, table, select,
// from. No snake_case table name is another's plus "_<word>" (order / order_item), and no field
// name joins two others (user + id = user_id), so the compiler's automatic names
// (<table>_<columns>_idx ...) never collide by accident. The long names are 63 and 47 bytes in
// snake_case (PostgreSQL's limit is 63): every name derived from them must be shortened.
export const TABLE_NAMES = [
  'User', 'Order', 'Group', 'Account', 'Project', 'Invoice', 'Comment', 'Event', 'LineItem', 'AuditEntry', 'BlogPost', 'HTTPRequest',
  'Table', 'Session', 'WarehouseInventoryReplenishmentRequestApprovalStepHistory', 'NotificationDeliveryAttemptAuditTrailEntry',
] as const;
export const ENUM_NAMES = ['Status', 'Priority', 'Visibility', 'Mood'] as const;
/** GraphQL allows NULL and TRUE as enum values (only null, true and false are taken). */
export const ENUM_VALUES = ['ACTIVE', 'INACTIVE', 'pending', 'NULL', 'select', 'Archived_2', 'LOW', 'HIGH', 'TRUE'] as const;
export const FIELD_NAMES = [
  'name', 'title', 'select', 'from', 'order', 'group', 'score', 'price', 'amount', 'data', 'metadata', 'tags', 'status', 'note',
  'position', 'rank', 'isActive', 'createdAt', 'updatedAt', 'lastSeenAt', 'birthDate', 'externalRef', 'HTTPStatus', 'x2Value',
  'displayName', 'sortKey', 'publishedOn', 'payload', 'externalReferenceIdentifierForAccountingReconciliationKey',
  'lastModificationTimestampForAuditing',
] as const;
export const FK_FIELD_NAMES = ['ownerId', 'parentId', 'authorId', 'targetId', 'sourceId', 'managerId', 'reviewerId'] as const;
/** `@table(name:)` and `@column(name:)` values: legal quoted identifiers that need the quoting. */
export const CUSTOM_TABLE_NAMES = ["O'Reilly Books", 'order lines', 'tbl "quoted"', 'ünïcode_table', 'UPPER_TABLE', 'dollar$$table'] as const;
export const CUSTOM_COLUMN_NAMES = ['Mixed Case', "it's", 'with "quotes"', 'ünïcödé', 'dollar$$sign', 'semi;colon', 'UPPER', 'back\\slash', 'trailing space '] as const;
export const SCHEMA_NAMES = ['app', 'Tenant Data'] as const;
export const TENANT_CLAIMS = ['org_id', "tenant's id", 'https://example.com/claims/org'] as const;
export const DESCRIPTIONS = [
  'A plain description.', "It's got 'single' and \"double\" quotes.", '100% -- not a comment; DROP TABLE x;', 'naïve café ☕ 日本',
  'two\nlines', 'trailing backslash \\', '$$ dollar $body$ quotes $$', 'carriage\r\nreturn',
] as const;

export const pick = <T>(items: readonly T[], n: number): T => items[n % items.length]!;

/**
 * The first name from `pool`, starting at `start`, whose SQL name (`sqlName`: snake_case for
 * GraphQL names, the name itself for custom names) is not taken yet; it is then taken.
 */
export function claimName(pool: readonly string[], start: number, taken: Set<string>, sqlName: (name: string) => string): string | undefined {
  for (let i = 0; i < pool.length; i++) {
    const name = pool[(start + i) % pool.length]!;
    if (!taken.has(sqlName(name))) {
      taken.add(sqlName(name));
      return name;
    }
  }
  return undefined;
}

/** `<table>_<suffix>` kept within 63 bytes by shortening the table part. */
export function derivedName(table: string, suffix: string): string {
  let stem = table;
  while (Buffer.byteLength(`${stem}_${suffix}`) > 63) stem = stem.slice(0, -1);
  return `${stem}_${suffix}`;
}
