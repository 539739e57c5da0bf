// What a caller may check before it loads the runs (and with them Mastra): the CLI answers bad
// input at once this way.
export { checkImprovementInput, checkWritable } from '../loop/check-input.ts';
export { registeredSuggesters } from '../suggest/registry.ts';
