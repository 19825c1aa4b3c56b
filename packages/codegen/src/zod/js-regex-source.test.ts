import { describe, expect, it } from 'vitest';
import { jsRegexSource } from './js-regex-source.js';

describe('jsRegexSource', () => {
  it.each([
    '^[a-z0-9-]+$',
    '^[A-Z][A-Z0-9]{1,9}$',
    '^#[0-9a-f]{6}$',
    '^(?:ab|cd)*?x{2,}\\.$',
    '[^\\]]',
    'a|',
    '',
  ])('passes %j on unchanged', (pattern) => expect(jsRegexSource(pattern)).toBe(pattern));

  it.each([
    ['\\d+', 'locale-dependent class'],
    ['^\\w+$', 'locale-dependent class'],
    ['a\\b', 'backspace in PostgreSQL, word boundary in JavaScript'],
    ['(a)\\1', 'back reference'],
    ['[[:alpha:]]+', 'POSIX class'],
    ['[[.space.]]', 'collating element'],
    ['[]a]', '] first in a bracket'],
    ['[^]a]', '] first in a negated bracket'],
    ['(?i)abc', 'embedded options'],
    ['a(?=b)', 'lookahead'],
    ['***:abc', 'director'],
    ['a{,3}', 'bound without a minimum'],
    ['a{256}', 'bound over RE_DUP_MAX'],
    ['a{3,1}', 'reversed bound'],
    ['[a-', 'unclosed bracket'],
    ['a)', 'unbalanced parenthesis'],
    ['\\@', 'escaped punctuation JavaScript refuses under the u flag'],
  ])('refuses %j (%s)', (pattern) => expect(jsRegexSource(pattern)).toBeNull());
});
