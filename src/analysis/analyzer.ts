import type { Sandbox } from '../sandbox/types.ts';
import type { TestReport } from '../testing/report.ts';
import type { Finding } from './finding.ts';

/** What an analyzer may look at: the latest test report and the sandbox holding the code it ran. */
export interface AnalysisContext {
  report: TestReport;
  sandbox?: Sandbox;
}

/** Produces findings of one kind; analyzers run one after another and their findings are merged. */
export interface Analyzer {
  readonly name: string;
  analyze(context: AnalysisContext): Finding[] | Promise<Finding[]>;
}
