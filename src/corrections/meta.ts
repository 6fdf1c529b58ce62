/**
 * The catalog entry of the global rounding-consistency check. It is not one of
 * RULES (audit can't run it: it needs the solver, asynchronously); it runs
 * after the audit with --rounding-check or --strict (src/corrections/rounding.ts).
 * Formatters use this to describe its findings (SARIF tool.driver.rules).
 */
import type { RuleMeta } from '../rules/types.js';

export const ROUNDING_CONSISTENCY_META: RuleMeta = {
  id: 'rounding-consistency',
  family: 'B',
  severity: 'warning',
  tables: ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12', '13', '14', '15', '16', '17', '18', '19', '20', '21', '22', '23'],
  title: { zh: '所有数字是同一组精确数字的舍入结果', en: 'All figures are roundings of one set of exact figures' },
  identity: '存在精确数 eᵢ，|eᵢ − 公布数ᵢ| ≤ 0.005，使所有恒等式同时严格成立',
  description: {
    zh: '每个恒等式单独允许 (n+1)×0.005 的舍入差，但所有公布数必须来自同一组精确数字。若不存在这样一组数字，说明某个数字被改动了（可能只差 0.01），而它在每个恒等式里都藏在舍入误差之内。位置为至少需要改动的单元格。',
    en: 'Each identity alone allows (n+1)×0.005 of rounding, but all published figures must be roundings of one set of exact figures. When no such set exists, some figure was changed — perhaps by only 0.01 — in a way each single identity forgives. The locations are the fewest cells that must move.',
  },
};
