export * from './amount.js';
export * from './codes.js';
export * from './table.js';
export * from './budget.js';
export * from './finding.js';
export * from './report.js';
export * from './narrative.js';
export * from './suggestion.js';
