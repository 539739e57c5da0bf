import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type ImprovementOutcome, resumeImprovement, runImprovement } from '../../src/api/run-improvement.ts';
import { ImproveRunStateError } from '../../src/contract/errors.ts';
import type { ImprovementEvent } from '../../src/events/improvement-event.ts';
import { registerSuggester } from '../../src/suggest/registry.ts';
import { createScriptedSuggester } from '../../src/suggest/scripted.ts';
import { BUGGY, fixChanges, tempCopy } from './support/projects.ts';
import { spawnChild } from './support/spawn.ts';

const storeDir = mkdtempSync(path.join(tmpdir(), 'improve-store-'));
const project = tempCopy(BUGGY);
afterAll(() => {
  rmSync(storeDir, { recursive: true, force: true });
  project.remove();
});

const SUGGESTER = 'scripted-approval';
registerSuggester(SUGGESTER, { factory: () => createScriptedSuggester(fixChanges, SUGGESTER) });

function suspended(outcome: ImprovementOutcome) {
  if (outcome.status !== 'suspended') throw new Error(`expected a suspended run: ${JSON.stringify(outcome)}`);
  return outcome;
}

describe('manual approval', () => {
  it('suspends before each change with its diff, and resumes on approve or reject, also from a new process', async () => {
    const events: ImprovementEvent[] = [];
    const session = { storeDir, onEvent: (e: ImprovementEvent) => void events.push(e) };
    const source = (file: string) => readFileSync(path.join(project.dir, file), 'utf8');

    // 1. The first candidate waits for approval; nothing was applied.
    const first = suspended(
      await runImprovement(
        { projectDir: project.dir, sandbox: 'local', suggester: SUGGESTER, approval: 'manual', testRetries: 0 },
        session,
      ),
    );
    const { runId } = first;
    expect(first.approval).toMatchObject({ iteration: 1, suggestionId: `${SUGGESTER}-1`, files: ['src/paginate.ts'], source: SUGGESTER });
    expect(first.approval.diff).toContain(
      '-  if (!Number.isInteger(page) || page < 1 || page >= count) {\n+  if (!Number.isInteger(page) || page < 1 || page > count) {\n',
    );
    expect(events.find((e) => e.type === 'approval-requested')).toMatchObject({ iteration: 1, diff: first.approval.diff });
    expect(events.find((e) => e.type === 'step-suspended' && e.stepId === 'loop.cycle.apply')).toMatchObject({
      path: ['loop', 'cycle', 'apply'],
      payload: first.approval,
    });
    expect(events.at(-1)).toMatchObject({ type: 'run-finish', status: 'suspended' });
    expect(events.some((e) => e.type === 'patch-applied')).toBe(false);

    // 2. Approved in this process: applied, re-tested, kept; the next candidate waits.
    events.length = 0;
    const second = suspended(await resumeImprovement(runId, { approved: true }, session));
    expect(
      events
        .filter((e) => ['patch-applied', 'patch-kept', 'approval-requested'].includes(e.type))
        .map((e) => [e.type, 'iteration' in e && e.iteration]),
    ).toEqual([
      ['patch-applied', 1],
      ['patch-kept', 1],
      ['approval-requested', 2],
    ]);
    expect(second.approval).toMatchObject({ iteration: 2, suggestionId: `${SUGGESTER}-2`, files: ['src/cart.ts'] });

    // 3. Rejected from a new process (this one's sandbox is gone there): not applied, recorded, next one waits.
    const child = spawnChild({ mode: 'resume', runId, decision: { approved: false }, storeDir, suggester: SUGGESTER, script: fixChanges });
    const exited = await child.done;
    expect(exited.code, exited.stderr).toBe(0);
    const third = suspended(exited.outcome as ImprovementOutcome);
    expect(child.events.find((e) => e.type === 'patch-rejected')).toMatchObject({
      iteration: 2,
      suggestionId: `${SUGGESTER}-2`,
      stage: 'declined',
      reason: 'declined by the reviewer',
    });
    expect(child.events.some((e) => e.type === 'patch-applied')).toBe(false);
    expect(third.approval).toMatchObject({ iteration: 3, suggestionId: `${SUGGESTER}-3`, files: ['src/orders.ts'] });

    // 4. Approved back in this process: the run picks up what the other process recorded.
    events.length = 0;
    const done = await resumeImprovement(runId, { approved: true }, session);
    if (done.status !== 'done') throw new Error(JSON.stringify(done));
    expect(done.report).toMatchObject({ status: 'improved', stopReason: 'exhausted', iterations: 3, final: { failed: 1 } });
    expect(done.report.accepted.map((c) => c.suggestionId)).toEqual([`${SUGGESTER}-1`, `${SUGGESTER}-3`]);
    expect(done.report.rejected.map((c) => [c.suggestionId, c.stage, c.reason])).toEqual([
      [`${SUGGESTER}-2`, 'declined', 'declined by the reviewer'],
    ]);
    expect(events.at(-1)).toMatchObject({ type: 'run-finish', status: 'success' });
    // Dry run: the project was never modified.
    expect(source('src/paginate.ts')).toContain('page >= count');

    // A finished run cannot be resumed; the error says why in one line.
    const error = await resumeImprovement(runId, { approved: true }, session).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImproveRunStateError);
    expect((error as Error).message).toBe(`run ${runId} is not waiting for approval (status: success)`);
  }, 300_000);
});
