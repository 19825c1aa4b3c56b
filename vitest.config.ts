import { defineConfig } from 'vitest/config';

// One project per package for pure unit tests (src/**/*.test.ts), and one `integration` project
// for everything that needs PostgreSQL (test/integration/**): its global setup starts the
// servers once per run, only when an integration test is selected.
// Every project loads PostgreSQL's parser first: hashing and comparing an IR need it.
const setupFiles = ['tools/load-sql-parser.ts'];
const units = ['packages/ir', 'packages/planner', 'packages/codegen', 'packages/graphql-codegen', 'packages/drift', 'packages/executor', 'apps/cli', 'tools'];

export default defineConfig({
  test: {
    projects: [
      ...units.map((dir) => ({
        test: {
          name: dir.split('/').pop()!,
          setupFiles,
          include: dir === 'tools' ? ['tools/*/src/**/*.test.ts', 'tools/*.test.ts'] : [`${dir}/src/**/*.test.ts`, `${dir}/test/unit/**/*.test.ts`],
        },
      })),
      {
        // The built `wesley` binary, spawned as a user runs it (apps/cli/test/e2e); `pnpm test`
        // builds it first. Shares the integration project's servers for runs against a real one.
        test: {
          name: 'e2e',
          include: ['apps/cli/test/e2e/**/*.test.ts'],
          setupFiles,
          globalSetup: ['tools/testkit/src/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['packages/*/test/integration/**/*.test.ts', 'apps/*/test/integration/**/*.test.ts', 'tools/*/test/integration/**/*.test.ts'],
          setupFiles,
          globalSetup: ['tools/testkit/src/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
