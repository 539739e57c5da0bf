import path from 'node:path';
import { z } from 'zod';
import { PrioritySchema } from './finding.ts';

/** The folder recursive-improve keeps in a project: run artifacts and, by default, the run store. */
export const IMPROVE_DIR = '.improve';

/**
 * The store of the runs that belong to `dir`: its `.improve` folder. A run started for a project
 * (CLI, `runImprovement`) keeps it in the project; a server keeps it where it was started.
 */
export function storeDirOf(dir: string): string {
  return path.resolve(dir, IMPROVE_DIR);
}

/** The defaults of every run, wherever it starts (CLI, workflow input, Studio form): one source of truth. */
export const IMPROVE_DEFAULTS = {
  sandbox: 'auto',
  suggester: 'auto',
  testRetries: 1,
  maxIterations: 10,
  patience: 3,
  timeBudgetSeconds: 600,
  approval: 'auto',
  writeMode: 'dry-run',
  pullRequest: false,
  prMinPriority: 'high',
  remote: 'origin',
} as const;

/** What one improvement run does, every default filled in: what the loop works with. */
export const ImproveOptionsSchema = z.object({
  projectDir: z
    .string()
    .refine((dir) => path.isAbsolute(dir), 'projectDir must be an absolute path')
    .describe('Absolute path of the project to improve'),
  testCommand: z.string().min(1).optional().describe('Command that runs the whole suite (default: from package.json)'),
  project: z
    .string()
    .min(1)
    .refine(
      (dir) => !path.isAbsolute(dir) && !path.normalize(dir).split(path.sep).includes('..'),
      'project must be a path inside projectDir',
    )
    .optional()
    .describe("A monorepo's workspace package to improve (e.g. packages/api): its tests run there, the whole repository in the sandbox"),
  sandbox: z
    .enum(['auto', 'local', 'e2b'])
    .default(IMPROVE_DEFAULTS.sandbox)
    .describe('Where tests run: auto picks E2B when E2B_API_KEY is set'),
  suggester: z.string().min(1).default(IMPROVE_DEFAULTS.suggester).describe('Registered suggester name, or auto for the best available'),
  testRetries: z
    .number()
    .int()
    .min(0)
    .max(5)
    .default(IMPROVE_DEFAULTS.testRetries)
    .describe('Reruns of failing tests, to tell flaky tests from broken ones'),
  maxIterations: z.number().int().min(1).max(1000).default(IMPROVE_DEFAULTS.maxIterations).describe('Most candidate changes to try'),
  patience: z.number().int().min(1).default(IMPROVE_DEFAULTS.patience).describe('Stop after this many tries in a row that do not help'),
  timeBudgetSeconds: z
    .number()
    .positive()
    .default(IMPROVE_DEFAULTS.timeBudgetSeconds)
    .describe('Wall-clock budget, not counting time waiting for approval'),
  tokenBudget: z.number().int().positive().optional().describe('Most model tokens to spend (model suggesters only)'),
  approval: z
    .enum(['auto', 'manual'])
    .default(IMPROVE_DEFAULTS.approval)
    .describe('manual: pause for approval before each change is applied'),
  writeMode: z
    .enum(['dry-run', 'write'])
    .default(IMPROVE_DEFAULTS.writeMode)
    .describe('write: apply accepted changes to the project at the end'),
  pullRequest: z
    .boolean()
    .default(IMPROVE_DEFAULTS.pullRequest)
    .describe("Publish the kept changes as a draft pull request on the project's git remote (needs GITHUB_TOKEN)"),
  prMinPriority: PrioritySchema.default(IMPROVE_DEFAULTS.prMinPriority).describe(
    'Publish only when a kept change fixes a finding of at least this priority',
  ),
  remote: z.string().min(1).default(IMPROVE_DEFAULTS.remote).describe('The git remote the pull request branch is pushed to'),
});
export type ImproveOptionsInput = z.input<typeof ImproveOptionsSchema>;
export type ImproveOptions = z.output<typeof ImproveOptionsSchema>;

/**
 * The workflow's input, rendered as a form in Mastra Studio: only `projectDir` is required. Mastra
 * types a caller's `inputData` as the schema's output, so every other field is optional there too
 * (its default still shows in the form); the first step resolves it into `ImproveOptions`.
 */
export const ImproveInputSchema = z.object({
  ...ImproveOptionsSchema.partial().shape,
  projectDir: ImproveOptionsSchema.shape.projectDir,
});
export type ImproveInput = z.output<typeof ImproveInputSchema>;
