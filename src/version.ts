export const NAME = 'budget-audit';
export const VERSION = '0.1.0';
