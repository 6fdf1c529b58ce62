/** What a file is, from its first bytes: a zip (.xlsx), an OLE container (.xls), or what else, for the error line. */
export type Container = 'zip' | 'cfb';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(buf: Uint8Array, magic: number[]): boolean {
  return buf.length >= magic.length && magic.every((b, i) => buf[i] === b);
}

export function sniff(buf: Uint8Array): Container | undefined {
  if (startsWith(buf, ZIP_MAGIC)) return 'zip';
  if (startsWith(buf, CFB_MAGIC)) return 'cfb';
  return undefined;
}

/** Names what the file is when it isn't a spreadsheet, for the one-line error. */
export function describeNonSpreadsheet(buf: Buffer): string {
  if (buf.length === 0) return 'the file is empty (0 bytes), not an Excel workbook';
  const head = buf.subarray(0, 512);
  const ascii = head.toString('latin1');
  if (ascii.startsWith('%PDF')) return 'a PDF document, not an Excel workbook (.xlsx/.xls)';
  if (startsWith(buf, [0x50, 0x4b, 0x05, 0x06])) return 'an empty zip archive, not an Excel workbook (.xlsx/.xls)';
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47])) return 'a PNG image, not an Excel workbook (.xlsx/.xls)';
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return 'a JPEG image, not an Excel workbook (.xlsx/.xls)';
  if (/^\s*</.test(ascii.replace(/^\ufeff|^\xef\xbb\xbf/, ''))) return 'an XML/HTML text file, not an Excel workbook (.xlsx/.xls)';
  if (looksLikeText(head)) return 'a text file, not an Excel workbook (.xlsx/.xls)';
  return 'not an Excel workbook (.xlsx/.xls): unrecognised file format';
}

function looksLikeText(head: Buffer): boolean {
  if (head.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, Math.max(0, head.length - 4)));
    return true;
  } catch {
    return false;
  }
}

