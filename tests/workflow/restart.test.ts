import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createImproveMastra } from '../../src/api/improve-mastra.ts';
import { restartImprovement } from '../../src/api/run-improvement.ts';
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

const SUGGESTER = 'scripted-restart';
registerSuggester(SUGGESTER, { factory: () => createScriptedSuggester(fixChanges, SUGGESTER) });

describe('restart after the process dies mid-step', () => {
  it('re-runs the interrupted re-test in a rebuilt sandbox holding the applied change, and finishes', async () => {
    const child = spawnChild({
      mode: 'run',
      options: { projectDir: project.dir, sandbox: 'local', suggester: SUGGESTER, testRetries: 0 },
      storeDir,
      suggester: SUGGESTER,
      script: fixChanges,
    });
    // The first re-test is under way (one test file reported, others still running): kill -9.
    const midStep = await child.waitFor((e) => e.type === 'test-progress' && e.phase === 'retest');
    child.process.kill('SIGKILL');
    const exited = await child.done;
    expect(exited.signal).toBe('SIGKILL');
    expect(exited.outcome).toBeUndefined();
    expect(child.events.some((e) => e.type === 'test-run' && e.phase === 'retest')).toBe(false);
    const runId = midStep.runId as string;

    const workflow = createImproveMastra({ storeDir, logger: false }).getWorkflow('improve');
    expect((await workflow.getWorkflowRunById(runId))?.status).toBe('running');

    const events: ImprovementEvent[] = [];
    const outcome = await restartImprovement(runId, { storeDir, onEvent: (e) => void events.push(e) });
    if (outcome.status !== 'done') throw new Error(JSON.stringify(outcome));
    // The baseline and the apply step were not repeated; the re-test of iteration 1 was.
    const loopEvents = events.filter((e) => e.type !== 'test-progress' && e.type !== 'unknown');
    expect(loopEvents.slice(0, 3).map((e) => [e.type, 'iteration' in e ? e.iteration : undefined])).toEqual([
      ['test-run', 1],
      ['patch-kept', 1],
      ['iteration-end', 1],
    ]);
    expect(events.some((e) => e.type === 'test-run' && e.phase === 'baseline')).toBe(false);
    expect(events.filter((e) => e.type === 'patch-applied').map((e) => 'iteration' in e && e.iteration)).toEqual([2, 3]);
    expect(outcome.report).toMatchObject({ status: 'green', stopReason: 'green', iterations: 3, final: { passed: 23, failed: 0 } });
    expect(outcome.report.accepted.map((c) => c.suggestionId)).toEqual([1, 2, 3].map((n) => `${SUGGESTER}-${n}`));
    expect(events.at(-1)).toEqual({ v: 1, runId, type: 'run-finish', status: 'success', result: outcome.report });
    expect((await workflow.getWorkflowRunById(runId))?.status).toBe('success');
  }, 300_000);
});
