import { compileSchema, formatError } from '@wesley/ir';
import { planMigration } from '../../src/plan-migration.js';
import { PLAN_SCENARIOS } from './plan-scenarios.js';
const comp = async (t: string) => { const r = await compileSchema([{ name: 's.graphql', text: t }]); if (!r.ok) throw new Error(r.errors.map(formatError).join('\n')); return r.ir; };
const only = process.argv[2];
const ver = Number(process.argv[3] ?? 110000);
for (const s of PLAN_SCENARIOS) {
  if (only && s.name !== only) continue;
  const a = await comp(s.v1), b = await comp(s.v2);
  const tables: Record<string, any> = {};
  for (const t of a.tables) tables[`${t.schema}.${t.name}`] = t.partitioning ? { rows: 0, bytes: 0, partitions: Object.fromEntries(t.partitioning.partitions.map(p => [`${t.schema}.${p.name}`, { rows: 1000, bytes: 100000 }])) } : { rows: 3000, bytes: 300000 };
  const plan = planMigration(a, b, { serverVersionNum: ver, tables }, s.options);
  console.log('=== ' + s.name);
  for (const st of plan.steps) console.log(st.id, st.transactional ? 'T' : 'N', JSON.stringify(st.locks.map(l => l.table + ' ' + l.mode)), st.work, '\n   ' + st.sql.join('\n   ').slice(0, 600));
  console.log('refused', plan.refused.map(r => r.code + ' ' + r.object));
}
