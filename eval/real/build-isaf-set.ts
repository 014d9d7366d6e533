/**
 * Builds the third real-text set (isaf-releases.jsonl) from ISAF press releases as a public
 * repository ships them with one annotator's coding (see eval/README.md, "Third real-text set",
 * for source, commit, licence and rules). The text is the release; the event day is the coded
 * start_date; people come from the hand list isaf-people.json.
 *
 *   node --import tsx eval/real/build-isaf-set.ts isaf_press_releases_ft_test.jsonl [OUT.jsonl]
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { splitOf } from './split-of.ts';

const here = import.meta.dirname;
/** Every release long enough to name people (400 caps the draw, by the smallest sha256 of the id, should the source grow). */
const DRAW = 400;
const MIN_CHARS = 400;

const source = process.argv[2];
if (!source) throw new Error('usage: build-isaf-set.ts isaf_press_releases_ft_test.jsonl [OUT.jsonl]');

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH =
  '(Jan(?:uary|\\.)?|Feb(?:ruary|\\.)?|March|Mar\\.|April|Apr\\.|May|June?|July?|Aug(?:ust|\\.)?|Sept?(?:ember|\\.)?|Oct(?:ober|\\.)?|Nov(?:ember|\\.)?|Dec(?:ember|\\.)?)';
const monthNumber = (m: string) => MONTHS.indexOf(m.slice(0, 3).toLowerCase()) + 1;
const iso = (y: number, m: number, d: number) =>
  `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** The release as a reader sees it: headers, reference numbers and download links removed. */
function clean(raw: string): string {
  return raw
    .replace(/^PRESS RELEASE TEXT:\s*/, '')
    .replace(/[\u2028\u00a0]/g, ' ')
    .replace(/ISAF Joint Command\s*-?\s*Afghanistan/g, ' ')
    .replace(/\b20\d\d-\d\d-[A-Z]+-\d+[a-z]?\b(?:\s*[\d, ]+(?=\s))?/g, ' ')
    .replace(/For Immediate Release|Download PDF|\[\.\.\.\]|\[leader\/facilitator\]/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
}

// The dateline: "KABUL, Afghanistan (Jan. 25, 2013)"; the year from the reference number when absent.
const DATELINE = new RegExp(`\\(${MONTH} (\\d{1,2})(?:, (\\d{4}))?\\)`);
function releaseDay(text: string, refYear: number): string | undefined {
  const m = DATELINE.exec(text);
  if (!m) return undefined;
  return iso(m[3] ? Number(m[3]) : refYear, monthNumber(m[1] ?? ''), Number(m[2]));
}

// ---- dates (rules in eval/README.md) --------------------------------------------------------
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const RELATIVE =
  /\b(?:yesterday|today|last ?night|tonight|this morning|(?:Sun|Mon|Tues|Wednes|Thurs|Fri|Satur)day)\b/gi;
const WRITTEN = new RegExp(`\\b${MONTH} (\\d{1,2})(?:st|nd|rd|th)?(?:, (\\d{4}))?\\b`, 'g');
interface GoldDate {
  text: string;
  start: string;
  end: string;
}
function dateSpans(text: string, released: string, eventDay: string): GoldDate[] {
  const out: GoldDate[] = [];
  const dateline = DATELINE.exec(text);
  const body = dateline ? text.slice((dateline.index ?? 0) + dateline[0].length) : text;
  const add = (span: string, day: string) => {
    if (!out.some((o) => o.text === span)) out.push({ text: span, start: day, end: day });
  };
  // A written calendar day, at its own date (the release's year when none is written).
  for (const m of body.matchAll(WRITTEN)) {
    const month = monthNumber(m[1] ?? '');
    const day = Number(m[2]);
    if (month < 1 || day < 1 || day > 31) continue;
    add(m[0], iso(m[3] ? Number(m[3]) : Number(released.slice(0, 4)), month, day));
  }
  // A relative day is gold when its plain reading is the day the annotator coded for the event.
  const weekday = new Date(`${released}T00:00:00Z`).getUTCDay();
  for (const m of body.matchAll(RELATIVE)) {
    const w = m[0].toLowerCase().replace(/\s+/g, ' ');
    const back =
      w === 'yesterday' || w === 'last night' || w === 'lastnight'
        ? 1
        : WEEKDAYS.includes(w)
          ? (weekday - WEEKDAYS.indexOf(w) + 7) % 7
          : 0;
    const day = addDays(released, -back);
    if (day === eventDay) add(m[0], day);
  }
  return out;
}

// ---- build ---------------------------------------------------------------------------------
const people: Record<string, string[]> = JSON.parse(
  readFileSync(join(here, 'isaf-people.json'), 'utf8'),
).people;
interface Record_ {
  id: string;
  text: string;
  published: string;
  eventDay: string;
}
const seen = new Set<string>();
const records: Record_[] = [];
for (const line of readFileSync(source, 'utf8').split('\n').filter(Boolean)) {
  const turns: { from: string; value: string }[] = JSON.parse(line).conversations;
  const raw = turns.find((t) => t.from === 'human')?.value ?? '';
  const coded = JSON.parse(turns.find((t) => t.from === 'gpt')?.value ?? '{}') as { start_date?: string };
  const ref = /\b(20\d\d)-\d\d-[A-Z]+-\d+[a-z]?\b/.exec(raw);
  if (!ref || seen.has(ref[0]) || !coded.start_date) continue;
  seen.add(ref[0]);
  const text = clean(raw);
  const released = releaseDay(text, Number(ref[1]));
  if (!released || text.length < MIN_CHARS) continue;
  records.push({ id: `isaf-${ref[0]}`, text, published: released, eventDay: coded.start_date });
}
const digest = (id: string) => createHash('sha256').update(`draw:${id}`).digest('hex');
const drawn = records.sort((a, b) => (digest(a.id) < digest(b.id) ? -1 : 1)).slice(0, DRAW);

const items = drawn.map((r) => ({
  id: r.id,
  split: splitOf(r.id),
  country: 'AF',
  published: `${r.published}T12:00:00Z`,
  text: r.text,
  people: people[r.id] ?? [],
  places: [],
  otherPlaces: [],
  placeCountries: ['AF', ...(/\bPakistan\b/.test(r.text) ? ['PK'] : [])],
  dates: dateSpans(r.text, r.published, r.eventDay),
}));
const out = process.argv[3] ?? join(here, 'isaf-releases.jsonl');
writeFileSync(out, items.map((i) => JSON.stringify(i)).join('\n') + '\n');
writeFileSync(
  join(here, 'isaf-split.tsv'),
  'id\tsplit\n' + items.map((i) => `${i.id}\t${i.split}`).join('\n') + '\n',
);
const sum = (k: 'people' | 'dates', split: string) =>
  items.filter((i) => i.split === split).reduce((n, i) => n + i[k].length, 0);
console.log(
  `${records.length} releases, ${items.length} drawn, dev ${items.filter((i) => i.split === 'dev').length}; ` +
    `dev people ${sum('people', 'dev')}, dates ${sum('dates', 'dev')}; held-out dates ${sum('dates', 'heldout')} -> ${out}`,
);
