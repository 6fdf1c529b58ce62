/**
 * Moved: the index lives in the model (src/model/lookup/), shared with the
 * public lookups of src/model/query.ts. Re-exported for the rules.
 */
export * from '../model/lookup/budget-index.js';
