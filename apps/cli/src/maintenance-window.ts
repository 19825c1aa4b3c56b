// The config's maintenance window: a daily time span in a time zone (optionally on some days),
// during which `migrate execute` runs steps the planner marked for the low-traffic window.
import type { MaintenanceWindow } from './config/config-schema.js';

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The weekday (0 = Sunday) and minute of the day of `at` in `timeZone`. */
function localTime(at: Date, timeZone: string): { day: number; minute: number } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(get('weekday'));
  return { day, minute: Number(get('hour')) * 60 + Number(get('minute')) };
}

/**
 * Whether the window is open at `at`. A window whose end is before its start spans midnight and
 * belongs to the day it starts on (22:00-04:00 on Saturday is open until Sunday 04:00).
 */
export function isWindowOpen(window: MaintenanceWindow, at: Date): boolean {
  const { day, minute } = localTime(at, window.timeZone);
  const start = minutes(window.start);
  const end = minutes(window.end);
  const onDay = (d: number) => window.days === undefined || window.days.includes(d);
  if (start === end) return onDay(day);
  if (start < end) return onDay(day) && minute >= start && minute < end;
  return (onDay(day) && minute >= start) || (onDay((day + 6) % 7) && minute < end);
}

/** The next time the window opens after `at` (to the minute), or `at` itself when it is open. */
export function nextWindowOpening(window: MaintenanceWindow, at: Date): Date {
  if (isWindowOpen(window, at)) return at;
  const step = 60_000;
  const first = new Date(Math.ceil(at.getTime() / step) * step);
  // Every window opens at least once a week; two weeks cover a week whose only opening falls in a
  // daylight-saving gap (02:30 on the night clocks skip from 02:00 to 03:00).
  for (let t = first.getTime(); t <= first.getTime() + 15 * 24 * 60 * step; t += step) {
    if (isWindowOpen(window, new Date(t))) return new Date(t);
  }
  return first;
}

const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** `02:00-05:00 UTC`, `22:00-04:00 Europe/Berlin on Sat, Sun`. */
export function describeWindow(window: MaintenanceWindow): string {
  const days = window.days ? ` on ${window.days.map((d) => DAY_NAMES[d]).join(', ')}` : '';
  return `${window.start}-${window.end} ${window.timeZone}${days}`;
}
