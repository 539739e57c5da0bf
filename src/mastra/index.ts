// Entry point `mastra dev --dir src/mastra` loads; the instance itself is defined in mastra.config.ts.
export { mastra } from '../../mastra.config.ts';
