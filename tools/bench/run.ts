// `pnpm bench [suite...]`: runs the benchmark suites and writes bench/results/<time>.json and
// bench/results/latest.json. Timings live here, never in tests.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchSuite, Measurement } from './measure.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const wanted = process.argv.slice(2);
const suiteFiles = fs.readdirSync(path.join(here, 'suites')).filter((f) => f.endsWith('.ts')).sort();

const results: Measurement[] = [];
for (const file of suiteFiles) {
  const { suite } = (await import(pathToFileURL(path.join(here, 'suites', file)).href)) as { suite: BenchSuite };
  if (wanted.length && !wanted.includes(suite.name)) continue;
  process.stderr.write(`bench: ${suite.name}\n`);
  for (const m of await suite.run()) {
    results.push(m);
    process.stderr.write(`  ${m.name}: median ${m.median} ms (min ${m.min}, max ${m.max}, n=${m.samples.length})\n`);
  }
}

const report = {
  version: 1,
  startedAt: new Date().toISOString(),
  machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${process.platform}-${process.arch}` },
  results,
};
const outDir = path.join(root, 'bench', 'results');
fs.mkdirSync(outDir, { recursive: true });
const json = `${JSON.stringify(report, null, 2)}\n`;
fs.writeFileSync(path.join(outDir, `${report.startedAt.replaceAll(':', '-')}.json`), json);
fs.writeFileSync(path.join(outDir, 'latest.json'), json);
process.stdout.write(json);
