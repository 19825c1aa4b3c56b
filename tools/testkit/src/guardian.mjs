#!/usr/bin/env node
// Owns one throw-away PostgreSQL server for the test kit. It runs in its own process group and
// watches its stdin: when the parent closes it (normal stop) or dies (crash, Ctrl-C, SIGKILL),
// the guardian shuts the server down and deletes its data directory, so no postgres outlives
// the test run. Plain JavaScript because it is spawned with `node` directly.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const config = JSON.parse(process.argv[2]);
const { binDir, version, uid, gid } = config;
const asOther = typeof uid === 'number';
const recentLog = [];
let server = null;
let stopping = false;

function report(message) {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

function remember(chunk) {
  for (const line of chunk.toString().split('\n')) {
    if (line.trim()) recentLog.push(line);
  }
  while (recentLog.length > 40) recentLog.shift();
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

const dataRoot = fs.mkdtempSync(path.join(os.tmpdir(), `wesley-pg${version}-`));
const dataDir = path.join(dataRoot, 'data');
const ownership = asOther ? { uid, gid } : {};
if (asOther) fs.chownSync(dataRoot, uid, gid);

function cleanup(code) {
  try {
    fs.rmSync(dataRoot, { recursive: true, force: true });
  } finally {
    process.exit(code);
  }
}

function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  if (!server || server.exitCode !== null || server.signalCode !== null) return cleanup(code);
  const killer = setTimeout(() => server.kill('SIGKILL'), 10_000);
  server.once('exit', () => {
    clearTimeout(killer);
    cleanup(code);
  });
  server.kill('SIGINT'); // fast shutdown: roll back open transactions, close connections
}

process.stdin.on('data', (chunk) => {
  if (chunk.toString().includes('stop')) stop(0);
});
process.stdin.on('end', () => stop(0));
process.stdin.on('close', () => stop(0));
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => stop(0));

const initdb = spawnSync(
  path.join(binDir, 'initdb'),
  ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'],
  { ...ownership, encoding: 'utf8' },
);
if (initdb.status !== 0) {
  report({ error: `initdb failed for PostgreSQL ${version}`, log: `${initdb.error ?? ''}${initdb.stdout}${initdb.stderr}` });
  cleanup(1);
}

async function start(attempt) {
  const port = await freePort();
  const args = [
    '-D', dataDir,
    '-p', String(port),
    '-c', 'listen_addresses=127.0.0.1',
    '-c', `unix_socket_directories=${dataRoot}`,
    '-c', 'shared_preload_libraries=pg_stat_statements',
    '-c', 'max_connections=200',
    '-c', 'fsync=off',
    '-c', 'synchronous_commit=off',
    '-c', 'full_page_writes=off',
    '-c', 'log_destination=stderr',
  ];
  server = spawn(path.join(binDir, 'postgres'), args, { ...ownership, stdio: ['ignore', 'pipe', 'pipe'] });
  let ready = false;
  const onOutput = (chunk) => {
    remember(chunk);
    if (!ready && recentLog.some((line) => line.includes('ready to accept connections'))) {
      ready = true;
      report({ ready: true, port, pid: server.pid, dataDir });
    }
  };
  server.stdout.on('data', onOutput);
  server.stderr.on('data', onOutput);
  server.once('exit', (code, signal) => {
    if (stopping) return;
    const bindFailed = recentLog.some((line) => /could not (bind|create listen socket)/.test(line));
    if (!ready && bindFailed && attempt < 5) {
      recentLog.length = 0;
      start(attempt + 1);
      return;
    }
    report({ error: `PostgreSQL ${version} exited (code ${code}, signal ${signal})`, log: recentLog.join('\n') });
    stopping = true;
    cleanup(1);
  });
}

start(0);
