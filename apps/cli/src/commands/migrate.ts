import type { Argv } from 'yargs';
import type { CommandContext } from '../command-context.js';
import { migrateGenerateCommand } from './migrate-generate.js';
import { migratePlanCommand } from './migrate-plan.js';

/** `wesley migrate <command>`: the group that plans (and, with issue #7, runs) migrations. */
export function migrateCommand(ctx: CommandContext) {
  return {
    command: 'migrate',
    describe: 'Plan migrations between versions of the schema, and write them to a migrations folder',
    builder: (y: Argv) =>
      y
        .command(migratePlanCommand(ctx) as never)
        .command(migrateGenerateCommand(ctx) as never)
        .demandCommand(1, 'Name a migrate command: wesley migrate plan --from <schema> --to <schema>'),
    handler: () => {},
  };
}
