import { describe, expect, it } from 'vitest';
import { formatEstimate } from './format-estimate.js';

const range = (minSeconds: number, maxSeconds: number) => formatEstimate({ minSeconds, maxSeconds, basis: '' });

describe('formatEstimate', () => {
  it.each([
    [0, 0, '<1 s'],
    [0, 0.9, '<1 s'],
    [2, 20, '2-20 s'],
    [0, 20, '0-20 s'],
    [0.5, 3, '0.5-3 s'],
    [240, 2400, '4-40 min'],
    [0, 240, '0-4 min'],
    [30, 300, '30 s-5 min'],
    [90, 90, '1.5 min'],
    [3600, 36_000, '1-10 h'],
    [1800, 7200, '30 min-2 h'],
  ])('formats %s-%s s as %s', (min, max, text) => {
    expect(range(min, max)).toBe(text);
  });
});
