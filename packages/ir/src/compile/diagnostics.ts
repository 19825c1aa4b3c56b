import type { ASTNode, Source } from 'graphql';
import type { SourceLocation, WesleyErrorData } from '../errors.js';
import type { Diagnostic } from '../types.js';

/** Every error code the compiler reports (docs/errors.md has a section per code). */
export const IR_ERROR_CODES = [
  'WESLEY_IR_SYNTAX',
  'WESLEY_IR_NO_SOURCES',
  'WESLEY_IR_DUPLICATE_TYPE',
  'WESLEY_IR_DUPLICATE_FIELD',
  'WESLEY_IR_UNKNOWN_TYPE',
  'WESLEY_IR_UNMAPPED_SCALAR',
  'WESLEY_IR_UNKNOWN_DIRECTIVE',
  'WESLEY_IR_DIRECTIVE_LOCATION',
  'WESLEY_IR_DUPLICATE_DIRECTIVE',
  'WESLEY_IR_UNKNOWN_ARGUMENT',
  'WESLEY_IR_MISSING_ARGUMENT',
  'WESLEY_IR_INVALID_ARGUMENT',
  'WESLEY_IR_UNKNOWN_FIELD',
  'WESLEY_IR_NAME_COLLISION',
  'WESLEY_IR_IDENTIFIER_TOO_LONG',
  'WESLEY_IR_INVALID_SQL_TYPE',
  'WESLEY_IR_UNSUPPORTED_TYPE',
  'WESLEY_IR_PK_NULLABLE',
  'WESLEY_IR_PK_CONFLICT',
  'WESLEY_IR_FK_INVALID_REF',
  'WESLEY_IR_FK_TARGET_MISSING',
  'WESLEY_IR_FK_FIELD_MISSING',
  'WESLEY_IR_FK_TYPE_MISMATCH',
  'WESLEY_IR_FK_TARGET_NOT_UNIQUE',
  'WESLEY_IR_FK_SET_NULL_NOT_NULLABLE',
  'WESLEY_IR_INVALID_DEFAULT',
  'WESLEY_IR_DEFAULT_CONFLICT',
  'WESLEY_IR_INVALID_EXPRESSION',
  'WESLEY_IR_IDENTITY_TYPE',
  'WESLEY_IR_UPDATED_AT_TYPE',
  'WESLEY_IR_RELATION_DIRECTIVE',
  'WESLEY_IR_TABLE_WITHOUT_COLUMNS',
  'WESLEY_IR_TENANT_COLUMN_MISSING',
  'WESLEY_IR_PARTITION_KEY_NOT_IN_PK',
  'WESLEY_IR_PARTITION_KEY_UNKNOWN',
  'WESLEY_IR_PARTITION_BOUND_INVALID',
  'WESLEY_IR_PARTITION_WITHOUT_STRATEGY',
  'WESLEY_IR_RENAMED_FROM_CONFLICT',
] as const;

export type IrErrorCode = (typeof IR_ERROR_CODES)[number];

interface Extra {
  readonly expected?: string;
  readonly hint?: string;
}

// graphql-js's getLocation() rescans the file from the start for every call; with a location on
// every element that is quadratic. Index each file's line starts once and binary-search them.
const lineStarts = new WeakMap<Source, number[]>();

function lineStartsOf(source: Source): number[] {
  let starts = lineStarts.get(source);
  if (!starts) {
    starts = [0];
    const body = source.body;
    for (let i = 0; i < body.length; i++) {
      const ch = body.charCodeAt(i);
      if (ch === 10 || (ch === 13 && body.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
    }
    lineStarts.set(source, starts);
  }
  return starts;
}

/** Collects errors and warnings with their SDL locations while the compiler runs. */
export class Reporter {
  readonly errors: WesleyErrorData[] = [];
  readonly diagnostics: Diagnostic[] = [];

  /** The location of a node (1-based line and column, in the file it came from). */
  locate(node: ASTNode | undefined, fallback?: SourceLocation): SourceLocation {
    const loc = node?.loc;
    if (!loc) return fallback ?? { file: '<unknown>', line: 1, column: 1 };
    const source = loc.source as Source;
    const starts = lineStartsOf(source);
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= loc.start) lo = mid;
      else hi = mid - 1;
    }
    return { file: source.name, line: lo + 1, column: loc.start - starts[lo]! + 1 };
  }

  error(code: IrErrorCode, message: string, at: ASTNode | SourceLocation | undefined, extra: Extra = {}): void {
    const location = at && 'file' in at ? at : this.locate(at as ASTNode | undefined);
    this.errors.push({ code, message, location, ...(extra.expected ? { expected: extra.expected } : {}), ...(extra.hint ? { hint: extra.hint } : {}) });
  }

  warn(code: string, message: string, at: ASTNode | SourceLocation | undefined, hint?: string): void {
    const location = at && 'file' in at ? at : this.locate(at as ASTNode | undefined);
    this.diagnostics.push({ severity: 'warning', code, message, location, ...(hint ? { hint } : {}) });
  }
}
