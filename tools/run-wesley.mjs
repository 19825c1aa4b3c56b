#!/usr/bin/env node
// `pnpm wesley <args>`: builds the CLI and what it depends on when needed (turbo's cache makes
// this a no-op when nothing changed), then runs it with the given arguments.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const turbo = path.join(root, 'node_modules', '.bin', 'turbo');
const build = spawnSync(turbo, ['run', 'build', '--filter=@wesley/cli...', '--output-logs=errors-only', '--log-prefix=none'], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'pipe'],
  encoding: 'utf8',
});
if (build.status !== 0) {
  process.stderr.write(`${build.stdout ?? ''}${build.stderr ?? ''}WESLEY_BUILD_FAILED: building the CLI failed (see above).\n`);
  process.exit(build.status ?? 1);
}
// pnpm runs scripts from the repository root; run the CLI where the user typed the command.
const cli = spawnSync(process.execPath, [path.join(root, 'apps', 'cli', 'dist', 'wesley.js'), ...process.argv.slice(2)], {
  stdio: 'inherit',
  cwd: process.env.INIT_CWD ?? process.cwd(),
});
process.exit(cli.status ?? 1);
