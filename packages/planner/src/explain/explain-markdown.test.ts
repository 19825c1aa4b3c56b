import { describe, expect, it } from 'vitest';
import { escapeCell, explainMarkdown } from './explain-markdown.js';
import { emptyPlan, partitionedIndexPlan, typicalPlan } from './sample-plans.js';

describe('explainMarkdown', () => {
  it('says there is nothing to do', () => {
    expect(explainMarkdown(emptyPlan)).toBe('# Migration plan\n\nNo changes: the schemas are equivalent.\n');
  });

  it('escapes pipes in table cells', () => {
    expect(explainMarkdown(partitionedIndexPlan)).toContain('(INSERT INTO ... SELECT, or pg_dump \\| psql)');
    expect(escapeCell('a | b\\|c\nd')).toBe('a \\| b\\\\\\|c<br>d');
  });

  it('gives every table row as many cells as its header', () => {
    const cells = (row: string) => row.replace(/\\\\|\\\|/g, '').split('|').length;
    for (const plan of [typicalPlan, partitionedIndexPlan]) {
      for (const table of explainMarkdown(plan).split('\n\n').filter((block) => block.startsWith('|'))) {
        const [header, ...rows] = table.trimEnd().split('\n');
        for (const row of rows) expect(cells(row), row).toBe(cells(header!));
      }
    }
  });

  it('fences SQL so that backticks inside cannot close the block', () => {
    const step = { ...typicalPlan.steps[0]!, sql: ["COMMENT ON TYPE public.order_status IS '```'"] };
    const markdown = explainMarkdown({ ...typicalPlan, steps: [step] });
    expect(markdown).toContain("````sql\nCOMMENT ON TYPE public.order_status IS '```';\n````");
  });
});
