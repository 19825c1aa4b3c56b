/** Error codes thrown by @wesley/codegen (as `WesleyError` from @wesley/ir). */
export const CODEGEN_ERROR_CODES = {
  /** The IR uses a feature whose helper function is not in `ir.functions`. */
  missingFunction: 'WESLEY_CODEGEN_MISSING_FUNCTION',
  /** A generator returned a path outside the output folder. */
  badPath: 'WESLEY_CODEGEN_BAD_PATH',
  /** Two generators write the same file. */
  pathClash: 'WESLEY_CODEGEN_PATH_CLASH',
} as const;

export type CodegenErrorCode = (typeof CODEGEN_ERROR_CODES)[keyof typeof CODEGEN_ERROR_CODES];
