/**
 * Just enough of the Office Open XML package to add parts to an .xlsx without
 * re-serialising it: the zip parts (fflate), relationships, content types, and
 * small string edits of XML placed by the schema's element order. Parts are
 * edited as text on purpose — a parse/serialise round trip would rewrite bytes
 * (attribute quoting, namespaces, whitespace) the copy must keep.
 */
import path from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';

export const NS = {
  main: 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
  rel: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  pkgRel: 'http://schemas.openxmlformats.org/package/2006/relationships',
} as const;

export const REL = {
  officeDocument: `${NS.rel}/officeDocument`,
  worksheet: `${NS.rel}/worksheet`,
  styles: `${NS.rel}/styles`,
  comments: `${NS.rel}/comments`,
  vmlDrawing: `${NS.rel}/vmlDrawing`,
} as const;

export const CONTENT_TYPE = {
  worksheet: 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
  comments: 'application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml',
  styles: 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml',
  vml: 'application/vnd.openxmlformats-officedocument.vmlDrawing',
  macroWorkbook: 'application/vnd.ms-excel.sheet.macroEnabled.main+xml',
} as const;

/** Upper bound on the unpacked parts (sizes as the zip declares them). */
const MAX_UNZIPPED = 1024 * 2 ** 20;

/** A structural problem with the package (a part or reference missing): the caller says which file. */
export class PackageError extends Error {}

/** The zip's parts in their original order; untouched parts are written back byte for byte. */
export class Package {
  private constructor(private readonly parts: Map<string, Uint8Array>) {}

  static read(data: Uint8Array): Package {
    let files: Record<string, Uint8Array>;
    let declared = 0;
    try {
      files = unzipSync(data, {
        // The loader has read this file already; still, never inflate more than a workbook could hold.
        filter: (f) => {
          declared += f.originalSize;
          if (declared > MAX_UNZIPPED) throw new PackageError(`its parts would unpack to over ${MAX_UNZIPPED / 2 ** 20} MB`);
          return true;
        },
      });
    } catch (err) {
      if (err instanceof PackageError) throw err;
      throw new PackageError(`not a readable zip package (${(err as Error).message})`);
    }
    return new Package(new Map(Object.entries(files)));
  }

  has(name: string): boolean {
    return this.parts.has(name);
  }

  names(): string[] {
    return [...this.parts.keys()];
  }

  bytes(name: string): Uint8Array | undefined {
    return this.parts.get(name);
  }

  text(name: string): string | undefined {
    const b = this.parts.get(name);
    return b ? strFromU8(b).replace(/^\uFEFF/, '') : undefined;
  }

  setText(name: string, xml: string): void {
    this.parts.set(name, strToU8(xml));
  }

  /** A part name not taken yet: xl/comments1.xml, xl/comments2.xml, … */
  freeName(prefix: string, suffix: string): string {
    const taken = new Set([...this.parts.keys()].map((n) => n.toLowerCase()));
    for (let i = 1; ; i++) {
      const name = `${prefix}${i}${suffix}`;
      if (!taken.has(name.toLowerCase())) return name;
    }
  }

  toBytes(): Uint8Array {
    const out: Zippable = {};
    for (const [name, data] of this.parts) out[name] = [data, { level: 6 }];
    return zipSync(out);
  }
}

// ---- XML text ---------------------------------------------------------------------------

/** Characters XML 1.0 can't hold (control characters, lone surrogates) are dropped from workbook text. */
export function xmlSafe(s: string): string {
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '');
}

export function escText(s: string): string {
  return xmlSafe(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escAttr(s: string): string {
  return escText(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

export function unescXml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_m, e: string) => {
    const k = e.toLowerCase();
    if (k === 'amp') return '&';
    if (k === 'lt') return '<';
    if (k === 'gt') return '>';
    if (k === 'quot') return '"';
    if (k === 'apos') return "'";
    return String.fromCodePoint(k.startsWith('#x') ? parseInt(k.slice(2), 16) : parseInt(k.slice(1), 10));
  });
}

/** The attributes of one start tag (`<c r="B4" s="3">`), unescaped, by qualified name. */
export function attrsOf(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of tag.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) out.set(m[1]!, unescXml(m[2] ?? m[3] ?? ''));
  return out;
}

/** Sets (replaces or adds) one attribute of a start tag, leaving the rest of the tag's bytes alone. */
export function setAttr(tag: string, name: string, value: string): string {
  const re = new RegExp(`(\\s${name.replace(/[.:]/g, '\\$&')}\\s*=\\s*)(?:"[^"]*"|'[^']*')`);
  if (re.test(tag)) return tag.replace(re, `$1"${escAttr(value)}"`);
  const end = tag.endsWith('/>') ? tag.length - 2 : tag.length - 1;
  return `${tag.slice(0, end).replace(/\s+$/, '')} ${name}="${escAttr(value)}"${tag.slice(end)}`;
}

/** The namespace prefix ("" or "x:") a part's root element uses for its own name. */
export function rootPrefix(xml: string, local: string): string {
  const m = new RegExp(`<(\\w+:)?${local}[\\s>/]`).exec(xml);
  return m?.[1] ?? '';
}

/** Whether the root declares the relationships namespace as `r`; if not, a new element declares it itself. */
export function relNsDecl(xml: string): string {
  return new RegExp(`xmlns:r\\s*=\\s*["']${NS.rel.replace(/[./]/g, '\\$&')}["']`).test(xml) ? '' : ` xmlns:r="${NS.rel}"`;
}

/**
 * Inserts `fragment` as a child of the root where the schema puts it: before
 * the first of `before` (the elements that must follow it) found after
 * `after` (an index into xml), else before the root's end tag.
 */
export function insertBefore(xml: string, prefix: string, before: readonly string[], fragment: string, rootLocal: string, after = 0): string {
  let at = -1;
  for (const name of before) {
    const re = new RegExp(`<${prefix}${name}[\\s>/]`, 'g');
    re.lastIndex = after;
    const m = re.exec(xml);
    if (m && (at < 0 || m.index < at)) at = m.index;
  }
  if (at < 0) at = xml.lastIndexOf(`</${prefix}${rootLocal}`);
  if (at < 0) throw new PackageError(`no </${rootLocal}> end tag`);
  return xml.slice(0, at) + fragment + xml.slice(at);
}

// ---- relationships and content types ------------------------------------------------------

export interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

/** xl/worksheets/sheet1.xml → xl/worksheets/_rels/sheet1.xml.rels */
export function relsPathOf(part: string): string {
  const dir = path.posix.dirname(part);
  return `${dir === '.' ? '' : dir + '/'}_rels/${path.posix.basename(part)}.rels`;
}

export function parseRels(xml: string | undefined): Relationship[] {
  if (!xml) return [];
  const out: Relationship[] = [];
  for (const m of xml.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
    const a = attrsOf(m[0]);
    out.push({ id: a.get('Id') ?? '', type: a.get('Type') ?? '', target: a.get('Target') ?? '', external: a.get('TargetMode') === 'External' });
  }
  return out;
}

/** A relationship's target as a part name ("/xl/x.xml" is absolute, else relative to the source part's folder). */
export function resolveTarget(source: string, target: string): string {
  const t = target.replace(/\\/g, '/');
  if (t.startsWith('/')) return path.posix.normalize(t.slice(1));
  return path.posix.normalize(path.posix.join(path.posix.dirname(source), t));
}

/** The target to write in `source`'s rels for `part`. */
export function relativeTarget(source: string, part: string): string {
  return path.posix.relative(path.posix.dirname(source), part);
}

/** Adds a relationship to a .rels part (creating it if missing); returns the new Id. */
export function addRelationship(pkg: Package, source: string, type: string, part: string): string {
  const relsPath = relsPathOf(source);
  let xml = pkg.text(relsPath) ?? `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS.pkgRel}"></Relationships>`;
  const ids = new Set(parseRels(xml).map((r) => r.id));
  let n = ids.size + 1;
  while (ids.has(`rId${n}`)) n++;
  const id = `rId${n}`;
  const prefix = rootPrefix(xml, 'Relationships');
  const rel = `<${prefix}Relationship Id="${id}" Type="${type}" Target="${escAttr(relativeTarget(source, part))}"/>`;
  if (/<(?:\w+:)?Relationships\b[^>]*\/>/.test(xml)) {
    xml = xml.replace(/<((?:\w+:)?Relationships\b[^>]*?)\s*\/>/, `<$1>${rel}</${prefix}Relationships>`);
  } else {
    xml = insertBefore(xml, prefix, [], rel, 'Relationships');
  }
  pkg.setText(relsPath, xml);
  return id;
}

/** Registers a new part's content type (an Override), or the extension's Default when asked and missing. */
export function addContentType(pkg: Package, part: string, contentType: string, asDefault = false): void {
  const name = '[Content_Types].xml';
  let xml = pkg.text(name);
  if (xml === undefined) throw new PackageError('no [Content_Types].xml');
  const prefix = rootPrefix(xml, 'Types');
  let entry: string;
  if (asDefault) {
    const ext = path.posix.extname(part).slice(1);
    const has = [...xml.matchAll(/<(?:\w+:)?Default\b[^>]*>/g)].some((m) => attrsOf(m[0]).get('Extension')?.toLowerCase() === ext.toLowerCase());
    if (has) return;
    entry = `<${prefix}Default Extension="${escAttr(ext)}" ContentType="${contentType}"/>`;
  } else {
    entry = `<${prefix}Override PartName="/${escAttr(part)}" ContentType="${contentType}"/>`;
  }
  xml = /<(?:\w+:)?Types\b[^>]*\/>/.test(xml)
    ? xml.replace(/<((?:\w+:)?Types\b[^>]*?)\s*\/>/, `<$1>${entry}</${prefix}Types>`)
    : insertBefore(xml, prefix, [], entry, 'Types');
  pkg.setText(name, xml);
}

/** The content type the package gives a part (Override, else its extension's Default). */
export function contentTypeOf(pkg: Package, part: string): string | undefined {
  const xml = pkg.text('[Content_Types].xml') ?? '';
  for (const m of xml.matchAll(/<(?:\w+:)?Override\b[^>]*>/g)) {
    const a = attrsOf(m[0]);
    if (a.get('PartName')?.replace(/^\//, '').toLowerCase() === part.toLowerCase()) return a.get('ContentType');
  }
  const ext = path.posix.extname(part).slice(1).toLowerCase();
  for (const m of xml.matchAll(/<(?:\w+:)?Default\b[^>]*>/g)) {
    const a = attrsOf(m[0]);
    if (a.get('Extension')?.toLowerCase() === ext) return a.get('ContentType');
  }
  return undefined;
}
