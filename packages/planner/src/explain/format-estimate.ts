import type { Estimate } from '../types.js';

const UNITS = [
  { unit: 'h', seconds: 3600 },
  { unit: 'min', seconds: 60 },
  { unit: 's', seconds: 1 },
] as const;

// One decimal below 10 (`1.5 min`), whole numbers above: an estimate is a range, not a promise.
function amount(seconds: number): { value: string; unit: string } {
  const { unit, seconds: size } = UNITS.find((u) => seconds >= u.seconds) ?? UNITS[2];
  const scaled = seconds / size;
  const value = scaled < 10 ? String(Math.round(scaled * 10) / 10) : String(Math.round(scaled));
  return { value, unit };
}

/** An estimate's range for people: `<1 s`, `2-20 s`, `4-40 min`, `30 s-5 min`. */
export function formatEstimate(estimate: Estimate): string {
  const { minSeconds, maxSeconds } = estimate;
  if (maxSeconds < 1) return '<1 s';
  const high = amount(maxSeconds);
  // A zero minimum takes the maximum's unit: `0-4 min`, not `0 s-4 min`.
  const low = minSeconds === 0 ? { value: '0', unit: high.unit } : amount(minSeconds);
  if (low.value === high.value && low.unit === high.unit) return `${high.value} ${high.unit}`;
  if (low.unit === high.unit) return `${low.value}-${high.value} ${high.unit}`;
  return `${low.value} ${low.unit}-${high.value} ${high.unit}`;
}
