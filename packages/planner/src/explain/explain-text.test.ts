import { describe, expect, it } from 'vitest';
import { explainText } from './explain-text.js';
import { emptyPlan, SAMPLE_PLANS, typicalPlan } from './sample-plans.js';

describe('explainText', () => {
  it('says there is nothing to do in one line', () => {
    expect(explainText(emptyPlan)).toBe('No changes: the schemas are equivalent.\n');
  });

  it('says so when every change was refused', () => {
    const text = explainText({ ...typicalPlan, steps: [], schedule: [], conflicts: [] });
    expect(text).toContain('No steps: every change was refused.');
    expect(text).toContain('public.users.legacy_name (WESLEY_PLAN_DESTRUCTIVE)');
  });

  it('prints no ANSI escapes, with colour turned off or by default', () => {
    for (const plan of Object.values(SAMPLE_PLANS)) {
      expect(explainText(plan, { color: false })).toBe(explainText(plan));
      expect(explainText(plan)).not.toMatch(/\u001b\[/);
    }
  });
});
