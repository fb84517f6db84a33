export { parseSummary } from './parse-summary.js';
export type * from './types.js';
