// The public API of recursive-improve. Everything a Mastra app, a client or a script needs;
// internals stay behind these names. Kept in path order (Biome sorts them), so grouped by folder.

export { createCycleWorkflow, createImproveWorkflow, IMPROVE_WORKFLOW_ID } from '../workflows/improve.ts';
export { analyze, rankFindings } from './analysis/analyze.ts';
export type { Analyzer } from './analysis/analyzer.ts';
export { type HistoryOptions, htmlReport, listRuns, type RunListing, readHistory } from './api/history.ts';
export { createImproveMastra, type ImproveMastra, type ImproveMastraOptions } from './api/improve-mastra.ts';
export { type LearnedSummary, learnedFor, resetLearned } from './api/learning.ts';
export {
  continueImprovement,
  type ImprovementOutcome,
  type ImproveSession,
  restartImprovement,
  resumeImprovement,
  runImprovement,
} from './api/run-improvement.ts';
export { type ApprovalDecision, ApprovalDecisionSchema, type ApprovalRequest, ApprovalRequestSchema } from './contract/approval.ts';
export { type Edit, EditSchema } from './contract/edit.ts';
export { type ErrorCategory, errorCategory, ImproveError, ImproveOptionsError, ImproveRunStateError } from './contract/errors.ts';
export { type Finding, FindingSchema, type Priority } from './contract/finding.ts';
export { type RunRecord, RunRecordSchema, type SuiteMetrics, SuiteMetricsSchema } from './contract/history.ts';
export { MissingPackageError } from './contract/optional-package.ts';
export {
  type ImproveInput,
  ImproveInputSchema,
  type ImproveOptions,
  type ImproveOptionsInput,
  ImproveOptionsSchema,
  storeDirOf,
} from './contract/options.ts';
export {
  type AcceptedChange,
  type ImprovementReport,
  ImprovementReportSchema,
  type RejectedChange,
  type StopReason,
} from './contract/report.ts';
export { mapChunk, toImprovementEvents } from './events/from-chunks.ts';
export { type ImprovementEvent, ImprovementEventSchema, type LoopEvent } from './events/improvement-event.ts';
export { checkImprovementInput } from './loop/check-input.ts';
export { type HtmlReportInput, renderHtmlReport } from './report/html.ts';
export * from './sandbox/index.ts';
// Durable storage for a Mastra instance of your own (LibSQL in `<dir>/mastra.db`).
export { createStore as createImproveStore } from './store/storage.ts';
export { createCombinedSuggester } from './suggest/combined.ts';
export { createModelSuggester, type ModelSuggester, type ModelSuggesterOptions } from './suggest/llm/suggester.ts';
export { registeredSuggesters, registerSuggester, type SuggesterRegistration, unregisterSuggester } from './suggest/registry.ts';
export { createRepairSuggester, type RepairSuggesterOptions } from './suggest/repair/engine.ts';
export { createScriptedSuggester, type ScriptedChange } from './suggest/scripted.ts';
export type { RejectedAttempt, SuggestContext, Suggester } from './suggest/suggester.ts';
export { type Suggestion, SuggestionSchema } from './suggest/suggestion.ts';
export { formatReport } from './testing/format.ts';
export { checkProject } from './testing/preflight.ts';
export { type TestReport, TestReportSchema } from './testing/report.ts';
export { type RunTestsOptions, runTests, type TestProgress } from './testing/run-tests.ts';
