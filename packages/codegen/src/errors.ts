/** Error codes thrown by @wesley/codegen (as `WesleyError` from @wesley/ir). */
export const CODEGEN_ERROR_CODES = {
  /** The IR uses a feature whose helper function is not in `ir.functions`. */
  missingFunction: 'WESLEY_CODEGEN_MISSING_FUNCTION',
  /** A generator returned a path outside the output folder. */
  badPath: 'WESLEY_CODEGEN_BAD_PATH',
  /** Two generators write the same file. */
  pathClash: 'WESLEY_CODEGEN_PATH_CLASH',
  /** A field names a type that is neither a scalar, an enum nor an object or input type of the IR. */
  tsUnknownType: 'WESLEY_CODEGEN_TS_UNKNOWN_TYPE',
  /** Two generated TypeScript exports (or module files) would have the same name. */
  tsNameClash: 'WESLEY_CODEGEN_TS_NAME_CLASH',
  /** Two generated Zod exports (or module files) would have the same name. */
  zodNameClash: 'WESLEY_CODEGEN_ZOD_NAME_CLASH',
  /** A generated Kysely table interface has the name of a helper type of db.ts (`DB`, `JsonValue`, ...). */
  kyselyNameClash: 'WESLEY_CODEGEN_KYSELY_NAME_CLASH',
  /** The PostgreSQL parser was not loaded when a generator had to read SQL (check expressions). */
  sqlParserNotLoaded: 'WESLEY_CODEGEN_SQL_PARSER_NOT_LOADED',
} as const;

export type CodegenErrorCode = (typeof CODEGEN_ERROR_CODES)[keyof typeof CODEGEN_ERROR_CODES];
