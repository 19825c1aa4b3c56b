// A small project the bad-input and secrets tests share: one table, and two migrations folders
// made by the built CLI itself. m-drop: the first migration, then one that drops a column (needs
// --unsafe). m-unique: the first, then one that adds a UNIQUE that duplicate rows make fail.
import fs from 'node:fs';
import { expect } from 'vitest';
import { tempProject, type TempProject } from './run-wesley.js';

export const V1 = `type Item @table {
  id: ID! @pk @default(expr: "gen_random_uuid()")
  name: String!
  code: String
}
`;
const V2_DROP = V1.replace('  code: String\n', '');
const V2_UNIQUE = V1.replace('name: String!', 'name: String! @unique');

export interface Fixture {
  /** The migration ids of each folder, in order. */
  readonly migrations: { readonly drop: readonly string[]; readonly unique: readonly string[] };
  /** A fresh copy of the project. */
  copy(): TempProject;
  /** Removes the project and every copy. */
  remove(): void;
}

/** Builds the project once (about 2 s); `copy()` gives each test its own folder. */
export async function buildFixture(): Promise<Fixture> {
  const template = tempProject('wesley-e2e-fixture-');
  template.write('v1.graphql', V1);
  template.write('v2-drop.graphql', V2_DROP);
  template.write('v2-unique.graphql', V2_UNIQUE);
  template.write('wesley.config.json', `${JSON.stringify({ schema: 'v1.graphql', migrations: { dir: 'm-drop' } }, null, 2)}\n`);
  const steps = [
    ['migrate', 'generate', '--schema', 'v1.graphql', '--dir', 'm-drop'],
    ['migrate', 'generate', '--schema', 'v2-drop.graphql', '--dir', 'm-drop', '--unsafe', '--name', 'drop_code'],
    ['migrate', 'generate', '--schema', 'v1.graphql', '--dir', 'm-unique'],
    ['migrate', 'generate', '--schema', 'v2-unique.graphql', '--dir', 'm-unique', '--name', 'unique_name'],
  ];
  for (const [i, args] of steps.entries()) {
    // Migration ids are timestamps to the second: m-unique's first migration must not get m-drop's
    // id (the ledger would take it as applied, and tests expect it to fail on the existing table).
    if (i === 2) await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 20));
    const result = await template.wesley(args);
    expect(result.code, String(result)).toBe(0);
  }
  fs.rmSync(template.path('.wesley'), { recursive: true, force: true });
  const ids = (dir: string) => fs.readdirSync(template.path(dir)).filter((n) => /^\d{14}_/.test(n)).sort();
  const migrations = { drop: ids('m-drop'), unique: ids('m-unique') };
  expect(migrations.drop).toEqual([expect.stringMatching(/_initial$/), expect.stringMatching(/_drop_code$/)]);
  expect(migrations.unique).toEqual([expect.stringMatching(/_initial$/), expect.stringMatching(/_unique_name$/)]);
  expect(migrations.unique[0]).not.toBe(migrations.drop[0]);
  const copies: TempProject[] = [];
  return {
    migrations,
    copy: () => {
      const project = tempProject();
      fs.cpSync(template.dir, project.dir, { recursive: true });
      copies.push(project);
      return project;
    },
    remove: () => [template, ...copies].forEach((p) => p.remove()),
  };
}
