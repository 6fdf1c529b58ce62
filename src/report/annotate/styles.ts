/**
 * Highlight styles appended to xl/styles.xml: new fills (and fonts) after the
 * workbook's own, and new cellXfs that copy a flagged cell's own xf — its
 * font, border, number format, alignment — with only the fill changed. The
 * original entries stay as they were, in place, so every existing s="…"
 * index still means what it meant.
 */
import type { LocationRole, Severity } from '../../model/finding.js';
import { addContentType, addRelationship, attrsOf, CONTENT_TYPE, insertBefore, NS, type Package, PackageError, REL, rootPrefix, setAttr } from './ooxml.js';

/** ARGB fills, Excel's own palette where it has one (Bad / Neutral / …). */
export const HIGHLIGHT_FILLS = {
  error: 'FFFFC7CE',
  warning: 'FFFFEB9C',
  rounding: 'FFDDEBF7',
  info: 'FFE4DFEC',
  culprit: 'FFFF7C80',
  term: 'FFF2F2F2',
} as const;

export type Highlight = Severity | 'culprit' | 'term';

/** The fill a cell gets from its strongest mark; blank cells get none (see src/report/roles.ts). */
export function highlightOf(role: LocationRole, severity: Severity): Highlight {
  return role === 'culprit' ? 'culprit' : role === 'term' ? 'term' : severity;
}

/** Schema order of a styleSheet's children. */
const ORDER = ['numFmts', 'fonts', 'fills', 'borders', 'cellStyleXfs', 'cellXfs', 'cellStyles', 'dxfs', 'tableStyles', 'colors', 'extLst'];

const MINIMAL_STYLES =
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="${NS.main}">` +
  `<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>` +
  `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
  `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
  `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
  `<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>` +
  `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

interface Section {
  /** Child elements already there. */
  existing: string[];
  added: string[];
}

export class StyleSheet {
  readonly part: string;
  private readonly prefix: string;
  private readonly sections = new Map<string, Section>();
  private readonly fillIds = new Map<string, number>();
  private readonly xfIds = new Map<string, number>();

  private constructor(
    private readonly pkg: Package,
    private xml: string,
    part: string,
  ) {
    this.part = part;
    this.prefix = rootPrefix(xml, 'styleSheet');
    for (const [name, child] of [['fonts', 'font'], ['fills', 'fill'], ['cellXfs', 'xf']] as const) {
      this.sections.set(name, { existing: this.children(name, child), added: [] });
    }
  }

  /** The workbook's styles part, or a minimal one added to the package when it has none. */
  static open(pkg: Package, workbookPart: string, stylesPart: string | undefined): StyleSheet {
    if (stylesPart && pkg.has(stylesPart)) return new StyleSheet(pkg, pkg.text(stylesPart)!, stylesPart);
    const part = pkg.has('xl/styles.xml') ? pkg.freeName('xl/styles', '.xml') : 'xl/styles.xml';
    pkg.setText(part, MINIMAL_STYLES);
    addRelationship(pkg, workbookPart, REL.styles, part);
    addContentType(pkg, part, CONTENT_TYPE.styles);
    return new StyleSheet(pkg, MINIMAL_STYLES, part);
  }

  private children(section: string, child: string): string[] {
    const p = this.prefix;
    const m = new RegExp(`<${p}${section}\\b[^>]*?(?:/>|>([\\s\\S]*?)</${p}${section}>)`).exec(this.xml);
    if (!m || !m[1]) return [];
    // Each child: self-closing, or up to its own end tag (children of these never nest their own kind).
    return [...m[1].matchAll(new RegExp(`<${p}${child}\\b(?:[^>]*?/>|[\\s\\S]*?</${p}${child}>)`, 'g'))].map((x) => x[0]);
  }

  private add(section: string, element: string): number {
    const s = this.sections.get(section)!;
    s.added.push(element);
    return s.existing.length + s.added.length - 1;
  }

  /** A solid fill of this colour (ARGB), added once. */
  fill(argb: string): number {
    let id = this.fillIds.get(argb);
    if (id === undefined) {
      const p = this.prefix;
      id = this.add('fills', `<${p}fill><${p}patternFill patternType="solid"><${p}fgColor rgb="${argb}"/><${p}bgColor indexed="64"/></${p}patternFill></${p}fill>`);
      this.fillIds.set(argb, id);
    }
    return id;
  }

  /** A font (inner XML of <font>, unprefixed element names), added as given. */
  font(inner: string): number {
    const p = this.prefix;
    return this.add('fonts', `<${p}font>${p ? inner.replace(/<(\/?)(\w)/g, `<$1${p}$2`) : inner}</${p}font>`);
  }

  /** The workbook's default font (fonts[0]) changed as asked: so 审核结果 reads in the workbook's own typeface. */
  derivedFont(change: { bold?: boolean; size?: number; color?: string; underline?: boolean }): number {
    const p = this.prefix;
    const base = this.sections.get('fonts')!.existing[0] ?? '<font><sz val="11"/><name val="Calibri"/></font>';
    let inner = /^<[^>]*>([\s\S]*)<\/[^>]*>$/.exec(base)?.[1] ?? '';
    if (p) inner = inner.replace(new RegExp(`<(/?)${p}`, 'g'), '<$1');
    if (change.size !== undefined) inner = inner.replace(/<sz\b[^>]*\/>/, '') + `<sz val="${change.size}"/>`;
    if (change.color !== undefined) inner = inner.replace(/<color\b[^>]*\/>/, '') + `<color rgb="${change.color}"/>`;
    if (change.bold) inner = '<b/>' + inner.replace(/<b\b[^>]*\/>/, '');
    if (change.underline) inner = '<u/>' + inner.replace(/<u\b[^>]*\/>/, '');
    return this.font(inner);
  }

  /** The cell format `base` (an existing cellXfs index) with the highlight's fill. */
  highlight(base: number, kind: Highlight): number {
    const key = `${base}|${kind}`;
    let id = this.xfIds.get(key);
    if (id === undefined) {
      const fillId = this.fill(HIGHLIGHT_FILLS[kind]);
      const xfs = this.sections.get('cellXfs')!.existing;
      const original = xfs[base] ?? xfs[0] ?? `<${this.prefix}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`;
      const start = /^<[^>]*>/.exec(original)![0];
      const tag = setAttr(setAttr(start, 'fillId', String(fillId)), 'applyFill', '1');
      id = this.add('cellXfs', tag + original.slice(start.length));
      this.xfIds.set(key, id);
    }
    return id;
  }

  /** A new cell format from attributes and an optional inner (e.g. <alignment wrapText="1"/>). */
  xf(attrs: { numFmtId?: number; fontId?: number; fillId?: number; borderId?: number }, inner = ''): number {
    const a = { numFmtId: 0, fontId: 0, fillId: 0, borderId: 0, ...attrs };
    const p = this.prefix;
    const apply =
      (a.numFmtId ? ' applyNumberFormat="1"' : '') + (a.fontId ? ' applyFont="1"' : '') + (a.fillId ? ' applyFill="1"' : '') + (inner.includes('alignment') ? ' applyAlignment="1"' : '');
    const body = p ? inner.replace(/<(\/?)(\w)/g, `<$1${p}$2`) : inner;
    const el = `<${p}xf numFmtId="${a.numFmtId}" fontId="${a.fontId}" fillId="${a.fillId}" borderId="${a.borderId}" xfId="0"${apply}${body ? `>${body}</${p}xf>` : '/>'}`;
    const key = `new|${el}`;
    let id = this.xfIds.get(key);
    if (id === undefined) this.xfIds.set(key, (id = this.add('cellXfs', el)));
    return id;
  }

  /** How many cellXfs the workbook had: an s="…" at or above it would be ours. */
  get originalXfCount(): number {
    return this.sections.get('cellXfs')!.existing.length;
  }

  /** Writes the appended entries into the part (count attributes updated), if any were added. */
  save(): void {
    let xml = this.xml;
    const p = this.prefix;
    for (const [name, s] of this.sections) {
      if (!s.added.length) continue;
      const count = String(s.existing.length + s.added.length);
      const open = new RegExp(`<${p}${name}\\b[^>]*?(/?)>`).exec(xml);
      if (!open) {
        const after = ORDER.slice(ORDER.indexOf(name) + 1);
        xml = insertBefore(xml, p, after, `<${p}${name} count="${count}">${s.added.join('')}</${p}${name}>`, 'styleSheet');
        continue;
      }
      const tag = setAttr(open[1] ? open[0].replace(/\s*\/>$/, '>') : open[0], 'count', count);
      if (open[1]) {
        xml = xml.slice(0, open.index) + tag + s.added.join('') + `</${p}${name}>` + xml.slice(open.index + open[0].length);
      } else {
        const close = xml.indexOf(`</${p}${name}>`, open.index);
        if (close < 0) throw new PackageError(`styles: <${name}> has no end tag`);
        xml = xml.slice(0, open.index) + tag + xml.slice(open.index + open[0].length, close) + s.added.join('') + xml.slice(close);
      }
    }
    if (xml !== this.xml) this.pkg.setText(this.part, xml);
    this.xml = xml;
  }
}

/** The xf index a cell's s attribute names (0 when absent). */
export function styleIndex(cellTag: string): number {
  const s = attrsOf(cellTag).get('s');
  return s && /^\d+$/.test(s) ? parseInt(s, 10) : 0;
}
