import { jestAdapter } from './jest.ts';
import { mochaAdapter } from './mocha.ts';
import { nodeTestAdapter } from './node-test.ts';
import type { RunnerName, TestRunnerAdapter } from './runner.ts';
import { vitestAdapter } from './vitest.ts';

/** Every runner we read, in the order a project without a test script is matched against them. */
export const RUNNERS: readonly TestRunnerAdapter[] = [vitestAdapter, jestAdapter, mochaAdapter, nodeTestAdapter];

export function runnerAdapter(name: RunnerName): TestRunnerAdapter {
  const adapter = RUNNERS.find((runner) => runner.name === name);
  if (!adapter) throw new Error(`no adapter for the ${name} runner`);
  return adapter;
}

/** The runners' labels, for messages: `vitest, jest, mocha or node --test`. */
export function runnerLabels(): string {
  const labels = RUNNERS.map((runner) => runner.label);
  return labels.length === 1 ? labels[0]! : `${labels.slice(0, -1).join(', ')} or ${labels.at(-1)}`;
}
