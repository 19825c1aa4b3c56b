import { expect, test } from 'vitest';
import { dollarQuote } from './dollar-quote.js';

test('picks the first tag the body does not contain', () => {
  expect(dollarQuote(' x ')).toBe('$$ x $$');
  expect(dollarQuote('a $$ b')).toBe('$wesley$a $$ b$wesley$');
  expect(dollarQuote('$$ $wesley$')).toBe('$wesley1$$$ $wesley$$wesley1$');
});
