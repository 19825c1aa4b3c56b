/** Error codes thrown by @wesley/graphql-codegen (as `WesleyError` from @wesley/ir). */
export const GRAPHQL_CODEGEN_ERROR_CODES = {
  /** The schema GraphQL Code Generator loaded has no SDL behind it (introspection, or built in code). */
  noSdl: 'WESLEY_GRAPHQL_CODEGEN_NO_SDL',
  /** Wesley's compiler rejected the schema; the message lists every error with its location. */
  schemaInvalid: 'WESLEY_GRAPHQL_CODEGEN_SCHEMA_INVALID',
  /** The output file is not a TypeScript file. */
  badOutputFile: 'WESLEY_GRAPHQL_CODEGEN_BAD_OUTPUT_FILE',
  /** Two generated modules declare the same name, so they cannot share one output file. */
  nameClash: 'WESLEY_GRAPHQL_CODEGEN_NAME_CLASH',
  /** A generated module has a shape the merge into one file does not know (a bug: report it). */
  unmergeable: 'WESLEY_GRAPHQL_CODEGEN_UNMERGEABLE',
} as const;

export type GraphqlCodegenErrorCode = (typeof GRAPHQL_CODEGEN_ERROR_CODES)[keyof typeof GRAPHQL_CODEGEN_ERROR_CODES];
