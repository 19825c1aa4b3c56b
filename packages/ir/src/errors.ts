/** Where in a schema source an element or an error sits (1-based line and column). */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/**
 * The error shape every Wesley package throws and reports: a stable code, a message, a hint in
 * the imperative, and a location when the error is about a source file.
 */
export interface WesleyErrorData {
  readonly code: string;
  readonly message: string;
  readonly hint?: string;
  readonly expected?: string;
  readonly location?: SourceLocation;
  readonly details?: Readonly<Record<string, unknown>>;
}

const WESLEY_ERROR = Symbol.for('wesley.error');

/** An Error carrying WesleyErrorData; detect it with isWesleyError, not instanceof. */
export class WesleyError extends Error implements WesleyErrorData {
  readonly [WESLEY_ERROR] = true;
  readonly code: string;
  readonly hint?: string;
  readonly expected?: string;
  readonly location?: SourceLocation;
  readonly details?: Readonly<Record<string, unknown>>;

  constructor(data: WesleyErrorData, options?: { cause?: unknown }) {
    super(data.message, options);
    this.name = 'WesleyError';
    this.code = data.code;
    if (data.hint !== undefined) this.hint = data.hint;
    if (data.expected !== undefined) this.expected = data.expected;
    if (data.location !== undefined) this.location = data.location;
    if (data.details !== undefined) this.details = data.details;
  }

  /** Plain data for JSON output (no stack). */
  toJSON(): WesleyErrorData {
    return toErrorData(this);
  }
}

/** True for any Wesley error, even one thrown by a second copy of this package. */
export function isWesleyError(value: unknown): value is WesleyError {
  if (!(value instanceof Error)) return false;
  const tagged = value as Error & { [WESLEY_ERROR]?: unknown; code?: unknown };
  return tagged[WESLEY_ERROR] === true || (typeof tagged.code === 'string' && tagged.code.startsWith('WESLEY_'));
}

/** The serialisable fields of an error, in a stable key order. */
export function toErrorData(error: WesleyErrorData): WesleyErrorData {
  const out: { -readonly [K in keyof WesleyErrorData]: WesleyErrorData[K] } = {
    code: error.code,
    message: error.message,
  };
  if (error.location) out.location = { ...error.location };
  if (error.expected !== undefined) out.expected = error.expected;
  if (error.hint !== undefined) out.hint = error.hint;
  if (error.details !== undefined) out.details = error.details;
  return out;
}

/** `file:line:column CODE message` plus expected/hint lines, for terminals and logs. */
export function formatError(error: WesleyErrorData): string {
  const where = error.location
    ? `${error.location.file}:${error.location.line}:${error.location.column} `
    : '';
  const lines = [`${where}${error.code}: ${error.message}`];
  if (error.expected) lines.push(`  expected: ${error.expected}`);
  if (error.hint) lines.push(`  hint: ${error.hint}`);
  return lines.join('\n');
}
