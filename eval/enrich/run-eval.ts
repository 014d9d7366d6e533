/**
 * `npm run eval:enrich`: scores the enrichment pipeline against the hand-annotated gold set
 * (eval/enrich/gold.json) and prints precision/recall/F1 per type, date accuracy and the share
 * of places within tolerance, for the dev and held-out splits. `--errors` lists the dev split's
 * mistakes; held-out mistakes are never printed, so nobody tunes on them. `--data-dir DIR` also
 * scores the real texts about the countries imported into DIR (`dateline gazetteer import`) with
 * those places.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { EVENT_TYPES } from '../../src/enrich/events/taxonomy.ts';
import { createEnricher } from '../../src/enrich/pipeline.ts';
import { splitSentences } from '../../src/enrich/text/tokenize.ts';
import { foldDiacritics } from '../../src/enrich/spelling.ts';
import type { Enrichment } from '../../src/enrich/types.ts';
import { ImportedPlaces } from '../../src/enrich/places/imported-places.ts';
import { openStore } from '../../src/store/open-store.ts';
import { runRealEval, type ImportedGazetteer } from '../real/run-real-eval.ts';

const GOLD_PLACE = z.object({
  matched: z.string(),
  kind: z.enum(['city', 'region']),
  country: z.string(),
  lat: z.number(),
  lon: z.number(),
});
const GOLD_ITEM = z.object({
  id: z.string(),
  split: z.enum(['dev', 'heldout']),
  region: z.string(),
  published: z.string(),
  storyCountries: z.array(z.string()),
  text: z.string(),
  people: z.array(z.string()),
  organizations: z.array(z.string()),
  countries: z.array(z.string()),
  places: z.array(GOLD_PLACE),
  dates: z.array(z.object({ text: z.string(), start: z.string(), end: z.string() })),
  /** The event type of each sentence, as the pipeline splits them, or "none". */
  eventTypes: z.array(z.enum([...EVENT_TYPES, 'none'])),
});
type GoldItem = z.infer<typeof GOLD_ITEM>;

/** Kilometres a place may be off and still count as the right pin. */
const TOLERANCE_KM = { city: 25, region: 200 } as const;

const norm = (s: string) =>
  foldDiacritics(s)
    .toLowerCase()
    .replace(/['’‘`]/g, '')
    .replace(/\s+/g, ' ')
    .trim();

function km(aLat: number, aLon: number, bLat: number, bLon: number): number {
  const rad = Math.PI / 180;
  const h =
    Math.sin(((bLat - aLat) * rad) / 2) ** 2 +
    Math.cos(aLat * rad) * Math.cos(bLat * rad) * Math.sin(((bLon - aLon) * rad) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

class Score {
  tp = 0;
  fp = 0;
  fn = 0;
  get precision() {
    return this.tp + this.fp === 0 ? 1 : this.tp / (this.tp + this.fp);
  }
  get recall() {
    return this.tp + this.fn === 0 ? 1 : this.tp / (this.tp + this.fn);
  }
  get f1() {
    const { precision: p, recall: r } = this;
    return p + r === 0 ? 0 : (2 * p * r) / (p + r);
  }
}

interface SplitResult {
  people: Score;
  organizations: Score;
  countries: Score;
  places: Score;
  placesWithin: { within: number; paired: number };
  dates: { correct: number; gold: number; system: number };
  /** Per sentence: the type (or none) right; and typed events scored as a set of (sentence, type). */
  eventSentences: { correct: number; total: number };
  events: Score;
  errors: string[];
}

function compareSets(score: Score, gold: string[], system: string[], label: string, errors: string[]): void {
  const g = new Set(gold.map(norm));
  const s = new Set(system.map(norm));
  for (const x of s) {
    if (g.has(x)) score.tp++;
    else {
      score.fp++;
      errors.push(`  ${label} extra: ${x}`);
    }
  }
  for (const x of g)
    if (!s.has(x)) {
      score.fn++;
      errors.push(`  ${label} missed: ${x}`);
    }
}

// The calendar day of a date value: instants are read in the publication's offset.
function dayOf(value: string, published: string): string {
  if (!value.includes('T')) return value;
  const offset = /([+-])(\d{2}):?(\d{2})$/.exec(published);
  const minutes = offset ? (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3])) : 0;
  return new Date(new Date(value).getTime() + minutes * 60_000).toISOString().slice(0, 10);
}

function scoreItem(item: GoldItem, result: Enrichment, into: SplitResult): void {
  const errors: string[] = [];
  compareSets(
    into.people,
    item.people,
    result.people.map((p) => p.name),
    'person',
    errors,
  );
  compareSets(
    into.organizations,
    item.organizations,
    result.organizations.map((o) => o.name),
    'org',
    errors,
  );
  compareSets(
    into.countries,
    item.countries,
    result.countries.map((c) => c.iso2),
    'country',
    errors,
  );

  const systemPlaces = result.places.filter((p) => p.kind !== 'country');
  const used = new Set<number>();
  for (const gold of item.places) {
    const g = norm(gold.matched);
    const index = systemPlaces.findIndex((p, i) => {
      const s = norm(p.matched);
      return !used.has(i) && (s === g || s.includes(g) || g.includes(s));
    });
    const found = systemPlaces[index];
    if (!found) {
      into.places.fn++;
      errors.push(`  place missed: ${gold.matched}`);
      continue;
    }
    used.add(index);
    into.places.tp++;
    into.placesWithin.paired++;
    const distance = km(gold.lat, gold.lon, found.lat, found.lon);
    if (distance <= TOLERANCE_KM[gold.kind]) into.placesWithin.within++;
    else
      errors.push(
        `  place off by ${Math.round(distance)} km: ${gold.matched} -> ${found.name} (${found.country})`,
      );
  }
  systemPlaces.forEach((p, i) => {
    if (!used.has(i)) {
      into.places.fp++;
      errors.push(`  place extra: ${p.matched} -> ${p.name} (${p.country}, ${p.kind})`);
    }
  });

  into.dates.gold += item.dates.length;
  into.dates.system += result.dates.length;
  for (const gold of item.dates) {
    const found = result.dates.find(
      (d) => norm(d.text).includes(norm(gold.text)) || norm(gold.text).includes(norm(d.text)),
    );
    const ok =
      found !== undefined &&
      dayOf(found.start, item.published) === gold.start &&
      dayOf(found.end, item.published) === gold.end;
    if (ok) into.dates.correct++;
    else
      errors.push(
        `  date wrong: "${gold.text}" want ${gold.start}..${gold.end}, got ${found ? `"${found.text}" ${found.start}..${found.end}` : 'nothing'}`,
      );
  }
  for (const d of result.dates)
    if (!item.dates.some((g) => norm(d.text).includes(norm(g.text)) || norm(g.text).includes(norm(d.text))))
      errors.push(`  date extra: "${d.text}"`);

  const sentences = splitSentences(item.text);
  if (sentences.length !== item.eventTypes.length)
    throw new Error(`${item.id}: ${item.eventTypes.length} event types for ${sentences.length} sentences`);
  sentences.forEach((sentence, i) => {
    const want = item.eventTypes[i] ?? 'none';
    const got = result.events.find((e) => e.sentence === sentence.text)?.type ?? 'none';
    into.eventSentences.total++;
    if (got === want) into.eventSentences.correct++;
    else errors.push(`  event type of sentence ${i}: want ${want}, got ${got}`);
    if (got === want && want !== 'none') into.events.tp++;
    else {
      if (got !== 'none') into.events.fp++;
      if (want !== 'none') into.events.fn++;
    }
  });
  if (errors.length > 0) into.errors.push(`${item.id}:`, ...errors);
}

const pct = (x: number) => x.toFixed(3);

function report(name: string, r: SplitResult, items: number): void {
  console.log(`\n${name} (${items} texts)`);
  console.log('type           precision  recall  F1     (tp/fp/fn)');
  for (const [label, s] of [
    ['people', r.people],
    ['organizations', r.organizations],
    ['countries', r.countries],
    ['places', r.places],
    ['event types', r.events],
  ] as const)
    console.log(
      `${label.padEnd(14)} ${pct(s.precision).padEnd(10)} ${pct(s.recall).padEnd(7)} ${pct(s.f1).padEnd(6)} (${s.tp}/${s.fp}/${s.fn})`,
    );
  const { correct, gold, system } = r.dates;
  console.log(
    `dates          accuracy ${pct(gold === 0 ? 1 : correct / gold)} (${correct}/${gold} gold dates resolved right; ${system} found)`,
  );
  const { correct: right, total } = r.eventSentences;
  console.log(
    `event types    accuracy ${pct(total === 0 ? 1 : right / total)} (${right}/${total} sentences typed right, "none" included)`,
  );
  const { within, paired } = r.placesWithin;
  console.log(
    `places within tolerance (city ${TOLERANCE_KM.city} km, region ${TOLERANCE_KM.region} km): ${pct(paired === 0 ? 1 : within / paired)} (${within}/${paired})`,
  );
}

/** The places imported into `--data-dir DIR`, if given. */
async function importedGazetteer(): Promise<ImportedGazetteer | undefined> {
  const at = process.argv.indexOf('--data-dir');
  const dir = at === -1 ? undefined : process.argv[at + 1];
  if (dir === undefined) return undefined;
  const store = await openStore(undefined, dir);
  const countries = new Set((await store.gazetteer.countries()).map((c) => c.iso2));
  if (countries.size === 0) throw new Error(`nothing is imported in ${dir} (dateline gazetteer import)`);
  const places = new ImportedPlaces(store.gazetteer);
  return { countries, lexiconFor: (text) => places.lexiconFor(text) };
}

const goldFile = join(import.meta.dirname, 'gold.json');
const gold = z.object({ items: z.array(GOLD_ITEM) }).parse(JSON.parse(readFileSync(goldFile, 'utf8')));
const enricher = createEnricher();
const empty = (): SplitResult => ({
  people: new Score(),
  organizations: new Score(),
  countries: new Score(),
  places: new Score(),
  placesWithin: { within: 0, paired: 0 },
  dates: { correct: 0, gold: 0, system: 0 },
  eventSentences: { correct: 0, total: 0 },
  events: new Score(),
  errors: [],
});
const splits = { dev: empty(), heldout: empty() };
const devOnly = process.argv.includes('--dev-only');
for (const item of gold.items) {
  if (devOnly && item.split !== 'dev') continue;
  const result = enricher.enrich(item.text, {
    published: item.published,
    storyCountries: item.storyCountries,
  });
  scoreItem(item, result, splits[item.split]);
}
const count = (split: string) => gold.items.filter((i) => i.split === split).length;
const regions = new Set(gold.items.map((i) => i.region)).size;
console.log(`Gold set: ${gold.items.length} texts across ${regions} conflicts/regions`);
report('dev', splits.dev, count('dev'));
if (!devOnly) report('held-out', splits.heldout, count('heldout'));
if (process.argv.includes('--errors')) console.log(`\nDev errors:\n${splits.dev.errors.join('\n')}`);
await runRealEval(enricher, process.argv.includes('--real-errors'), devOnly, await importedGazetteer());
