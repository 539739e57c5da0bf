import { randomUUID } from 'node:crypto';
import type { Finding } from '../contract/finding.ts';
import type { Sandbox } from '../sandbox/types.ts';
import { detectTestCommand, testCommandLine } from '../testing/detect.ts';
import { allTests, type TestCaseResult, type TestReport } from '../testing/report.ts';
import type { Analyzer } from './analyzer.ts';
import { type CpuProfile, CpuProfileSchema, locateInSource, profiledFunctions } from './cpu-profile.ts';
import { importClosure } from './imports.ts';
import { createMemo } from './memo.ts';
import { isSourceFile } from './source-files.ts';
import { digestOf, sourceSnapshot } from './sources.ts';

/**
 * When a test counts as slow. A test is an outlier when it takes longer than `factor` times the
 * suite's median test: the median ignores the outliers themselves, so one slow test cannot hide
 * by raising the bar. The `floorMs` keeps a suite of 2 ms tests from flagging a 25 ms one: below
 * it a test is not worth a developer's attention whatever the ratio.
 */
export interface SlowTestRule {
  floorMs: number;
  factor: number;
}

const DEFAULT_SLOW_TEST_RULE: SlowTestRule = { floorMs: 500, factor: 10 };

export interface SlowTest {
  test: TestCaseResult;
  medianMs: number;
  thresholdMs: number;
}

/** Tests slower than the rule's threshold, slowest first. Skipped tests have no duration and do not count. */
export function slowTests(report: TestReport, rule: SlowTestRule = DEFAULT_SLOW_TEST_RULE): SlowTest[] {
  const timed = allTests(report).filter((test) => test.status === 'passed' || test.status === 'failed');
  if (timed.length === 0) return [];
  const medianMs = median(timed.map((test) => test.durationMs));
  const thresholdMs = Math.max(rule.floorMs, medianMs * rule.factor);
  return timed
    .filter((test) => test.durationMs > thresholdMs)
    .sort((a, b) => b.durationMs - a.durationMs)
    .map((test) => ({ test, medianMs, thresholdMs }));
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

export interface PerformanceOptions {
  /** Sandbox to profile the slowest tests in; without it findings point at the test only. */
  sandbox?: Sandbox;
  /** What the sandbox holds, as in `AnalysisContext`: saves reading its sources again. */
  contentsKey?: string;
  rule?: SlowTestRule;
  /** How many of the slowest tests get a CPU profile (each is one extra test run). */
  profiled?: number;
  /** The project's test command, as for `runTests` (default: detected from package.json). */
  testCommand?: string;
  timeoutMs?: number;
}

/**
 * Slow tests from the report; the slowest is profiled when the analysis has a sandbox, and not
 * again while the code it loads stays the same.
 */
export const performanceAnalyzer: Analyzer = {
  name: 'performance',
  analyze: ({ report, sandbox, contentsKey }) => analyzePerformance(report, sandbox ? { sandbox, contentsKey } : {}),
};

/** Hot functions of a profiled test, hottest first, located in the project's source. */
export interface HotSpot {
  file: string;
  fn: string;
  line: number;
  hotLine?: number;
  selfMs: number;
  share: number;
}

/** Medium findings for slow tests, each pointing at its hottest project function when profiled. */
export async function analyzePerformance(report: TestReport, options: PerformanceOptions = {}): Promise<Finding[]> {
  const slow = slowTests(report, options.rule);
  const findings: Finding[] = [];
  for (const [index, entry] of slow.entries()) {
    const hotSpots = options.sandbox && index < (options.profiled ?? 1) ? await reusedHotSpots(options.sandbox, entry.test, options) : [];
    findings.push(slowTestFinding(entry, hotSpots));
  }
  return findings;
}

/** Hot spots by test and the contents of the code it runs (its file and the project files it imports). */
const hotSpotsByCode = createMemo<HotSpot[]>(64);

/**
 * A profile costs a run of the test: one made of the same test and the same code is reused.
 * Without relative imports to follow, every source file counts as code the test runs.
 */
async function reusedHotSpots(sandbox: Sandbox, test: TestCaseResult, options: PerformanceOptions): Promise<HotSpot[]> {
  const { files, digest: allSources } = await sourceSnapshot(sandbox, options.contentsKey);
  const testText = await sandbox.readFile(test.file).catch(() => '');
  const imported = importClosure({ file: test.file, text: testText }, files);
  const code = imported.size > 0 ? digestOf(files, imported) : allSources;
  const key = [test.id, options.testCommand ?? '', digestOf(new Map([[test.file, testText]]), [test.file]), code].join('\0');
  return hotSpotsByCode.get(key, async () => {
    const spots = await profileHotSpots(sandbox, test, options);
    // On a loaded machine a profile is now and then lost (the runner stops the profiled process
    // before it has written it); once per code version, one more try is worth a test run.
    return spots.length > 0 ? spots : profileHotSpots(sandbox, test, options);
  });
}

export function slowTestFinding({ test, medianMs, thresholdMs }: SlowTest, hotSpots: readonly HotSpot[]): Finding {
  const name = test.namePath.join(' > ');
  const timing = `${Math.round(test.durationMs)} ms (suite median ${round(medianMs)} ms, threshold ${Math.round(thresholdMs)} ms)`;
  const hottest = hotSpots[0];
  const evidence = [
    `${test.id} took ${timing}.`,
    ...(hotSpots.length > 0 ? ['CPU profile, self time per function:'] : ['No CPU profile of the project code was taken.']),
    ...hotSpots
      .slice(0, 5)
      .map((spot) => `  ${spot.fn} ${spot.file}:${spot.hotLine ?? spot.line} ${round(spot.selfMs)} ms (${Math.round(spot.share * 100)}%)`),
  ].join('\n');
  return {
    id: `performance:${test.id}`,
    category: 'performance',
    priority: 'medium',
    message: hottest
      ? `Slow test "${name}": ${timing}; ${hottest.fn} (${hottest.file}:${hottest.hotLine ?? hottest.line}) takes ${Math.round(hottest.share * 100)}% of the CPU time spent in project code`
      : `Slow test "${name}": ${timing}`,
    location: hottest ? { file: hottest.file, line: hottest.hotLine ?? hottest.line } : { file: test.file },
    tests: [test.id],
    evidence,
  };
}

/** Turns raw profiles into hot spots in the project's source files (tests and libraries left out). */
async function hotSpotsFromProfiles(
  profiles: readonly CpuProfile[],
  projectRoot: string,
  readSource: (file: string) => Promise<string | undefined>,
): Promise<HotSpot[]> {
  const functions = profiledFunctions(profiles, projectRoot).filter((fn) => isSourceFile(fn.file));
  const totalMs = functions.reduce((sum, fn) => sum + fn.selfMs, 0);
  const spots: HotSpot[] = [];
  for (const fn of functions.slice(0, 10)) {
    const text = await readSource(fn.file);
    const located = text === undefined ? undefined : locateInSource(fn, fn.file, text);
    spots.push({
      file: fn.file,
      fn: fn.fn,
      line: located?.line ?? fn.runtimeLine,
      ...(located?.hotLine !== undefined ? { hotLine: located.hotLine } : {}),
      selfMs: fn.selfMs,
      share: totalMs > 0 ? fn.selfMs / totalMs : 0,
    });
  }
  return spots;
}

/** Runs one test under `node --cpu-prof` inside the sandbox and reads its hot spots. Never throws. */
async function profileHotSpots(sandbox: Sandbox, test: TestCaseResult, options: PerformanceOptions = {}): Promise<HotSpot[]> {
  const dir = `.improve/prof/${randomUUID()}`;
  try {
    const profiles = await profileTest(sandbox, test, dir, options);
    return await hotSpotsFromProfiles(profiles, sandbox.workdir, async (file) => {
      try {
        return await sandbox.readFile(file);
      } catch {
        return undefined;
      }
    });
  } catch {
    // A profile is extra evidence: without it the finding still names the slow test.
    return [];
  } finally {
    await sandbox.executeCommand('rm', ['-rf', dir]).catch(() => undefined);
  }
}

/**
 * Arguments that make vitest run one test under the profiler. Vitest clears NODE_OPTIONS for its
 * workers, so `--cpu-prof` goes in through `--execArgv`, and the forks pool gives the test file its
 * own process, which writes its profile when it exits.
 */
function profileArgs(test: TestCaseResult, profileDir: string): string[] {
  const pattern = `^${test.namePath.map(escapeRegExp).join(' > ')}$`;
  return [
    test.file,
    '--testNamePattern',
    pattern,
    '--pool=forks',
    '--reporter=dot',
    '--execArgv=--cpu-prof',
    `--execArgv=--cpu-prof-dir=${profileDir}`,
    '--execArgv=--cpu-prof-interval=250',
  ];
}

async function profileTest(sandbox: Sandbox, test: TestCaseResult, dir: string, options: PerformanceOptions): Promise<CpuProfile[]> {
  const command = await detectTestCommand({
    packageJson: await sandbox.readFile('package.json').catch(() => undefined),
    ...(options.testCommand !== undefined ? { override: options.testCommand } : {}),
    // Without a test script, try vitest anyway: if it is missing, there is just no profile.
    runnerWithoutScript: async () => 'vitest',
  });
  if (command.runner !== 'vitest') return [];
  const absoluteDir = `${sandbox.workdir.replace(/\/$/, '')}/${dir}`;
  const line = testCommandLine(command, profileArgs(test, absoluteDir));
  await sandbox.executeCommand(line, [], { timeout: options.timeoutMs ?? sandbox.limits.timeoutMs });
  const listed = await sandbox.executeCommand('find', [dir, '-name', '*.cpuprofile', '-type', 'f']);
  const files = listed.stdout
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const profiles: CpuProfile[] = [];
  for (const file of files) {
    const parsed = CpuProfileSchema.safeParse(JSON.parse(await sandbox.readFile(file)));
    if (parsed.success) profiles.push(parsed.data);
  }
  return profiles;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function round(ms: number): number {
  return ms >= 10 ? Math.round(ms) : Math.round(ms * 10) / 10;
}
