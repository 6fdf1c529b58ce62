/**
 * The HTML report's (and the annotated copy's) words: the HTML part of the one
 * message catalog, src/report/messages.ts. Workbook text (titles, labels) is
 * shown as published.
 */
import { MESSAGES, type HtmlLabels } from '../messages.js';

export type Lang = 'zh' | 'en';

export type Labels = HtmlLabels;

export const LABELS: Record<Lang, Labels> = { zh: MESSAGES.zh.html, en: MESSAGES.en.html };
