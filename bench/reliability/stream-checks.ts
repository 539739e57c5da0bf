// Whether one run's event stream is whole and its own: pure checks over the events a client got.
import type { ImprovementEvent } from '../../src/index.ts';

/** Problems with the stream of run `runId` whose files all carry `moduleName`; empty when it is whole and its own. */
export function streamProblems(events: ImprovementEvent[], runId: string, moduleName: string): string[] {
  const problems: string[] = [];
  const foreign = events.filter((event) => event.runId !== undefined && event.runId !== runId);
  if (foreign.length > 0) problems.push(`${foreign.length} event(s) of another run (${foreign[0]?.runId})`);
  const crossed = events.flatMap(filesOf).filter((file) => !file.includes(moduleName));
  if (crossed.length > 0) problems.push(`events name another project's file ${crossed[0]}`);
  const count = (type: string) => events.filter((event) => event.type === type).length;
  if (events[0]?.type !== 'run-start') problems.push(`starts with ${events[0]?.type ?? 'nothing'}, not run-start`);
  if (events.at(-1)?.type !== 'run-finish') problems.push(`ends with ${events.at(-1)?.type ?? 'nothing'}, not run-finish`);
  for (const type of ['run-start', 'run-finish', 'summary']) if (count(type) !== 1) problems.push(`${count(type)} ${type} events`);
  // Loop events carry the time they happened, so two equal ones are one event twice. Step events
  // carry no time (a second cycle's are equal to the first's): their order is checked instead.
  const seen = new Set<string>();
  for (const event of events.filter((e) => 'at' in e)) {
    const key = JSON.stringify(event);
    if (seen.has(key)) problems.push(`a duplicated ${event.type} event`);
    seen.add(key);
  }
  problems.push(...unpairedSteps(events), ...brokenTestRuns(events));
  return problems;
}

/** The project files an event names: its own, and its findings'. */
function filesOf(event: ImprovementEvent): string[] {
  const fields = event as { file?: unknown; files?: unknown; findings?: { file?: unknown }[] };
  const named = [
    fields.file,
    ...(Array.isArray(fields.files) ? fields.files : []),
    ...(fields.findings ?? []).map((finding) => finding.file),
  ];
  return named.filter((file): file is string => typeof file === 'string');
}

/** Each step alternates start, result, start, result: none lost, none twice. */
function unpairedSteps(events: ImprovementEvent[]): string[] {
  const problems: string[] = [];
  const open = new Set<string>();
  for (const event of events) {
    if (event.type === 'step-start') {
      if (open.has(event.stepId)) problems.push(`step ${event.stepId} started twice without a result`);
      open.add(event.stepId);
    }
    if (event.type === 'step-result') {
      if (!open.has(event.stepId)) problems.push(`a result of step ${event.stepId} that had not started`);
      open.delete(event.stepId);
    }
  }
  return [...problems, ...[...open].map((step) => `step ${step} started without a result`)];
}

/** Each test run's progress counts 1, 2, ... and ends with its test-run event. */
function brokenTestRuns(events: ImprovementEvent[]): string[] {
  const problems: string[] = [];
  const progress = new Map<string, number>();
  for (const event of events) {
    if (event.type !== 'test-progress' && event.type !== 'test-run') continue;
    const key = `${event.phase} ${event.iteration}`;
    if (event.type === 'test-progress') {
      const expected = (progress.get(key) ?? 0) + 1;
      if (event.done !== expected) problems.push(`${key} test progress jumped to ${event.done} (expected ${expected})`);
      progress.set(key, event.done);
    } else if (!progress.has(key)) problems.push(`${key} test run reported without its progress`);
    else progress.delete(key);
  }
  return [...problems, ...[...progress.keys()].map((key) => `${key} test run never reported`)];
}
