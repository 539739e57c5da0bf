import type { Finding } from '../contract/finding.ts';
import type { Sandbox } from '../sandbox/types.ts';
import type { TestReport } from '../testing/report.ts';

/** What an analyzer may look at: the latest test report and the sandbox holding the code it ran. */
export interface AnalysisContext {
  report: TestReport;
  sandbox?: Sandbox;
  /**
   * Names what the sandbox's files hold (e.g. the edits applied on top of the project): analyzers
   * reuse what they already worked out for the same sandbox and contents instead of reading again.
   */
  contentsKey?: string;
}

/** The sandbox's code without a test report: what `prepare` may look at. */
export type SourceContext = Required<Pick<AnalysisContext, 'sandbox'>> & Pick<AnalysisContext, 'contentsKey'>;

/** Produces findings of one kind; analyzers run one after another and their findings are merged. */
export interface Analyzer {
  readonly name: string;
  analyze(context: AnalysisContext): Finding[] | Promise<Finding[]>;
  /**
   * Does ahead the part of the work that needs no test report (reading and parsing the code), so
   * it can run while the tests do; a later `analyze` of the same contents reuses it.
   */
  prepare?(context: SourceContext): Promise<void>;
}
