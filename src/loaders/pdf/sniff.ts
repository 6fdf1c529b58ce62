/**
 * Is this input a PDF? By its name, or by its first bytes when the name says
 * nothing (a PDF named .xlsx/.xls is left to the workbook reader, which says
 * it is a PDF and not a workbook). Without loading pdfjs.
 */
import { open } from 'node:fs/promises';

export async function isPdfFile(path: string): Promise<boolean> {
  if (/\.pdf$/i.test(path)) return true;
  if (/\.(?:xlsx|xlsm|xls)$/i.test(path)) return false;
  let fh;
  try {
    fh = await open(path, 'r');
    const buf = Buffer.alloc(1024);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    return buf.subarray(0, bytesRead).toString('latin1').includes('%PDF-');
  } catch {
    return false; // the workbook reader says why it can't be read
  } finally {
    await fh?.close();
  }
}
