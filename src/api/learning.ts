import { existsSync } from 'node:fs';
import path from 'node:path';
import { projectKey } from '../contract/history.ts';
import { storeDirOf } from '../contract/options.ts';
import { describeLearned } from '../learn/describe.ts';
import { projectLearning } from '../learn/project-learning.ts';
import { recordsFor } from '../store/records.ts';
import { STORE_FILE } from '../store/storage.ts';
import { BUILT_IN_PRIORS } from '../suggest/repair/operators/registry.ts';

/** What was learned for a project from its decisions, for a person to read. */
export interface LearnedSummary {
  project: string;
  decisions: number;
  /** Human-readable, one per learned preference. */
  lines: string[];
  /** Repair operator -> learned prior (the built-in prior where nothing was learned). */
  priors: Record<string, number>;
}

/** The project's store, when it has one: reading what was learned never creates it. */
const storeOf = (projectDir: string) => (existsSync(path.join(storeDirOf(projectDir), STORE_FILE)) ? storeDirOf(projectDir) : undefined);

/** What the runs of the project in `dir` (a workspace package with `project`) learned from its decisions. */
export async function learnedFor(dir: string, options: { project?: string } = {}): Promise<LearnedSummary> {
  const projectDir = path.resolve(dir);
  const project = projectKey({ projectDir, project: options.project });
  const storeDir = storeOf(projectDir);
  const { decisions, learned } = await projectLearning(storeDir ? recordsFor(undefined, storeDir) : { decisions: async () => [] }, project);
  return { project, decisions: decisions.length, lines: describeLearned(decisions, learned, BUILT_IN_PRIORS), priors: learned.priors };
}

/** Forgets what was learned for the project (its decisions), so its next run searches in the default order; returns how many. */
export async function resetLearned(dir: string, options: { project?: string } = {}): Promise<number> {
  const projectDir = path.resolve(dir);
  const storeDir = storeOf(projectDir);
  return storeDir ? recordsFor(undefined, storeDir).forgetDecisions(projectKey({ projectDir, project: options.project })) : 0;
}
