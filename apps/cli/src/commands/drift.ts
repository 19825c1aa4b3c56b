import type { Argv } from 'yargs';
import type { CommandContext } from '../command-context.js';
import { driftCheckCommand } from './drift-check.js';

/** `wesley drift <command>`: compare live databases with the schema. */
export function driftCommand(ctx: CommandContext) {
  return {
    command: 'drift',
    describe: 'Compare a live database with the schema',
    builder: (y: Argv) =>
      y
        .command(driftCheckCommand(ctx) as never)
        .demandCommand(1, 'Name a drift command: wesley drift check --schema <schema> --database-url <url>')
        .example('$0 drift check --database-url postgres://...', 'Name each difference between the database and the schema, and the fix')
        .epilogue('Exit codes: 0 the database matches the schema; 1 drift found; 2 usage error; 4 invalid schema or config; 5 database error (docs/cli/exit-codes.md).'),
    handler: () => {},
  };
}
