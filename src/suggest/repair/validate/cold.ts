import { SandboxFileNotFoundError } from '../../../sandbox/errors.ts';
import type { Sandbox } from '../../../sandbox/types.ts';
import type { TestReport } from '../../../testing/report.ts';
import { runTests } from '../../../testing/run-tests.ts';
import { outcomeOfFiles } from './outcome.ts';
import type { CandidateOutcome, CandidateRunner, RunEntry } from './runner.ts';

export interface ColdRunnerOptions {
  sandbox: Sandbox;
  /** Limit on one run of the suite; a candidate that hits it counts as timed out. */
  perRunTimeoutMs?: number;
  /** The user's test command, when given (package.json's otherwise), and where it runs. */
  testCommand?: string;
  cwd?: string;
}

/**
 * Validates each candidate with a fresh run of the project's test command (through `runTests`):
 * the candidate's files are written into the sandbox, the suite runs, the originals are put back.
 * Slow (a runner start per candidate) but needs nothing beyond the project's own test command: how
 * runners without a warm validator are validated, the fallback when the warm worker cannot run,
 * and the yardstick the warm one is measured against.
 */
export class ColdRunner implements CandidateRunner {
  readonly kind = 'cold';
  readonly batchSize = 1;
  readonly testFiles: readonly string[];
  readonly #sandbox: Sandbox;
  readonly #timeoutMs: number;
  readonly #command: Pick<ColdRunnerOptions, 'testCommand' | 'cwd'>;
  readonly #report: TestReport;

  /** `report` is a run of the unpatched project: the baseline, and the list of test files. */
  constructor(options: ColdRunnerOptions, report: TestReport) {
    this.#sandbox = options.sandbox;
    this.#timeoutMs = options.perRunTimeoutMs ?? 60_000;
    this.#command = {
      ...(options.testCommand !== undefined ? { testCommand: options.testCommand } : {}),
      ...(options.cwd !== undefined ? { cwd: options.cwd } : {}),
    };
    this.#report = report;
    this.testFiles = report.files.map((file) => file.file);
  }

  async unpatched(): Promise<CandidateOutcome> {
    return outcomeOf('unpatched', this.#report);
  }

  async run(entries: RunEntry[]): Promise<CandidateOutcome[]> {
    const outcomes: CandidateOutcome[] = [];
    for (const entry of entries) outcomes.push(await this.#runOne(entry));
    return outcomes;
  }

  async close(): Promise<void> {}

  async #runOne(entry: RunEntry): Promise<CandidateOutcome> {
    const originals = new Map<string, string | undefined>();
    for (const file of Object.keys(entry.files)) originals.set(file, await this.#readOptional(file));
    try {
      for (const [file, content] of Object.entries(entry.files)) await this.#sandbox.writeFile(file, content);
      // The whole suite runs: judging only looks at the files asked for.
      const report = await runTests(this.#sandbox, { timeoutMs: this.#timeoutMs, ...this.#command });
      return outcomeOf(entry.key, report);
    } finally {
      for (const [file, original] of originals) {
        if (original !== undefined) await this.#sandbox.writeFile(file, original);
        else await this.#sandbox.executeCommand('rm', ['-f', '--', file]);
      }
    }
  }

  async #readOptional(file: string): Promise<string | undefined> {
    try {
      return await this.#sandbox.readFile(file);
    } catch (error) {
      if (error instanceof SandboxFileNotFoundError) return undefined;
      throw error;
    }
  }
}

function outcomeOf(key: string, report: TestReport): CandidateOutcome {
  return outcomeOfFiles(key, report.files, report.error?.kind === 'timeout');
}
