// Number formatting for estimate bases and hazard messages. Written out by hand rather than with
// Intl/toLocaleString so that a plan's text never depends on the host's locale.

const UNITS = ['bytes', 'kB', 'MB', 'GB', 'TB', 'PB'] as const;

/** 1 GB as the per-GB factors mean it: 1024^3 bytes, as pg_size_pretty counts. */
export const GB = 1024 ** 3;

/** Seconds rounded to the millisecond, the precision plans carry. */
export function roundSeconds(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}

/** `472 MB`, `1.5 GB`, `800 bytes` (1024-based, like pg_size_pretty). */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${formatNumber(value)} ${UNITS[unit]}`;
}

/** Up to three significant figures, no trailing zeros: 0.65, 6.5, 130, 4,000,000. */
export function formatNumber(value: number): string {
  if (value >= 100) return groupThousands(Math.round(value));
  const rounded = Number(value.toPrecision(value === 0 ? 1 : 3));
  return String(rounded);
}

/** `0.05 s`, `6.5 s`, `12 min`, `3.1 h`. */
export function formatSeconds(seconds: number): string {
  if (seconds < 120) return `${formatNumber(seconds)} s`;
  if (seconds < 7200) return `${formatNumber(seconds / 60)} min`;
  return `${formatNumber(seconds / 3600)} h`;
}

function groupThousands(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
