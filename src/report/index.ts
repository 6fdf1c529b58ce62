/**
 * Report dispatch: the shared types and helpers (./shared.ts, re-exported) and
 * `formatReports`, which loads each formatter on demand, so a text check never
 * loads the HTML, SARIF, JUnit or annotate code.
 */
import type { FormatName, FormatOptions, ReportFile } from './shared.js';
import { defaultFormatOptions } from './shared.js';

export * from './shared.js';

/** Renders reports in one format. Each formatter is its own module, loaded on demand. */
export async function formatReports(
  reports: readonly ReportFile[],
  name: FormatName,
  options: Partial<FormatOptions> = {},
): Promise<string> {
  const opts = defaultFormatOptions(options);
  switch (name) {
    case 'text':
      return (await import('./text.js')).formatText(reports, opts);
    case 'json':
      return (await import('./json.js')).formatJson(reports, opts);
    case 'junit':
      return (await import('./junit.js')).formatJunit(reports, opts);
    case 'sarif':
      return (await import('./sarif.js')).formatSarif(reports, opts);
    case 'html':
      return (await import('./html.js')).formatHtml(reports, opts);
  }
}
