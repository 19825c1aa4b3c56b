// PostgreSQL's `~` takes an advanced regular expression (ARE); JavaScript has its own dialect. The
// two agree on a common core, and only that core is passed on: a pattern outside it stays a
// database-only check rather than a Zod regex that could accept or reject different strings.

/** Characters a backslash makes literal in both dialects (JavaScript's `u` mode allows exactly these). */
const SYNTAX_CHARACTERS = new Set('^$\\.*+?()[]{}|/');
/** The same inside a bracket expression, where `-` may be escaped too. */
const CLASS_ESCAPES = new Set('\\]^-[');
/** PostgreSQL's RE_DUP_MAX: a larger bound is an error there. */
const MAX_BOUND = 255;

/**
 * The JavaScript source (for `new RegExp(source, 'su')`) of a PostgreSQL ARE that means the same
 * thing there, or null. Accepted: literals, `.`, `^` and `$`, bracket expressions with ranges,
 * groups and `(?:`, `|`, and the quantifiers `* + ? {m} {m,} {m,n}` (greedy or lazy). Refused:
 * backslash classes and escapes such as `\d` `\w` `\s` `\b` `\y` `\1` (PostgreSQL's `\d` follows the
 * locale, its `\b` is a backspace), POSIX classes `[[:alpha:]]`, collating elements, a `]` right
 * after `[` (a literal in PostgreSQL, an empty class in JavaScript), lookaround and embedded
 * options `(?i)`, and `***` directors. With the `s` and `u` flags, `.` matches any one character
 * including a newline, as in PostgreSQL's default (not newline-sensitive) mode.
 */
export function jsRegexSource(pattern: string): string | null {
  const chars = [...pattern];
  let inClass = false;
  let classStart = 0;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (inClass) {
      if (ch === ']') {
        if (i === classStart) return null;
        inClass = false;
      } else if (ch === '[') return null;
      else if (ch === '\\') {
        if (!CLASS_ESCAPES.has(chars[i + 1] ?? '')) return null;
        i++;
      }
      continue;
    }
    if (ch === '\\') {
      if (!SYNTAX_CHARACTERS.has(chars[i + 1] ?? '')) return null;
      i++;
    } else if (ch === '[') {
      inClass = true;
      if (chars[i + 1] === '^') i++;
      classStart = i + 1;
    } else if (ch === '(' && chars[i + 1] === '?') {
      if (chars[i + 2] !== ':') return null;
      i += 2;
    } else if (ch === '{') {
      const bound = /^\{(\d+)(?:,(\d*))?\}/.exec(chars.slice(i).join(''));
      if (!bound || Number(bound[1]) > MAX_BOUND || Number(bound[2] || 0) > MAX_BOUND) return null;
      i += bound[0].length - 1;
    } else if (ch === '}') return null;
  }
  if (inClass) return null;
  try {
    new RegExp(pattern, 'su');
  } catch {
    return null;
  }
  return pattern;
}
