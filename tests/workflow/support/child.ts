/**
 * Runs, resumes or restarts an improvement run in its own process, for the tests that need a run
 * to outlive (or be killed in) the process that started it. Argument: JSON `ChildRequest`.
 * Prints `EVENT <json>` per event and `OUTCOME <json>` at the end.
 */

import { restartImprovement, resumeImprovement, runImprovement } from '../../../src/api/run-improvement.ts';
import type { ApprovalDecision } from '../../../src/contract/approval.ts';
import type { ImproveOptionsInput } from '../../../src/contract/options.ts';
import { registerSuggester } from '../../../src/suggest/registry.ts';
import { createScriptedSuggester, type ScriptedChange } from '../../../src/suggest/scripted.ts';

export type ChildRequest = { storeDir: string; suggester: string; script: ScriptedChange[] } & (
  | { mode: 'run'; options: ImproveOptionsInput }
  | { mode: 'resume'; runId: string; decision: ApprovalDecision }
  | { mode: 'restart'; runId: string }
);

const request = JSON.parse(process.argv[2] as string) as ChildRequest;
registerSuggester(request.suggester, { factory: () => createScriptedSuggester(request.script, request.suggester) });
const session = {
  storeDir: request.storeDir,
  onEvent: (event: unknown) => {
    process.stdout.write(`EVENT ${JSON.stringify(event)}\n`);
  },
};
const outcome =
  request.mode === 'run'
    ? await runImprovement(request.options, session)
    : request.mode === 'resume'
      ? await resumeImprovement(request.runId, request.decision, session)
      : await restartImprovement(request.runId, session);
process.stdout.write(`OUTCOME ${JSON.stringify(outcome)}\n`);
