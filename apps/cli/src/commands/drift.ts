import type { Argv } from 'yargs';
import type { CommandContext } from '../command-context.js';
import { driftCheckCommand } from './drift-check.js';

/** `wesley drift <command>`: compare live databases with the schema. */
export function driftCommand(ctx: CommandContext) {
  return {
    command: 'drift',
    describe: 'Compare a live database with the schema',
    builder: (y: Argv) =>
      y.command(driftCheckCommand(ctx) as never).demandCommand(1, 'Name a drift command: wesley drift check --schema <schema> --database-url <url>'),
    handler: () => {},
  };
}
