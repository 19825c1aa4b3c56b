// Naming a new migration folder: `<UTC YYYYMMDDHHMMSS>_<name>`, always after the last one.
import { WesleyError } from '@wesley/ir';
import { MIGRATION_ERROR_CODES } from './errors.js';
import { MIGRATION_ID_PATTERN, MIGRATION_NAME_PATTERN } from './migration-format.js';

/** What a free-form name becomes as a migration name: `Add e-mail!` -> `add_e_mail`. */
export function toMigrationName(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 100);
}

/** Throws WESLEY_MIGRATIONS_INVALID_NAME unless `name` is lowercase letters, digits and _ (1-100). */
export function checkMigrationName(name: string): string {
  if (MIGRATION_NAME_PATTERN.test(name)) return name;
  const suggestion = toMigrationName(name);
  throw new WesleyError({
    code: MIGRATION_ERROR_CODES.invalidName,
    message: `The migration name ${JSON.stringify(name)} is not valid: it becomes part of a folder name.`,
    expected: 'lowercase letters, digits and _, 1 to 100 characters',
    hint: suggestion === '' ? 'Name the change in words, e.g. --name add_email.' : `Use --name ${suggestion}.`,
    details: { name },
  });
}

const timestamp = (date: Date) => date.toISOString().replace(/\D/g, '').slice(0, 14);

function parseTimestamp(stamp: string): Date {
  const [y, mo, d, h, mi, s] = [0, 4, 6, 8, 10, 12].map((at, i) => Number(stamp.slice(at, at + (i === 0 ? 4 : 2))));
  return new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!));
}

/**
 * The id of a migration created at `now`: its UTC time to the second, or one second after the
 * previous migration's when the clock says otherwise (two in one second, a clock behind another
 * machine's), so that ids sort in the order the chain runs.
 */
export function migrationId(name: string, now: Date, previousId: string | null): string {
  let stamp = timestamp(now);
  const previous = previousId === null ? null : MIGRATION_ID_PATTERN.exec(previousId)?.[1];
  if (previous != null && stamp <= previous) stamp = timestamp(new Date(parseTimestamp(previous).getTime() + 1000));
  return `${stamp}_${name}`;
}
