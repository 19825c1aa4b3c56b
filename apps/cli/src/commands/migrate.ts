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
        .demandCommand(1, 'Name a migrate command: plan, generate, execute, resume, status or rollback (wesley migrate <command> --help)')
        .example('$0 migrate generate --name add_email', 'Write the next migration for the schema the config names')
        .example('$0 migrate execute --explain', 'Explain what running the pending migrations does; nothing runs')
        .example('$0 migrate execute && $0 migrate status', 'Run them, then list the migrations and their state')
        .epilogue('Each command has --help with its options and examples. Exit codes: 0 ok; 1 (generate --check) a migration is missing; 2 usage error; 3 refused (pass --unsafe); 4 invalid input; 5 database error; 6 a migration stopped part-way (resume or roll back); 7 the migration lock is held (docs/cli/exit-codes.md).'),
    handler: () => {},
  };
}
