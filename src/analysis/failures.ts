import type { Finding } from '../contract/finding.ts';
import { isTestPath } from '../contract/test-files.ts';
import { allTests, type StackFrame } from '../testing/report.ts';
import type { AnalysisContext, Analyzer } from './analyzer.ts';

/**
 * One high-priority `failure` finding per failing test, located at its innermost frame in the
 * project's source (frames in test files only when the stack has nothing else: a fix belongs in
 * the code under test). A file that fails to load and a run that fails as a whole are findings too.
 */
export const failuresAnalyzer: Analyzer = {
  name: 'failures',
  analyze({ report }: AnalysisContext): Finding[] {
    const findings: Finding[] = [];
    if (report.error) {
      findings.push({
        id: `run-error:${report.error.kind}`,
        category: 'failure',
        priority: 'high',
        message: `test run failed (${report.error.kind}): ${firstLine(report.error.message)}`,
        tests: [],
        evidence: report.outputTail,
      });
    }
    if (report.rewrittenTests) {
      findings.push({
        id: 'tests-rewritten',
        category: 'failure',
        priority: 'high',
        message: `the suite changes its own test files while it runs (${report.rewrittenTests.join(', ')}): what passes may depend on the order tests run in, so it is not green (they are put back before every run)`,
        location: { file: report.rewrittenTests[0]! },
        tests: [],
      });
    }
    for (const file of report.files) {
      if (!file.error) continue;
      findings.push({
        id: `file-error:${file.file}`,
        category: 'failure',
        priority: 'high',
        message: `${file.file} failed to load: ${firstLine(file.error)}`,
        location: { file: file.file },
        tests: [],
        evidence: file.error,
      });
    }
    for (const test of allTests(report)) {
      if (test.status !== 'failed') continue;
      const frame = locate(test.failure?.frames ?? []);
      findings.push({
        id: `failure:${test.id}`,
        category: 'failure',
        priority: 'high',
        message: `${test.namePath.join(' > ')}: ${firstLine(test.failure?.message ?? 'failed')}`,
        location: frame ? { file: frame.file, line: frame.line, column: frame.column } : { file: test.file },
        tests: [test.id],
        evidence: evidenceOf(test.failure),
      });
    }
    return findings;
  },
};

function locate(frames: readonly StackFrame[]): StackFrame | undefined {
  return frames.find((f) => !isTestPath(f.file)) ?? frames[0];
}

function evidenceOf(failure: { message: string; expected?: string; actual?: string } | undefined): string | undefined {
  if (!failure) return undefined;
  if (failure.expected === undefined && failure.actual === undefined) return failure.message;
  return `${failure.message}\nexpected: ${failure.expected}\nactual:   ${failure.actual}`;
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? '';
}
