/** Dates: chrono-node plus the reporting layer, against the publication time. */
import { extractDates } from '../dates/report-dates.ts';
import type { Extractor } from '../extractor.ts';

/** Lists the dates in text order. */
export const datesExtractor: Extractor<'dates'> = {
  field: 'dates',
  extract: ({ text, reference }) => extractDates(text, reference),
};
