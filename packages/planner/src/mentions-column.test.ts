import { expect, test } from 'vitest';
import { mentionsColumn } from './mentions-column.js';

test('finds a column named bare or quoted, not as part of another name', () => {
  expect(mentionsColumn('amount > 0', 'amount')).toBe(true);
  expect(mentionsColumn('"amount" > 0', 'amount')).toBe(true);
  expect(mentionsColumn('total_amount > 0', 'amount')).toBe(false);
  expect(mentionsColumn('amount2 > 0', 'amount')).toBe(false);
  expect(mentionsColumn(null, 'amount')).toBe(false);
});
