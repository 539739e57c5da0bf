import { describe, expect, it } from 'vitest';
import { rankFindings } from '../../src/analysis/analyze.ts';
import { type Finding, PRIORITY_RANK, type Priority } from '../../src/contract/finding.ts';
import type { Decision } from '../../src/contract/history.ts';
import { chaseOrder } from '../../src/learn/chase-order.ts';
import { learnFrom } from '../../src/learn/learn.ts';
import { buildPrompt } from '../../src/suggest/llm/prompt.ts';
import { BUILT_IN_PRIORS } from '../../src/suggest/repair/operators/registry.ts';

let serial = 0;
function decision(overrides: Partial<Decision>): Decision {
  return {
    project: '/p',
    runId: `run-${serial++}`,
    at: new Date(0).toISOString(),
    outcome: 'kept',
    weight: 1,
    source: 'repair',
    category: 'failure',
    priority: 'high',
    area: 'src',
    ...overrides,
  };
}

function finding(id: string, priority: Priority, category: Finding['category'], file: string): Finding {
  return { id, category, priority, message: id, location: { file, line: 1 }, tests: [] };
}

describe('learnFrom', () => {
  it('leaves the built-in priors and no preference when nothing was decided', () => {
    const learned = learnFrom([], BUILT_IN_PRIORS);
    expect(learned.priors).toEqual(BUILT_IN_PRIORS);
    expect(learned).toMatchObject({ decisions: 0, areas: {}, categories: {}, sources: {}, rejectedBefore: [] });
  });

  it('moves a prior a bounded step for one decision and far for many, never to zero', () => {
    const prior = (decisions: Decision[]) => learnFrom(decisions, BUILT_IN_PRIORS).priors['wrong-method']!;
    const builtIn = BUILT_IN_PRIORS['wrong-method']!;
    const once = prior([decision({ operator: 'wrong-method' })]);
    const often = prior(Array.from({ length: 20 }, () => decision({ operator: 'wrong-method' })));
    expect(once).toBeGreaterThan(builtIn);
    expect(once).toBeLessThan(4 * builtIn);
    expect(often).toBeGreaterThan(3 * once);

    const turnedDown = Array.from({ length: 50 }, () => decision({ operator: 'wrong-method', outcome: 'reverted' }));
    expect(prior(turnedDown.slice(0, 1))).toBeGreaterThan(builtIn / 2);
    expect(prior(turnedDown)).toBeLessThan(builtIn / 5);
    expect(prior(turnedDown)).toBeGreaterThan(0);
  });

  it("credits both operators of a follow-up, ignores a change that did not apply, and weighs a person's answer more", () => {
    const learned = learnFrom([decision({ operator: 'drop-term+insert-return' })], BUILT_IN_PRIORS);
    expect(learned.priors['drop-term']).toBeGreaterThan(BUILT_IN_PRIORS['drop-term']!);
    expect(learned.priors['insert-return']).toBeGreaterThan(BUILT_IN_PRIORS['insert-return']!);
    expect(learnFrom([decision({ operator: 'bounds', outcome: 'not-applicable' })], BUILT_IN_PRIORS).priors).toEqual(BUILT_IN_PRIORS);

    const area = (outcome: Decision['outcome'], weight: number) =>
      learnFrom([decision({ outcome, weight, area: 'src/api' })], BUILT_IN_PRIORS).areas['src/api']!;
    expect(area('kept', 1)).toBeGreaterThan(1);
    expect(area('approved', 3)).toBeGreaterThan(area('kept', 1));
    expect(area('reverted', 1)).toBeLessThan(1);
    expect(area('declined', 3)).toBeLessThan(area('reverted', 1));
  });

  it("gives the model the project's latest distinct reasons for turning changes down", () => {
    const decisions = [
      decision({ outcome: 'reverted', reason: 'broke tests/cart.test.ts' }),
      ...Array.from({ length: 6 }, (_, i) => decision({ outcome: 'refused', source: 'llm', reason: `edited a test file (${i})` })),
      decision({ outcome: 'declined', source: 'llm', category: 'quality', area: 'src/api', reason: 'we keep the long names' }),
      decision({ outcome: 'declined', source: 'llm', category: 'quality', area: 'src/api', reason: 'we keep the long names' }),
      decision({ outcome: 'kept', reason: 'not a rejection' }),
    ];
    const { rejectedBefore } = learnFrom(decisions, BUILT_IN_PRIORS);
    expect(rejectedBefore).toEqual([
      'a quality change in src/api (llm) was declined by a person: we keep the long names',
      'a failure change in src (llm) was refused: edited a test file (5)',
      'a failure change in src (llm) was refused: edited a test file (4)',
      'a failure change in src (llm) was refused: edited a test file (3)',
      'a failure change in src (llm) was refused: edited a test file (2)',
    ]);

    const target = finding('f1', 'high', 'failure', 'src/cart.ts');
    const { prompt } = buildPrompt({ finding: target, code: [], failingTests: [], rejected: [], rejectedBefore, maxSuggestions: 2 });
    expect(prompt).toContain('## This project rejected before (avoid the same mistakes)');
    for (const line of rejectedBefore) expect(prompt).toContain(`- ${line}`);
    expect(buildPrompt({ finding: target, code: [], failingTests: [], rejected: [], maxSuggestions: 2 }).prompt).not.toContain(
      'rejected before',
    );
  });
});

describe('chaseOrder', () => {
  const categories = ['failure', 'performance', 'error-handling', 'quality'] as const;
  const priorities = ['high', 'medium', 'low'] as const;

  it('chases the categories and areas with kept changes first within a priority, never a lower priority first', () => {
    const findings = rankFindings(
      priorities.flatMap((priority) =>
        categories.flatMap((category) =>
          ['a', 'b', 'c'].map((area) => finding(`${priority}-${category}-${area}`, priority, category, `src/${area}/x.ts`)),
        ),
      ),
    );
    // Strong preferences for what is least urgent: they must still not jump a priority.
    const decisions = [
      ...Array.from({ length: 30 }, () => decision({ category: 'quality', area: 'src/c' })),
      ...Array.from({ length: 30 }, () => decision({ category: 'failure', area: 'src/a', outcome: 'declined', weight: 3 })),
    ];
    const ordered = chaseOrder(findings, learnFrom(decisions, BUILT_IN_PRIORS));
    expect(ordered.map((f) => f.id).toSorted()).toEqual(findings.map((f) => f.id).toSorted());
    const ranks = ordered.map((f) => PRIORITY_RANK[f.priority]);
    expect(ranks).toEqual(ranks.toSorted((a, b) => a - b));

    const firstHigh = ordered.filter((f) => f.priority === 'high');
    expect(firstHigh[0]).toMatchObject({ category: 'quality', location: { file: 'src/c/x.ts' } });
    expect(firstHigh.at(-1)).toMatchObject({ category: 'failure', location: { file: 'src/a/x.ts' } });
    // Nothing learned: the ranked order, unchanged.
    expect(chaseOrder(findings, learnFrom([], BUILT_IN_PRIORS))).toEqual(findings);
  });
});
