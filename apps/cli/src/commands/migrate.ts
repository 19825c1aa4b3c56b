import type { Argv } from 'yargs';
import type { CommandContext } from '../command-context.js';
import { migrateExecuteCommand, migrateResumeCommand } from './migrate-execute.js';
import { migrateGenerateCommand } from './migrate-generate.js';
import { migratePlanCommand } from './migrate-plan.js';
import { migrateRollbackCommand } from './migrate-rollback.js';
import { migrateStatusCommand } from './migrate-status.js';

/** `wesley migrate <command>`: the group that plans, writes and runs migrations. */
export function migrateCommand(ctx: CommandContext) {
  return {
    command: 'migrate',
    describe: 'Plan migrations between versions of the schema, write them to a migrations folder, and run them on a database',
    builder: (y: Argv) =>
      y
        .command(migratePlanCommand(ctx) as never)
        .command(migrateGenerateCommand(ctx) as never)
        .command(migrateExecuteCommand(ctx) as never)
        .command(migrateResumeCommand(ctx) as never)
        .command(migrateStatusCommand(ctx) as never)
        .command(migrateRollbackCommand(ctx) as never)
        .demandCommand(1, 'Name a migrate command: plan, generate, execute, resume, status or rollback (wesley migrate <command> --help)'),
    handler: () => {},
  };
}
