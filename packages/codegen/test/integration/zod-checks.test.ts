// The check translation is exact: for every translated form, Zod and PostgreSQL give the same
// verdict on the same values (boundaries, doubles one ulp apart, BigInt past 2^53, emoji, newlines),
// and the checks the generated module lists as "not checked here" are the only disagreements.
import { compileSchema } from '@wesley/ir';
import { withClient } from '@wesley/testkit';
import { createTestDatabase, testServers } from '@wesley/testkit/vitest';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ZodType } from 'zod';
import { generateSql } from '../../src/index.js';
import { CHECKS_SDL, VALID_ROW } from '../unit/zod/check-fixture.js';
import { loadGenerated } from '../unit/zod/zod-test-support.js';

const CANDIDATES: Readonly<Record<string, readonly unknown[]>> = {
  qty: [1, 0, -1, 2147483647],
  pct: [0, -0, 100, 50.5, -0.001, 100.0001, 100.00000000000001, null],
  low: [10, 11, -5],
  exact: [3, 2, 4, null],
  ratio: [0.1, 0.1000000000000000055511151231257827, 0.10000000000000002, 1.4999999999999998, 1.5],
  halfway: [1, 2],
  big: ['-9007199254740993', '-9007199254740994', '-9007199254740992', '9223372036854775807', '0'],
  code: ['ab', 'abcd', 'a', 'abcde', '😀😀', '😀', '😀😀😀😀', 'e\u0301x'],
  pin: ['1234', '123', '12345', '12a4', '\uff11\uff12\uff13\uff14', '123\n', '\n1234', null],
  emoji: ['😀😀', '', '😀😀😀', 'ab', 'abc'],
  dot: ['abc', 'a\nc', 'a😀c', 'ac', 'a😀😀c', 'xabc', 'abcx', null],
};

/** Values Zod accepts and the database refuses: the checks the module lists as not checked here. */
const DATABASE_ONLY: readonly Record<string, unknown>[] = [{ name: 'ab' }, { tag: 'a-b' }, { a: 2, b: 1 }, { money: '-1' }];

const compiled = await compileSchema([{ name: 'checks.graphql', text: CHECKS_SDL }]);
if (!compiled.ok) throw new Error(compiled.errors.map((e) => e.message).join('\n'));
const ir = compiled.ir;

let insertSchema: ZodType;
let remove = (): void => {};
beforeAll(async () => {
  const loaded = await loadGenerated(ir);
  insertSchema = loaded.schemas.MeasureInsertSchema!;
  remove = loaded.remove;
});
afterAll(() => remove());

describe.each(testServers().map((s) => [s.major, s] as const))('PostgreSQL %i', (_major, server) => {
  test('Zod and the CHECK constraints agree on every candidate value', async () => {
    const database = await createTestDatabase(server);
    await withClient(database.url, async (client) => {
      await client.query(generateSql(ir));
      await client.query('BEGIN');
      /** Whether the row inserts: false on a check violation, an error on anything else. */
      const accepts = async (row: Record<string, unknown>): Promise<boolean> => {
        const columns = Object.keys(row);
        await client.query('SAVEPOINT candidate');
        try {
          await client.query(`INSERT INTO measure (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`, Object.values(row));
          return true;
        } catch (error) {
          if ((error as { code?: string }).code !== '23514') throw error;
          return false;
        } finally {
          await client.query('ROLLBACK TO SAVEPOINT candidate');
        }
      };
      expect(await accepts(VALID_ROW)).toBe(true);
      const disagreements: string[] = [];
      let compared = 0;
      for (const [column, values] of Object.entries(CANDIDATES)) {
        for (const value of values) {
          const row = { ...VALID_ROW, [column]: value };
          const zod = insertSchema.safeParse(row).success;
          const postgres = await accepts(row);
          compared++;
          if (zod !== postgres) disagreements.push(`${column} = ${JSON.stringify(value)}: zod ${zod}, PostgreSQL ${postgres}`);
        }
      }
      expect(disagreements).toEqual([]);
      expect(compared).toBe(Object.values(CANDIDATES).flat().length);
      for (const changes of DATABASE_ONLY) {
        const row = { ...VALID_ROW, ...changes };
        expect([insertSchema.safeParse(row).success, await accepts(row)], JSON.stringify(changes)).toEqual([true, false]);
      }
      await client.query('ROLLBACK');
    });
  });
});
