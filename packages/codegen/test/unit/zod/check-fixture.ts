// The schema of the check-translation tests (unit: Zod alone; integration: Zod against PostgreSQL).

/** One table with a column per translated form, and checks that stay database-only. */
export const CHECKS_SDL = String.raw`
type Measure @table @check(expr: "a < b") {
  id: Int! @pk @identity
  qty: Int! @check(expr: "qty > 0")
  pct: Float @check(expr: "pct BETWEEN 0 AND 100")
  low: Int! @default(value: 1) @check(expr: "10 >= low")
  exact: Int @check(expr: "exact = 3")
  ratio: Float! @check(expr: "ratio > 0.1 AND ratio < 1.5e0")
  halfway: Int! @check(expr: "halfway >= 1.5")
  big: BigInt! @check(expr: "big >= -9007199254740993")
  code: String! @check(expr: "char_length(code) BETWEEN 2 AND 4")
  pin: String @check(expr: "length(pin) = 4 AND pin ~ '^[0-9]+$'")
  name: String! @check(expr: "char_length(name) > 0 AND name <> lower(name)")
  tag: String @check(expr: "tag ~ '^\\w+$'")
  emoji: String! @check(expr: "char_length(emoji) <= 2")
  dot: String @check(expr: "dot ~ '^a.c$'")
  money: Decimal @check(expr: "money >= 0")
  a: Int!
  b: Int!
}`;


/** A row that passes every check of CHECKS_SDL, in Zod (GraphQL field names) and in SQL. */
export const VALID_ROW = { qty: 1, ratio: 0.5, halfway: 2, big: '0', code: 'ab', name: 'Ab', emoji: 'x', a: 1, b: 2 } as const;
