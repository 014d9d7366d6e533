/**
 * Dates in news copy, resolved against the publication time. chrono-node parses most
 * expressions; a reporting layer decides the ones news uses differently from chrono: a bare
 * weekday or month is the most recent one (never a future one), "early/mid/late May" is a
 * third of the month, and a weekend is a Saturday–Sunday range.
 */
import * as chrono from 'chrono-node/en';
import type { DateGranularity, DateMention } from '../types.ts';
import { addDays, compareDays, dayAt, daysInMonth, formatDay, weekday, type Day } from './calendar.ts';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTH = `(${MONTHS.join('|')})`;
const WEEKDAY_BEFORE = new RegExp(`\\b(${WEEKDAYS.join('|')}),? $`);
const ORDINAL = '(\\d{1,2})(?:st|nd|rd|th)?';
const YEAR = '((?:19|20)\\d{2})';
// Headline abbreviations ("Troops kill 5 Thurs"); "Wed" is also the verb, and "Mon", "Sat" and
// "Sun" a state, a verb and a newspaper, so those count only with their full stop or after "on".
const WEEKDAY_ABBREVIATIONS: Record<string, number> = {
  Mon: 1,
  Tue: 2,
  Tues: 2,
  Wed: 3,
  Thu: 4,
  Thur: 4,
  Thurs: 4,
  Fri: 5,
  Sat: 6,
  Sun: 0,
};
const ABBREVIATED_WEEKDAY = String.raw`(?:Tue|Tues|Thu|Thur|Thurs|Fri)\b\.?|Wed\.|(?<=\bon\s)(?:Wed\b\.?|(?:Mon|Sat|Sun)\.)`;

interface Span {
  start: number;
  end: number;
}
const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

/** The publication time and the UTC offset its calendar day is reckoned in. */
export interface Reference {
  instant: Date;
  offsetMinutes: number;
}

/** Reads an ISO 8601 time with its offset ("2026-05-27T10:00:00+03:00"); Z or none is UTC. */
export function parseReference(iso: string): Reference | undefined {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return undefined;
  const zone = /([+-])(\d{2}):?(\d{2})$/.exec(iso);
  const offsetMinutes = zone ? (zone[1] === '-' ? -1 : 1) * (Number(zone[2]) * 60 + Number(zone[3])) : 0;
  return { instant, offsetMinutes };
}

const monthIndex = (name: string) => MONTHS.indexOf(name) + 1;

/** The most recent month called `m` (this month counts), as its year. */
function recentYear(today: Day, m: number): number {
  return m <= today.m ? today.y : today.y - 1;
}

// "by late September", "until Friday": these point ahead, not back.
const AHEAD = /\b(?:by|until|till|before|next|coming|due|scheduled for|expected in)\s+(?:the\s+)?$/i;

/** Whether the words just before `index` point to the future. */
function pointsAhead(text: string, index: number): boolean {
  return AHEAD.test(text.slice(Math.max(0, index - 24), index));
}

/** The year of month `m`: the most recent one, or the coming one when the text points ahead. */
function yearOf(text: string, index: number, today: Day, m: number): number {
  if (pointsAhead(text, index)) return m >= today.m ? today.y : today.y + 1;
  return recentYear(today, m);
}

function range(text: string, span: Span, start: Day, end: Day, granularity: DateGranularity) {
  return { span, mention: { text, start: formatDay(start), end: formatDay(end), granularity } };
}

type Found = { span: Span; mention: DateMention };

const FEAST_DAYS: Record<string, [number, number]> = {
  'christmas day': [12, 25],
  'christmas eve': [12, 24],
  'boxing day': [12, 26],
  "new year's day": [1, 1],
  "new year's eve": [12, 31],
};
const FIXED_FEAST =
  /\b(Christmas Day|Christmas Eve|Boxing Day|New Year['’]s Day|New Year['’]s Eve)(?:,? ((?:19|20)\d{2}))?\b/g;

/** Reporting expressions chrono gets wrong or misses. */
function reportingDates(text: string, today: Day): Found[] {
  const found: Found[] = [];
  const add = (f: Found) => {
    if (!found.some((other) => overlaps(other.span, f.span))) found.push(f);
  };
  const at = (m: RegExpMatchArray): Span => ({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length });

  // Days named by a fixed feast ("on Christmas Day", "New Year's Eve 2016"): chrono knows none.
  for (const m of text.matchAll(FIXED_FEAST)) {
    const [month, day] = FEAST_DAYS[(m[1] ?? '').replace('’', "'").toLowerCase()] ?? [0, 0];
    if (month === 0) continue;
    const y = m[2] ? Number(m[2]) : yearOf(text, m.index ?? 0, today, month);
    add(range(m[0], at(m), { y, m: month, d: day }, { y, m: month, d: day }, 'day'));
  }

  const dayRange = (m: RegExpMatchArray, d1: string, m1: string, d2: string, m2: string, year?: string) => {
    const first = monthIndex(capitalise(m1));
    const second = monthIndex(capitalise(m2));
    const y2 = year ? Number(year) : yearOf(text, m.index ?? 0, today, second);
    const y1 = first > second ? y2 - 1 : y2;
    const [from, to] = [
      { y: y1, m: first, d: Number(d1) },
      { y: y2, m: second, d: Number(d2) },
    ];
    // "June 3 and 12 soldiers" is not a range
    if (from.d < 1 || to.d > daysInMonth(to.y, to.m) || compareDays(from, to) >= 0) return;
    add(range(m[0], at(m), from, to, 'day'));
  };
  // "between 3 and 5 May", "from 3 to 5 May", "the night of 5-6 May", "on or about 5/6 May"
  for (const m of text.matchAll(
    new RegExp(
      `\\b(?:between|from|(?:the )?nights? of(?: the)?) ${ORDINAL} ?(?:and|to|until|-|–|/) ?${ORDINAL} ${MONTH}(?:,? ${YEAR})?`,
      'gi',
    ),
  ))
    dayRange(m, m[1] ?? '', m[3] ?? '', m[2] ?? '', m[3] ?? '', m[4]);
  // "from 30 May to 2 June", "between 12 June and 3 July 2021"
  for (const m of text.matchAll(
    new RegExp(
      `\\b(?:between|from) ${ORDINAL} ${MONTH} (?:and|to|until) ${ORDINAL} ${MONTH}(?:,? ${YEAR})?`,
      'gi',
    ),
  ))
    dayRange(m, m[1] ?? '', m[2] ?? '', m[3] ?? '', m[4] ?? '', m[5]);
  // "between June 12 and 14", "June 12-14, 2021", "from May 30 to June 2"
  for (const m of text.matchAll(
    new RegExp(
      `\\b(?:(?:between|from) ${MONTH} ${ORDINAL} (?:and|to|until)|${MONTH} ${ORDINAL} ?[-–]) ?(?:${MONTH} )?${ORDINAL}\\b(?:,? ${YEAR})?`,
      'g',
    ),
  ))
    if (m[1]) dayRange(m, m[2] ?? '', m[1], m[6] ?? '', m[5] ?? m[1], m[7]);
    else dayRange(m, m[4] ?? '', m[3] ?? '', m[6] ?? '', m[5] ?? m[3] ?? '', m[7]);
  // "on 12 and 13 March", "March 12 and 13": a range when the days follow each other, else two days
  // ("on 3 and 7 May"). chrono reads only one of them.
  const twoDays = (m: RegExpMatchArray, d1: string, d2: string, month: string, year?: string) => {
    const first = Number(d1);
    const second = Number(d2);
    if (second === first + 1) return dayRange(m, d1, month, d2, month, year);
    const mo = monthIndex(capitalise(month));
    const y = year ? Number(year) : yearOf(text, m.index ?? 0, today, mo);
    if (first < 1 || first >= second || second > daysInMonth(y, mo)) return;
    const start = m.index ?? 0;
    const end = start + m[0].length;
    const firstAt = start + m[0].indexOf(d1);
    const secondAt = start + m[0].indexOf(d2, firstAt - start + d1.length);
    // "3 and 7 May": "3" and "7 May"; "May 3 and 7": "May 3" and "7".
    const dayFirst = firstAt === start;
    const firstSpan: Span = { start, end: firstAt + d1.length };
    const secondSpan: Span = { start: secondAt, end: dayFirst ? end : secondAt + d2.length };
    if (found.some((f) => overlaps(f.span, { start, end }))) return;
    const day = (d: number) => ({ y, m: mo, d });
    add(range(text.slice(firstSpan.start, firstSpan.end), firstSpan, day(first), day(first), 'day'));
    add(range(text.slice(secondSpan.start, secondSpan.end), secondSpan, day(second), day(second), 'day'));
  };
  for (const m of text.matchAll(new RegExp(`\\b${ORDINAL} and ${ORDINAL} ${MONTH}(?:,? ${YEAR})?`, 'g')))
    twoDays(m, m[1] ?? '', m[2] ?? '', m[3] ?? '', m[4]);
  for (const m of text.matchAll(new RegExp(`\\b${MONTH} ${ORDINAL} and ${ORDINAL}\\b(?:,? ${YEAR})?`, 'g')))
    twoDays(m, m[2] ?? '', m[3] ?? '', m[1] ?? '', m[4]);
  // "from April to July 1994", "March-May 2021": whole months
  for (const m of text.matchAll(
    new RegExp(`\\b(?:(?:between|from) )?${MONTH} ?(?:to|and|until|-|–) ?${MONTH},? ${YEAR}\\b`, 'gi'),
  )) {
    if (m[1] === m[1]?.toLowerCase()) continue; // "they may and…"
    const [first, second] = [monthIndex(capitalise(m[1] ?? '')), monthIndex(capitalise(m[2] ?? ''))];
    const y = Number(m[3]);
    const y1 = first > second ? y - 1 : y;
    add(range(m[0], at(m), { y: y1, m: first, d: 1 }, { y, m: second, d: daysInMonth(y, second) }, 'month'));
  }
  // "the first week of June", "the last week of May"
  for (const m of text.matchAll(
    new RegExp(`\\b(?:the )?(first|second|third|fourth|last) week of ${MONTH}(?:,? ${YEAR})?`, 'gi'),
  )) {
    const month = monthIndex(capitalise(m[2] ?? ''));
    const y = m[3] ? Number(m[3]) : yearOf(text, m.index ?? 0, today, month);
    const which = (m[1] ?? '').toLowerCase();
    const last = daysInMonth(y, month);
    const from = which === 'last' ? last - 6 : 1 + 7 * ['first', 'second', 'third', 'fourth'].indexOf(which);
    add(range(m[0], at(m), { y, m: month, d: from }, { y, m: month, d: Math.min(last, from + 6) }, 'week'));
  }
  // "late 2019", "in early 2020", "mid-2021", "the end of 2019", "the first half of 2022"
  for (const m of text.matchAll(
    new RegExp(
      `\\b(early|mid|late|the start of|the beginning of|the middle of|the end of|the first half of|the second half of)[- ]${YEAR}\\b`,
      'gi',
    ),
  )) {
    const y = Number(m[2]);
    const part = (m[1] ?? '').toLowerCase();
    const [from, to] = part.includes('first half')
      ? [1, 6]
      : part.includes('second half')
        ? [7, 12]
        : part === 'early' || part.includes('start') || part.includes('beginning')
          ? [1, 4]
          : part === 'mid' || part.includes('middle')
            ? [5, 8]
            : [9, 12];
    add(range(m[0], at(m), { y, m: from, d: 1 }, { y, m: to, d: daysInMonth(y, to) }, 'part-of-year'));
  }
  // "on the 15th": the most recent 15th (this month's unless it is still to come)
  for (const m of text.matchAll(
    new RegExp(`\\b(?:on|since|by|until) the (\\d{1,2})(?:st|nd|rd|th)\\b(?! of)(?!,? ${MONTH})`, 'g'),
  )) {
    const d = Number(m[1]);
    if (d < 1 || d > 31) continue;
    const ahead = pointsAhead(text, (m.index ?? 0) + m[0].indexOf('the')) || /^(?:by|until)/.test(m[0]);
    let { y, m: month } = today;
    if (ahead ? d < today.d : d > today.d) month += ahead ? 1 : -1;
    if (month === 0) [y, month] = [y - 1, 12];
    if (month === 13) [y, month] = [y + 1, 1];
    if (d > daysInMonth(y, month)) continue;
    const start = (m.index ?? 0) + m[0].indexOf('the');
    add(
      range(
        m[0].slice(m[0].indexOf('the')),
        { start, end: start + m[0].length - m[0].indexOf('the') },
        { y, m: month, d },
        { y, m: month, d },
        'day',
      ),
    );
  }
  // "12/06/2021" only when it cannot be read two ways (day-first or month-first), or a weekday before
  // it tells which ("Sunday 1/7/2012" is 1 July, a Sunday, not 7 January); ISO is chrono's
  for (const m of text.matchAll(/\b(\d{1,2})\/(\d{1,2})\/((?:19|20)\d{2})\b/g)) {
    const [a, b, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    let [d, month] = a > 12 && b <= 12 ? [a, b] : b > 12 && a <= 12 ? [b, a] : a === b ? [a, a] : [0, 0];
    const weekday = WEEKDAY_BEFORE.exec(text.slice(Math.max(0, (m.index ?? 0) - 12), m.index))?.[1];
    if (d === 0 && weekday) {
      const on = (day: number, mon: number) => WEEKDAYS[new Date(Date.UTC(y, mon - 1, day)).getUTCDay()];
      const readings = [
        [a, b],
        [b, a],
      ].filter(([day = 0, mon = 0]) => mon <= 12 && day <= daysInMonth(y, mon) && on(day, mon) === weekday);
      if (readings.length === 1) [d, month] = readings[0] as [number, number];
    }
    if (d === 0 || month < 1 || d > daysInMonth(y, month)) continue;
    add(range(m[0], at(m), { y, m: month, d }, { y, m: month, d }, 'day'));
  }
  // "this morning", "this evening": the day of publication
  for (const m of text.matchAll(/\b(?:early |late |earlier |later )?this (?:morning|afternoon|evening)\b/gi))
    add(range(m[0], at(m), today, today, 'day'));
  // "early May", "mid-May", "late May 2025", "the end of May"
  for (const m of text.matchAll(
    new RegExp(
      `\\b(early|mid|late|the start of|the beginning of|the middle of|the end of)[- ]${MONTH}(?: (\\d{4}))?\\b`,
      'gi',
    ),
  )) {
    const month = monthIndex(capitalise(m[2] ?? ''));
    if (month === 0) continue;
    const y = m[3] ? Number(m[3]) : yearOf(text, m.index ?? 0, today, month);
    const part = (m[1] ?? '').toLowerCase();
    const last = daysInMonth(y, month);
    const [from, to] =
      part === 'early' || part.includes('start') || part.includes('beginning')
        ? [1, 10]
        : part === 'mid' || part.includes('middle')
          ? [11, 20]
          : [21, last];
    add(range(m[0], at(m), { y, m: month, d: from }, { y, m: month, d: to }, 'part-of-month'));
  }
  // weekends: "last weekend" is the one before the current week's; "the weekend" the most recent
  for (const m of text.matchAll(/\b(last|this|the|over the|at the|on the)\s+weekend\b/gi)) {
    const wd = weekday(today);
    const daysSinceSaturday = (wd + 1) % 7;
    let saturday = addDays(today, -daysSinceSaturday);
    if ((m[1] ?? '').toLowerCase() === 'last' && (wd === 6 || wd === 0)) saturday = addDays(saturday, -7);
    add(range(m[0], at(m), saturday, addDays(saturday, 1), 'weekend'));
  }
  // "overnight" in a report: the night that began the evening before publication, unless a
  // weekday says which ("overnight Saturday to Sunday" began on Saturday, "overnight into
  // Friday" on Thursday)
  const day = WEEKDAYS.join('|');
  for (const m of text.matchAll(
    new RegExp(
      `\\b(?:(${day})\\s+)?overnight(?:\\s+(?:on\\s+)?(into\\s+)?(${day})(?:\\s+(?:to|into)\\s+(?:${day}))?)?\\b`,
      'gi',
    ),
  )) {
    let night = addDays(today, -1);
    // "Saturday overnight" is the night that began on Saturday
    const named = WEEKDAYS.findIndex((w) => w.toLowerCase() === (m[3] ?? m[1] ?? '').toLowerCase());
    if (named !== -1) night = addDays(today, -((weekday(today) - named + 7) % 7) - (m[2] ? 1 : 0));
    add(range(m[0], at(m), night, night, 'day'));
  }
  // "the night of Saturday to Sunday", "Saturday-Sunday night": one night, begun on the first day
  for (const m of text.matchAll(
    new RegExp(
      `\\b(?:(?:on\\s+)?the\\s+night\\s+of\\s+(${day})\\s+(?:to|into)\\s+(?:${day})|(${day})\\s*(?:-|–|to)\\s*(?:${day})\\s+night)\\b`,
      'gi',
    ),
  )) {
    const named = WEEKDAYS.findIndex((w) => w.toLowerCase() === (m[1] ?? m[2] ?? '').toLowerCase());
    const night = addDays(today, -((weekday(today) - named + 7) % 7));
    add(range(m[0], at(m), night, night, 'day'));
  }
  // bare weekdays: the most recent one; "last Tuesday" never means today. A day of the month, a
  // month or a clock time after it is chrono's ("Sunday 6 June", "Monday 10 am"); a count is not
  // ("on Sunday 12 people were killed").
  const months = MONTHS.join('|');
  const weekdayPattern = new RegExp(
    `\\b(?:(last|on|this|early on|late on|early|late)\\s+)?(${WEEKDAYS.join('|')}|${ABBREVIATED_WEEKDAY})(?:\\s+(morning|afternoon|evening|night))?(?:\\b|(?<=\\.))` +
      `(?!,?\\s+(?:(?:the\\s+)?\\d{1,2}(?:st|nd|rd|th)?(?:\\s+of)?\\s+(?:${months})|\\d{1,2}(?:st|nd|rd|th)\\b|\\d{1,2}(?::\\d{2})?\\s*(?:am|pm|a\\.m\\.|p\\.m\\.|h\\b|hrs\\b|GMT|UTC)|${months}|\\d{1,2}[/.]\\d{1,2}|\\d{4}-))`,
    'g',
  );
  const weekdayOf = (word: string) => {
    const bare = word.replace(/\.$/, '');
    const full = WEEKDAYS.indexOf(bare);
    return full !== -1 ? full : (WEEKDAY_ABBREVIATIONS[bare] ?? -1);
  };
  for (const m of text.matchAll(weekdayPattern)) {
    const target = weekdayOf(m[2] ?? '');
    if (target === -1) continue;
    let day: Day;
    if (pointsAhead(text, m.index ?? 0)) day = addDays(today, (target - weekday(today) + 7) % 7 || 7);
    else {
      let back = (weekday(today) - target + 7) % 7;
      if (back === 0 && m[1] === 'last') back = 7;
      day = addDays(today, -back);
    }
    add(range(m[0], at(m), day, day, 'day'));
  }
  // "last month", "this month", "last year", "last week"; "earlier this week" ends today and "the past
  // week" is the seven days to today, not the calendar week before.
  for (const m of text.matchAll(/\b(last|this|earlier this|past) (week|month|year)\b/gi)) {
    const which = (m[2] ?? '').toLowerCase() as 'week' | 'month' | 'year';
    const when = m[1]?.toLowerCase();
    if (when === 'past') {
      const back = { week: 6, month: 29, year: 364 }[which];
      add(range(m[0], at(m), addDays(today, -back), today, which));
      continue;
    }
    if (when === 'earlier this') {
      const first =
        which === 'week'
          ? addDays(today, -((weekday(today) + 6) % 7))
          : { y: today.y, m: which === 'month' ? today.m : 1, d: 1 };
      add(range(m[0], at(m), first, today, which));
      continue;
    }
    const previous = when === 'last';
    if (which === 'month') {
      const month = previous ? (today.m === 1 ? 12 : today.m - 1) : today.m;
      const y = previous && today.m === 1 ? today.y - 1 : today.y;
      add(range(m[0], at(m), { y, m: month, d: 1 }, { y, m: month, d: daysInMonth(y, month) }, 'month'));
    } else if (which === 'year') {
      const y = previous ? today.y - 1 : today.y;
      add(range(m[0], at(m), { y, m: 1, d: 1 }, { y, m: 12, d: 31 }, 'year'));
    } else {
      const monday = addDays(today, -((weekday(today) + 6) % 7) - (previous ? 7 : 0));
      add(range(m[0], at(m), monday, addDays(monday, 6), 'week'));
    }
  }
  // a bare month ("in May", "since March 2024"): the most recent one
  for (const m of text.matchAll(new RegExp(`\\b${MONTH}(?: (\\d{4}))?\\b(?!\\s*\\d)`, 'g'))) {
    const before = text.slice(Math.max(0, (m.index ?? 0) - 10), m.index);
    if (/\d(?:st|nd|rd|th)?\s*(?:of\s+)?$/.test(before)) continue; // "12 May", "3rd of May": a day, chrono's
    const month = monthIndex(m[1] ?? '');
    if (
      m[1] === 'May' &&
      !/\b(?:in|since|of|until|by|during|early|late|mid|last|this|next)\s+$/i.test(
        text.slice(Math.max(0, (m.index ?? 0) - 8), m.index),
      )
    )
      continue; // "May" is more often the verb
    const y = m[2] ? Number(m[2]) : yearOf(text, m.index ?? 0, today, month);
    add(range(m[0], at(m), { y, m: month, d: 1 }, { y, m: month, d: daysInMonth(y, month) }, 'month'));
  }
  // a bare year ("in 2023")
  for (const m of text.matchAll(/\b(?:in|since|during|of|until) ((?:19|20)\d{2})\b/g)) {
    const y = Number(m[1]);
    const span = { start: (m.index ?? 0) + m[0].length - 4, end: (m.index ?? 0) + m[0].length };
    add(range(m[1] ?? '', span, { y, m: 1, d: 1 }, { y, m: 12, d: 31 }, 'year'));
  }
  return found;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase();

// chrono reads "at 10" in "killed at least 10" as a time; keep only results that say a date word.
// A month's abbreviation counts beside a day's number ("Jan. 21", "Sept. 11, 2001", "4 Jul 2019"):
// alone "Mar" and "Jun" are words and names.
const MONTH_ABBREVIATION = String.raw`(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?`;
const ABBREVIATION_STOP = /\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.(?=\d)/g;
const DATE_WORD = new RegExp(
  `\\b${MONTH_ABBREVIATION} \\d|\\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\\.\\d|\\d(?:st|nd|rd|th)? ${MONTH_ABBREVIATION}\\b|${MONTHS.join('|')}|${WEEKDAYS.join('|')}|\\b(?:yesterday|today|tonight|tomorrow|ago|morning|evening|night|noon|midnight)\\b|\\d:\\d|\\d\\s*(?:am|pm|a\\.m\\.|p\\.m\\.)|\\d{4}-\\d{2}`,
  'i',
);

const KNOWN = ['year', 'month', 'day', 'weekday', 'hour'] as const;

function chronoDates(text: string, reference: Reference, taken: Found[], today: Day): Found[] {
  const found: Found[] = [];
  // "Dec.14th": chrono wants a space after the month's stop; the same length keeps every offset.
  const spaced = text.replace(ABBREVIATION_STOP, '$1 ');
  const results = chrono.parse(spaced, { instant: reference.instant, timezone: reference.offsetMinutes });
  for (const result of results) {
    let { start } = result;
    let spanStart = result.index;
    let shown = result.text;
    if (!KNOWN.some((c) => start.isCertain(c))) {
      // "the night of 24 May", "late morning on 4 April 2020": chrono keeps the part of the day and
      // drops the date; parse what follows "of" / "on"
      const of = /\b(?:of|on)\s+/.exec(result.text);
      const retry = of ? chrono.parse(result.text.slice(of.index + of[0].length), reference)[0] : undefined;
      if (!retry) continue;
      start = retry.start;
      spanStart = result.index;
    }
    // "on Highway 1 August 31": chrono reads the number after the month as a two-digit year
    // (2031); reports write years in full, so the date is the month and the number after it.
    if (start.isCertain('year') && !/\d{4}|['’]\d{2}\b/.test(result.text)) {
      const month = new RegExp(`\\b(?:${MONTHS.join('|')})\\b`, 'i').exec(result.text);
      const retry = month?.index ? chrono.parse(result.text.slice(month.index), reference)[0] : undefined;
      if (retry && month?.index) {
        start = retry.start;
        spanStart = result.index + month.index;
        shown = result.text.slice(month.index);
      }
    }
    const span = { start: spanStart, end: result.index + result.text.length };
    shown = text.slice(span.end - shown.length, span.end);
    if (!DATE_WORD.test(shown) || taken.some((t) => overlaps(t.span, span))) continue;
    let day: Day = { y: start.get('year') ?? 0, m: start.get('month') ?? 1, d: start.get('day') ?? 1 };
    // chrono reads "Saturday 14:00 GMT" as the coming Saturday; a report means the last one
    const weekBack =
      start.isCertain('weekday') &&
      !start.isCertain('day') &&
      !pointsAhead(text, result.index) &&
      compareDays(day, today) > 0;
    if (weekBack) day = addDays(day, -7);
    const endDay = result.end
      ? {
          y: result.end.get('year') ?? day.y,
          m: result.end.get('month') ?? day.m,
          d: result.end.get('day') ?? day.d,
        }
      : day;
    const granularity: DateGranularity = start.isCertain('hour')
      ? 'time'
      : start.isCertain('day') || start.isCertain('weekday')
        ? 'day'
        : start.isCertain('month')
          ? 'month'
          : 'year';
    if (granularity === 'time') {
      const shift = weekBack ? 7 * 86_400_000 : 0;
      const startIso = new Date(start.date().getTime() - shift).toISOString();
      found.push({
        span,
        mention: {
          text: shown,
          start: startIso,
          end: result.end ? new Date(result.end.date().getTime() - shift).toISOString() : startIso,
          granularity,
        },
      });
    } else if (granularity === 'month') {
      const last = daysInMonth(day.y, day.m);
      found.push(range(shown, span, { ...day, d: 1 }, { ...day, d: last }, 'month'));
    } else found.push(range(shown, span, day, endDay, granularity));
  }
  return found;
}

const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
};
// "the following day", "the previous day", "two days later": a day counted from the date the
// text gave last, not from publication ("On 3 May gunmen attacked … The following day, troops
// arrived"). "a day after <event>" is left alone: it dates the main clause, which has its own date.
const RELATIVE_DAY =
  /\b(?:the (following|next|previous) day|the day (before)|(a|one|two|three|four|five|six|seven|\d) days? (later|earlier))\b/gi;

function relativeDays(text: string, dated: Found[]): Found[] {
  if (!/\bday/i.test(text)) return [];
  const out: Found[] = [];
  for (const m of text.matchAll(RELATIVE_DAY)) {
    const at = m.index ?? 0;
    // The last single day written before the phrase is the anchor; with none, nothing is said.
    const anchor = [...dated, ...out]
      .filter((f) => f.span.end <= at && f.mention.granularity === 'day' && f.mention.start === f.mention.end)
      .sort((a, b) => b.span.end - a.span.end)[0];
    if (!anchor) continue;
    const [y, mo, d] = anchor.mention.start.split('-').map(Number);
    const word = (m[1] ?? m[2] ?? '').toLowerCase();
    const count = m[3] ? (NUMBER_WORDS[m[3].toLowerCase()] ?? Number(m[3])) : 1;
    const back = word === 'previous' || word === 'before' || m[4]?.toLowerCase() === 'earlier';
    const day = addDays({ y: y ?? 0, m: mo ?? 1, d: d ?? 1 }, back ? -count : count);
    out.push(range(m[0], { start: at, end: at + m[0].length }, day, day, 'day'));
  }
  return out;
}

/** Every date the text refers to, in text order. */
export function extractDates(text: string, reference: Reference): DateMention[] {
  const today = dayAt(reference.instant, reference.offsetMinutes);
  const reporting = reportingDates(text, today);
  const dated = [...reporting, ...chronoDates(text, reference, reporting, today)].sort(
    (a, b) => a.span.start - b.span.start,
  );
  const relative = relativeDays(text, dated).filter((r) => !dated.some((f) => overlaps(f.span, r.span)));
  const all =
    relative.length > 0 ? [...dated, ...relative].sort((a, b) => a.span.start - b.span.start) : dated;
  return all.map((f) => f.mention);
}

export { compareDays };
