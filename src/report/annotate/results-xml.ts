/**
 * 审核结果 as worksheet XML: inline strings (the workbook's shared strings
 * stay untouched), amounts as numbers in #,##0.00 (built-in format 4) written
 * from their decimal strings, the header row frozen and filterable, and each
 * cell reference a hyperlink into the workbook.
 */
import { colLetters } from '../html/format.js';
import { escAttr, escText, NS } from './ooxml.js';
import type { ResultCell, ResultsTable } from './results.js';
import { sheetRef } from './results.js';
import { HIGHLIGHT_FILLS, type StyleSheet } from './styles.js';

/** Excel's limit on a cell's text. */
const MAX_CELL_TEXT = 32_767;

interface Styles {
  title: number;
  header: number;
  wrap: number;
  money: number;
  link: number;
  severity: Record<string, number>;
}

function resultStyles(styles: StyleSheet): Styles {
  const bold = styles.derivedFont({ bold: true });
  const title = styles.derivedFont({ bold: true, size: 14 });
  const link = styles.derivedFont({ color: 'FF0563C1', underline: true });
  const severity: Record<string, number> = {};
  for (const sev of ['error', 'warning', 'rounding', 'info'] as const) {
    severity[sev] = styles.xf({ fillId: styles.fill(HIGHLIGHT_FILLS[sev]) });
  }
  return {
    title: styles.xf({ fontId: title }),
    header: styles.xf({ fontId: bold, fillId: styles.fill('FFD9E1F2') }, '<alignment vertical="center" wrapText="1"/>'),
    wrap: styles.xf({}, '<alignment vertical="top" wrapText="1"/>'),
    money: styles.xf({ numFmtId: 4 }),
    link: styles.xf({ fontId: link }),
    severity,
  };
}

export function renderResultsSheet(table: ResultsTable, styles: StyleSheet, sheetName: string, selected: boolean): { xml: string; filterRef: string } {
  const st = resultStyles(styles);
  const width = Math.max(...table.rows.map((r) => r.length), table.widths.length, 1);
  const links: string[] = [];
  const rows = table.rows
    .map((cells, r) => {
      const xml = cells
        .map((c, i) => (c ? cellXml(c, `${colLetters(i)}${r + 1}`, st, links) : ''))
        .join('');
      return xml ? `<row r="${r + 1}">${xml}</row>` : '';
    })
    .join('');
  const header = table.headerRow + 1;
  const lastCol = colLetters(width - 1);
  const filter = `A${header}:${colLetters(table.widths.length - 1)}${table.lastRow + 1}`;
  const cols = table.widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('');
  const xml =
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<worksheet xmlns="${NS.main}" xmlns:r="${NS.rel}">` +
    `<sheetPr><tabColor rgb="FFC00000"/></sheetPr>` +
    `<dimension ref="A1:${lastCol}${table.rows.length}"/>` +
    `<sheetViews><sheetView${selected ? ' tabSelected="1"' : ''} workbookViewId="0"><pane ySplit="${header}" topLeftCell="A${header + 1}" activePane="bottomLeft" state="frozen"/>` +
    `<selection pane="bottomLeft" activeCell="A${header + 1}" sqref="A${header + 1}"/></sheetView></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="15"/>` +
    `<cols>${cols}</cols>` +
    `<sheetData>${rows}</sheetData>` +
    `<autoFilter ref="${filter}"/>` +
    (links.length ? `<hyperlinks>${links.join('')}</hyperlinks>` : '') +
    `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>` +
    `<pageSetup orientation="landscape"/>` +
    `</worksheet>`;
  const [from, to] = filter.split(':') as [string, string];
  const abs = (a1: string) => a1.replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2');
  return { xml, filterRef: `${sheetRef(sheetName)}!${abs(from)}:${abs(to)}` };
}

function cellXml(c: ResultCell, ref: string, st: Styles, links: string[]): string {
  if (c.kind === 'money') return `<c r="${ref}" s="${st.money}"><v>${c.value}</v></c>`;
  if (c.kind === 'link') {
    links.push(`<hyperlink ref="${ref}" location="${escAttr(`${sheetRef(c.sheet)}!${c.cell}`)}" display="${escAttr(c.text)}"/>`);
    return inlineString(ref, c.text, st.link);
  }
  const s = c.severity ? st.severity[c.severity] : c.style ? st[c.style] : undefined;
  return inlineString(ref, c.text, s);
}

function inlineString(ref: string, text: string, s: number | undefined): string {
  const t = text.length > MAX_CELL_TEXT ? text.slice(0, MAX_CELL_TEXT - 1) + '…' : text;
  return `<c r="${ref}"${s !== undefined ? ` s="${s}"` : ''} t="inlineStr"><is><t xml:space="preserve">${escText(t)}</t></is></c>`;
}
