import { describe, expect, test } from 'vitest';
import { maintenanceWindowSchema } from './config/config-schema.js';
import { describeWindow, isWindowOpen, nextWindowOpening } from './maintenance-window.js';

const window = (w: object) => maintenanceWindowSchema.parse(w);

describe('maintenance window', () => {
  test('a window within a day, in UTC by default', () => {
    const w = window({ start: '02:00', end: '05:00' });
    expect(isWindowOpen(w, new Date('2026-11-24T01:59:00Z'))).toBe(false);
    expect(isWindowOpen(w, new Date('2026-11-24T02:00:00Z'))).toBe(true);
    expect(isWindowOpen(w, new Date('2026-11-24T04:59:59Z'))).toBe(true);
    expect(isWindowOpen(w, new Date('2026-11-24T05:00:00Z'))).toBe(false);
    expect(nextWindowOpening(w, new Date('2026-11-24T06:30:10Z')).toISOString()).toBe('2026-11-25T02:00:00.000Z');
    expect(describeWindow(w)).toBe('02:00-05:00 UTC');
  });

  test('a window across midnight belongs to the day it starts on', () => {
    // 2026-11-28 is a Saturday.
    const w = window({ start: '22:00', end: '04:00', days: [6] });
    expect(isWindowOpen(w, new Date('2026-11-28T23:00:00Z'))).toBe(true);
    expect(isWindowOpen(w, new Date('2026-11-29T03:59:00Z'))).toBe(true);
    expect(isWindowOpen(w, new Date('2026-11-29T04:00:00Z'))).toBe(false);
    expect(isWindowOpen(w, new Date('2026-11-29T23:00:00Z'))).toBe(false);
    expect(isWindowOpen(w, new Date('2026-11-28T03:00:00Z'))).toBe(false);
    expect(nextWindowOpening(w, new Date('2026-11-24T12:00:00Z')).toISOString()).toBe('2026-11-28T22:00:00.000Z');
  });

  test('in a time zone with daylight saving time', () => {
    const w = window({ start: '02:00', end: '03:00', timeZone: 'Europe/Berlin' });
    // Berlin is UTC+1 in November, UTC+2 in July.
    expect(isWindowOpen(w, new Date('2026-11-24T01:30:00Z'))).toBe(true);
    expect(isWindowOpen(w, new Date('2026-07-14T00:30:00Z'))).toBe(true);
    expect(isWindowOpen(w, new Date('2026-07-14T01:30:00Z'))).toBe(false);
  });

  test('an unknown time zone or a malformed time is a config error', () => {
    expect(maintenanceWindowSchema.safeParse({ start: '2:00', end: '03:00' }).success).toBe(false);
    expect(maintenanceWindowSchema.safeParse({ start: '02:00', end: '24:00' }).success).toBe(false);
    expect(maintenanceWindowSchema.safeParse({ start: '02:00', end: '03:00', timeZone: 'Mars/Olympus' }).success).toBe(false);
  });
});
