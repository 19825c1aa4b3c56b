// Errors from pg, from URL parsing and from our own messages can carry a connection string; none
// of it may reach a terminal, a log or a JSON document.

/** What a removed connection string or password is replaced with. */
export const REDACTED = '[redacted]';

// A postgres URL up to the next whitespace, quote or bracket: the whole URL goes, not just its password.
const POSTGRES_URL = /\bpostgres(?:ql)?:\/\/[^\s'"<>()[\]{}]*/gi;
// Credentials in any other URL (`https://user:secret@host`).
const URL_PASSWORD = /\b([a-z][a-z\d+.-]*:\/\/[^\s:@/'"]*):[^\s@/'"]*@/gi;
// libpq key=value strings and environment assignments: password=x, password='x y', PGPASSWORD=x.
const KEY_VALUE_PASSWORD = /\b((?:pg)?password|passwd|pwd)(\s*=\s*)('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|[^\s;,]+)/gi;
// SQL a session may be running (a lock holder's query): CREATE / ALTER ROLE ... PASSWORD 'x'.
const SQL_PASSWORD = /\b(PASSWORD\s+)('(?:[^']|'')*'|E'(?:[^'\\]|\\.|'')*')/gi;
// JSON or JavaScript objects: "password": "x", password: 'x'.
const OBJECT_PASSWORD = /(["']?password["']?\s*:\s*)("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')/gi;

/** The password of a connection URL, raw and percent-decoded; empty when there is none. */
function passwordsOf(connectionString: string): string[] {
  try {
    const raw = new URL(connectionString).password;
    if (raw === '') return [];
    let decoded = raw;
    try {
      decoded = decodeURIComponent(raw);
    } catch {
      // A malformed escape: the raw form is all there is.
    }
    return [...new Set([raw, decoded])];
  } catch {
    return [];
  }
}

/**
 * `text` without connection strings or passwords: every postgres:// URL is replaced whole,
 * passwords in other URLs, in `password=...` pairs and in `"password": "..."` fields are
 * replaced. When the connection string in use is given, it and its password are removed wherever
 * they appear, even in forms the patterns do not know.
 */
export function redactConnectionString(text: string, connectionString?: string): string {
  let out = text;
  if (connectionString !== undefined && connectionString !== '') {
    out = out.split(connectionString).join(REDACTED);
    // Longest first, so that a raw password is not left half-replaced by its decoded form.
    for (const secret of passwordsOf(connectionString).sort((a, b) => b.length - a.length)) out = out.split(secret).join(REDACTED);
  }
  return out
    .replace(POSTGRES_URL, REDACTED)
    .replace(URL_PASSWORD, `$1:${REDACTED}@`)
    .replace(SQL_PASSWORD, `$1'${REDACTED}'`)
    .replace(KEY_VALUE_PASSWORD, `$1$2${REDACTED}`)
    .replace(OBJECT_PASSWORD, `$1"${REDACTED}"`);
}
