/** Shapes shared by the PDF grid modules (apart, so the modules never import one another in a circle). */

/** A figure's box on its page, PDF points, origin at the lower left. */
export interface PdfBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface CellOrigin {
  page: number;
  box: PdfBox;
}

export interface HeaderCell {
  text: string;
  x0: number;
  x1: number;
  /** Baseline of its first line. */
  y: number;
  /** Baseline of its last line. */
  yLast: number;
  /** Index (in the segment's header lines) of its first and last line. */
  first: number;
  last: number;
  size: number;
  leaf?: boolean;
}

export interface Columns {
  /** The leaf header cell over each column (a leaf may stand over several: 功能科目 over 类 / 款 / 项 without a sub-row). */
  leafOf: HeaderCell[];
  /** Each leaf's columns. */
  leafSpan: Map<HeaderCell, [number, number]>;
  /** bounds[c] .. bounds[c + 1]: column c. */
  bounds: number[];
}
