// Every renderer over every sample plan, as files under __snapshots__/ to read in review: the .sql
// files are also parsed by PostgreSQL's parser (plan-script.test.ts).
import { describe, expect, it } from 'vitest';
import type { Plan } from '../types.js';
import { explainMarkdown } from './explain-markdown.js';
import { explainText } from './explain-text.js';
import { planToJson } from './json.js';
import { planScript } from './plan-script.js';
import { SAMPLE_PLANS } from './sample-plans.js';

const RENDERERS: ReadonlyArray<readonly [string, (plan: Plan) => string, string]> = [
  ['text', explainText, 'txt'],
  ['markdown', explainMarkdown, 'md'],
  ['script', planScript, 'sql'],
  ['json', planToJson, 'json'],
];

const cases = RENDERERS.flatMap(([renderer, render, extension]) =>
  Object.entries(SAMPLE_PLANS).map(([sample, plan]) => [renderer, sample, () => render(plan), `./__snapshots__/${renderer}/${sample}.${extension}`] as const),
);

describe('renderers', () => {
  it.each(cases)('%s of the %s sample plan', async (_, __, render, file) => {
    await expect(render()).toMatchFileSnapshot(file);
  });
});
