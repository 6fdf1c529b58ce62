/**
 * Classification codes.
 * 功能科目 (functional classification): 类 3 digits, 款 5, 项 7 (208 ⊃ 20801 ⊃ 2080101).
 * 经济科目 (economic classification): 类 3 digits (301), 款 5 (30101).
 * Unit codes: 部门 3 digits (201), 单位 6 (201001).
 */
export type FunctionLevel = 1 | 2 | 3; // 类 | 款 | 项

export function functionLevel(code: string): FunctionLevel | undefined {
  if (!/^\d+$/.test(code)) return undefined;
  return code.length === 3 ? 1 : code.length === 5 ? 2 : code.length === 7 ? 3 : undefined;
}

/** The 类 / 款 parent of a 功能科目 or 经济科目 code ("2080101" → "20801" → "208"). */
export function parentCode(code: string): string | undefined {
  if (code.length === 7) return code.slice(0, 5);
  if (code.length === 5) return code.slice(0, 3);
  return undefined;
}

/** Joins separate 类 / 款 / 项 cells ("208", "01", "01") into the canonical code "2080101". */
export function joinFunctionCode(lei: string, kuan?: string, xiang?: string): string {
  return [lei, kuan ?? '', xiang ?? ''].map((p) => p.trim()).join('');
}
