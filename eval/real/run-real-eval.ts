/**
 * Scores the pipeline on the real-text sets (eval/real/ged-sample.jsonl, built from UCDP GED by
 * build-real-set.ts): recall and precision per kind, places within tolerance (towns 25 km,
 * districts 50 km, regions 100 km) and false places per 100 texts, for dev and held-out apart.
 * Names are scored by span (the spelling in the text), since UCDP's actor names are not ours. The
 * re3d set (build-re3d-set.ts) and the GMB set (build-gmb-set.ts) carry their gold as offsets and
 * are scored by where spellings stand.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Lexicon } from '../../src/enrich/lexicon.ts';
import type { Enricher } from '../../src/enrich/pipeline.ts';
import type { Enrichment } from '../../src/enrich/types.ts';
import { foldDiacritics } from '../../src/enrich/spelling.ts';

const ITEM = z.object({
  id: z.string(),
  split: z.enum(['dev', 'heldout']),
  country: z.string(),
  published: z.string(),
  text: z.string(),
  /** Absent where the set does not annotate people (ua-events): not scored. */
  people: z.array(z.string()).optional(),
  /** People an annotator named that are not gold (unsure, or one of two): neither right nor wrong. */
  otherPeople: z.array(z.string()).optional(),
  /** Absent where the set does not annotate organisations (isaf-releases, ua-events): not scored. */
  organizations: z.array(z.string()).optional(),
  /** Organisations an annotator named that are not gold (unsure, or one of two): neither right nor wrong. */
  otherOrganizations: z.array(z.string()).optional(),
  places: z.array(
    z.object({
      matched: z.string(),
      kind: z.enum(['town', 'district', 'region']),
      country: z.string(),
      lat: z.number(),
      lon: z.number(),
    }),
  ),
  otherPlaces: z.array(z.string()),
  /** Sets without coded positions (wiki-incidents): a pin is right when it lies in one of these. */
  placeCountries: z.array(z.string()).optional(),
  dates: z.array(z.object({ text: z.string(), start: z.string(), end: z.string() })),
});
type Item = z.infer<typeof ITEM>;
/** One text of a real-text set, as the builders write it. */
export type RealItem = Item;

/** Kilometres a pin may be off by the gold place's kind. */
export const REAL_TOLERANCE_KM = { town: 25, district: 50, region: 100 } as const;

/** Where a set is: built here, or laid in shared/ beside the clone (see eval/README.md). */
export function realSetPath(file: string, envPath: string | undefined): string | undefined {
  const candidates = [
    envPath,
    join(import.meta.dirname, file),
    join(import.meta.dirname, '..', '..', '..', 'shared', 'eval-real', file),
  ];
  return candidates.find((p): p is string => p !== undefined && existsSync(p));
}

const norm = (s: string) =>
  foldDiacritics(s)
    .toLowerCase()
    .replace(/['’‘`]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
/**
 * Whether `outer` holds `inner` as whole words, a plural or possessive "s" allowed ("Houthis" holds
 * "Houthi", "Sagaings" holds "Sagaing"; "UN" is not in "Junta Forces").
 */
const holdsWords = (outer: string, inner: string) =>
  new RegExp(
    `(?<![\\p{L}\\p{N}])${inner.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}s?(?![\\p{L}\\p{N}])`,
    'u',
  ).test(outer);
const overlaps = (a: string, b: string) => {
  const x = norm(a);
  const y = norm(b);
  return x === y || holdsWords(x, y) || holdsWords(y, x);
};
function km(aLat: number, aLon: number, bLat: number, bLon: number): number {
  const rad = Math.PI / 180;
  const h =
    Math.sin(((bLat - aLat) * rad) / 2) ** 2 +
    Math.cos(aLat * rad) * Math.cos(bLat * rad) * Math.sin(((bLon - aLon) * rad) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

interface Tally {
  tp: number;
  fp: number;
  fn: number;
}
const tally = (): Tally => ({ tp: 0, fp: 0, fn: 0 });
interface SplitScore {
  texts: number;
  people: Tally;
  peopleScored: boolean;
  organizations: Tally;
  organizationsScored: boolean;
  /** tp: within tolerance; fn: gold not found or off; fp: system places neither gold nor other. */
  places: Tally & { off: number; approximate: number };
  /** Pins checked by country only (sets without coded positions). */
  pinsByCountry: { right: number; wrong: number };
  dates: { correct: number; gold: number };
  errors: string[];
}

/** Span scoring: a gold spelling is found when any system name matched an overlapping spelling. */
function scoreNames(
  t: Tally,
  gold: string[],
  system: { name: string; matched: string[] }[],
  label: string,
  errors: string[],
  other: string[] = [],
) {
  for (const g of gold)
    if (system.some((s) => [s.name, ...s.matched].some((m) => overlaps(m, g)))) t.tp++;
    else {
      t.fn++;
      errors.push(`  ${label} missed: ${g}`);
    }
  for (const s of system)
    if (![...gold, ...other].some((g) => s.matched.some((m) => overlaps(m, g)))) {
      t.fp++;
      errors.push(`  ${label} extra: ${s.matched.join('/')} -> ${s.name}`);
    }
}

function scoreItem(item: Item, enricher: Enricher, into: SplitScore, importedPlaces?: Lexicon): void {
  const result = enricher.enrich(item.text, {
    published: item.published,
    storyCountries: [item.country],
    ...(importedPlaces && { importedPlaces }),
  });
  const errors: string[] = [];
  into.texts++;
  if (item.people) {
    into.peopleScored = true;
    scoreNames(into.people, item.people, result.people, 'person', errors, item.otherPeople);
  }
  if (item.organizations) {
    into.organizationsScored = true;
    scoreNames(
      into.organizations,
      item.organizations,
      result.organizations,
      'org',
      errors,
      item.otherOrganizations,
    );
  }
  const places = result.places.filter((p) => p.kind !== 'country');
  const inCountries = item.placeCountries;
  if (inCountries) {
    for (const p of places) {
      if (p.precision === 'approximate') into.places.approximate++;
      else if (inCountries.includes(p.country)) into.pinsByCountry.right++;
      else {
        into.pinsByCountry.wrong++;
        into.places.fp++;
        errors.push(`  place in no country of the text: ${p.matched} -> ${p.name} (${p.country})`);
      }
    }
  }
  const used = new Set<number>();
  for (const g of item.places) {
    const i = places.findIndex((p, k) => !used.has(k) && overlaps(p.matched, g.matched));
    const found = places[i];
    if (!found) {
      into.places.fn++;
      errors.push(`  place missed: ${g.matched} (${g.kind})`);
      continue;
    }
    used.add(i);
    const d = km(g.lat, g.lon, found.lat, found.lon);
    if (d <= REAL_TOLERANCE_KM[g.kind]) into.places.tp++;
    else if (found.precision === 'approximate') {
      // Flagged as approximate for an editor to pin: a miss, but not a wrong pin.
      into.places.fn++;
      errors.push(`  place approximate, ${Math.round(d)} km off: ${g.matched} -> ${found.admin1}`);
    } else {
      into.places.fn++;
      into.places.off++;
      errors.push(`  place off by ${Math.round(d)} km: ${g.matched} -> ${found.name} (${found.country})`);
    }
  }
  places.forEach((p, k) => {
    if (inCountries) return;
    if (p.precision === 'approximate') into.places.approximate++;
    if (used.has(k) || item.otherPlaces.some((o) => overlaps(o, p.matched))) return;
    if (p.precision === 'approximate') return;
    into.places.fp++;
    errors.push(`  place extra: ${p.matched} -> ${p.name} (${p.country}, ${p.precision})`);
  });
  for (const g of item.dates) {
    into.dates.gold++;
    const found = result.dates.find((d) => overlaps(d.text, g.text));
    if (found && found.start.slice(0, 10) === g.start && found.end.slice(0, 10) === g.end)
      into.dates.correct++;
    else errors.push(`  date wrong: "${g.text}" want ${g.start}, got ${found ? found.start : 'nothing'}`);
  }
  if (errors.length > 0) into.errors.push(`${item.id} [${item.country}] ${item.text}`, ...errors);
}

// ---- sets annotated by offsets (re3d, GMB) -----------------------------------------------------
const SPAN = z.object({ text: z.string(), begin: z.number(), end: z.number() });
type Span = z.infer<typeof SPAN>;
const SPAN_ITEM = z.object({
  id: z.string(),
  split: z.enum(['dev', 'heldout']),
  document: z.string(),
  country: z.string(),
  storyCountries: z.array(z.string()),
  published: z.string(),
  text: z.string(),
  people: z.array(SPAN),
  organizations: z.array(SPAN),
  namedPlaces: z.array(SPAN),
  dateSpans: z.array(SPAN),
  /** Annotated spans the set's rules leave out: a system name on one is neither right nor wrong. */
  otherPeople: z.array(SPAN),
  otherOrganizations: z.array(SPAN),
  otherPlaces: z.array(SPAN),
  placeCountries: z.array(z.string()),
});
type SpanItem = z.infer<typeof SPAN_ITEM>;
/** One text of a set annotated by offsets (re3d, GMB, WikiEvents), as its builder writes it. */
export type RealSpanItem = SpanItem & { source: string };
interface SpanScore {
  texts: number;
  documents: Set<string>;
  people: Tally & { neither: number };
  organizations: Tally & { neither: number };
  /** Named places by span: tp found, fn missed; `approximate` of the found ones pinned approximately. */
  places: { found: number; missed: number; approximate: number };
  /** `wrongOnPlace`: pins outside those countries that stand on a span the set marks as a place ("Paris"). */
  pins: { right: number; wrong: number; wrongOnPlace: number; unannotated: number; approximate: number };
  dates: { found: number; gold: number };
  errors: string[];
}

/**
 * Where a spelling stands in the text, as whole words: as written (matched spellings are the text's),
 * in any case only when it is nowhere as written ("The" must not stand on every "the").
 */
function occurrences(text: string, spelling: string): [number, number][] {
  if (!spelling.trim()) return [];
  const pattern = `(?<![\\p{L}\\p{N}])${spelling
    .trim()
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/\s+/g, '\\s+')}(?![\\p{L}\\p{N}])`;
  const find = (flags: string) =>
    [...text.matchAll(new RegExp(pattern, flags))].map((m): [number, number] => [
      m.index,
      m.index + m[0].length,
    ]);
  const exact = find('gu');
  return exact.length > 0 ? exact : find('giu');
}
const touches = (ranges: [number, number][], spans: Span[]) =>
  spans.some((g) => ranges.some(([b, e]) => b < g.end && g.begin < e));

/**
 * A name is right when one of its spellings stands on a gold span; neither when only on an "other"
 * one, or inside a longer span of another kind (re3d does not nest: "U.S. Central Command" in the
 * person "U.S. Central Command commander", "ISIL" in the location "ISIL targets").
 */
function scoreSpans(
  t: Tally & { neither: number },
  text: string,
  gold: Span[],
  other: Span[],
  otherKinds: Span[],
  system: { name: string; matched: string[] }[],
  label: string,
  errors: string[],
) {
  const ranges = system.map((s) => [s.name, ...s.matched].flatMap((m) => occurrences(text, m)));
  for (const g of gold)
    if (ranges.some((r) => touches(r, [g]))) t.tp++;
    else {
      t.fn++;
      errors.push(`  ${label} missed: ${g.text}`);
    }
  system.forEach((s, i) => {
    const r = ranges[i] ?? [];
    if (touches(r, gold)) return;
    const enclosed = r.some(([b, e]) =>
      otherKinds.some((c) => c.begin <= b && e <= c.end && e - b < c.end - c.begin),
    );
    if (touches(r, other) || enclosed) t.neither++;
    else {
      t.fp++;
      errors.push(`  ${label} extra: ${s.matched.join('/')} -> ${s.name}`);
    }
  });
}

/** How a set scored by spans is named in its lines. */
interface SpanSetWords {
  /** The set's short name: "re3d", "gmb". */
  tag: string;
  /** Who annotated its places, for "place on no … location": "re3d", "GMB". */
  annotator: string;
  /** The countries a pin is right in: "Syria, Iraq or a country the text names". */
  pinScope: string;
}

/**
 * Scores one text. `storyPeople` are the people the texts before it in its document named, latest
 * first, as the newsroom passes an update the people of its story's earlier updates.
 */
function scoreSpanItem(
  item: SpanItem,
  enricher: Enricher,
  into: SpanScore,
  words: SpanSetWords,
  storyPeople: readonly string[] = [],
): Enrichment {
  const result = enricher.enrich(item.text, {
    published: item.published,
    storyCountries: item.storyCountries,
    storyPeople,
  });
  const errors: string[] = [];
  into.texts++;
  into.documents.add(item.document);
  const places = [...item.namedPlaces, ...item.otherPlaces];
  const [people, orgs] = [
    [...item.people, ...item.otherPeople],
    [...item.organizations, ...item.otherOrganizations],
  ];
  scoreSpans(
    into.people,
    item.text,
    item.people,
    item.otherPeople,
    [...orgs, ...places],
    result.people,
    'person',
    errors,
  );
  scoreSpans(
    into.organizations,
    item.text,
    item.organizations,
    item.otherOrganizations,
    [...people, ...places],
    result.organizations,
    'org',
    errors,
  );
  const pins = result.places
    .filter((p) => p.kind !== 'country')
    .map((p) => ({ p, at: occurrences(item.text, p.matched) }));
  for (const g of item.namedPlaces) {
    const found = pins.find(({ at }) => touches(at, [g]));
    if (!found) {
      into.places.missed++;
      errors.push(`  place missed: ${g.text}`);
    } else {
      into.places.found++;
      if (found.p.precision === 'approximate') into.places.approximate++;
    }
  }
  for (const { p, at } of pins) {
    if (p.precision === 'approximate') {
      into.pins.approximate++;
      continue;
    }
    const onPlace = touches(at, places);
    if (item.placeCountries.includes(p.country)) into.pins.right++;
    else {
      into.pins.wrong++;
      if (onPlace) into.pins.wrongOnPlace++;
      errors.push(`  place in no country of the text: ${p.matched} -> ${p.name} (${p.country})`);
    }
    if (!onPlace) {
      into.pins.unannotated++;
      errors.push(`  place on no ${words.annotator} location: ${p.matched} -> ${p.name} (${p.country})`);
    }
  }
  const dateRanges = result.dates.map((d) => occurrences(item.text, d.text));
  for (const g of item.dateSpans) {
    into.dates.gold++;
    if (dateRanges.some((r) => touches(r, [g]))) into.dates.found++;
    else errors.push(`  date missed: "${g.text}"`);
  }
  if (errors.length > 0) into.errors.push(`${item.id} ${JSON.stringify(item.text)}`, ...errors);
  return result;
}

const f = (x: number) => x.toFixed(3);
const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);

function print(name: string, s: SplitScore): void {
  console.log(`\n${name} (${s.texts} texts)`);
  const byCountryOnly = s.pinsByCountry.right + s.pinsByCountry.wrong > 0 && s.places.tp + s.places.fn === 0;
  if (byCountryOnly) {
    const { right, wrong } = s.pinsByCountry;
    console.log(
      `places: no coded positions; pins in the text's coded or named countries: P ${f(ratio(right, right + wrong))} (${right}/${right + wrong})`,
    );
  }
  console.log('type           recall  precision  F1     (tp/fp/fn)');
  for (const [label, t] of [
    ['people', s.people],
    ['organizations', s.organizations],
    ['places', s.places],
  ] as const) {
    if (byCountryOnly && label === 'places') continue;
    if (label === 'organizations' && !s.organizationsScored) continue;
    if (label === 'people' && !s.peopleScored) continue;
    const r = ratio(t.tp, t.tp + t.fn);
    // A place pinned too far counts against precision as well as recall.
    const p = ratio(t.tp, t.tp + t.fp + ('off' in t ? t.off : 0));
    const f1 = p + r === 0 ? 0 : (2 * p * r) / (p + r);
    console.log(
      `${label.padEnd(14)} ${f(r).padEnd(7)} ${f(p).padEnd(10)} ${f(f1).padEnd(6)} (${t.tp}/${t.fp}/${t.fn})`,
    );
  }
  if (!byCountryOnly)
    console.log(
      `places within tolerance (town ${REAL_TOLERANCE_KM.town} km, district ${REAL_TOLERANCE_KM.district} km, region ${REAL_TOLERANCE_KM.region} km): ${s.places.tp} of ${s.places.tp + s.places.fn} gold; ${s.places.off} pinned too far`,
    );
  console.log(
    `false places per 100 texts: ${((100 * s.places.fp) / Math.max(1, s.texts)).toFixed(1)}; approximate pins (not scored as pins): ${s.places.approximate}`,
  );
  console.log(
    `dates          accuracy ${f(ratio(s.dates.correct, s.dates.gold))} (${s.dates.correct}/${s.dates.gold})`,
  );
}

function peopleLine(s: SpanScore): string {
  const t = s.people;
  const r = ratio(t.tp, t.tp + t.fn);
  const p = ratio(t.tp, t.tp + t.fp);
  const f1 = p + r === 0 ? 0 : (2 * p * r) / (p + r);
  return `R ${f(r)} P ${f(p)} F1 ${f(f1)} (${t.tp}/${t.fp}/${t.fn}; ${t.neither})`;
}

function printSpans(name: string, s: SpanScore, words: SpanSetWords): void {
  console.log(`\n${name} (${s.texts} texts from ${s.documents.size} documents)`);
  console.log('type           recall  precision  F1     (tp/fp/fn; on spans the rules leave out)');
  for (const [label, t] of [
    ['people', s.people],
    ['organizations', s.organizations],
  ] as const) {
    const r = ratio(t.tp, t.tp + t.fn);
    const p = ratio(t.tp, t.tp + t.fp);
    const f1 = p + r === 0 ? 0 : (2 * p * r) / (p + r);
    console.log(
      `${label.padEnd(14)} ${f(r).padEnd(7)} ${f(p).padEnd(10)} ${f(f1).padEnd(6)} (${t.tp}/${t.fp}/${t.fn}; ${t.neither})`,
    );
  }
  const { found, missed, approximate } = s.places;
  console.log(
    `named places   recall ${f(ratio(found, found + missed))} (${found}/${found + missed} spans found; ${approximate} of them pinned approximately)`,
  );
  const { right, wrong, wrongOnPlace, unannotated } = s.pins;
  console.log(
    `pins in ${words.pinScope}: P ${f(ratio(right, right + wrong))} (${right}/${right + wrong}); ` +
      `false places per 100 texts: ${((100 * wrong) / Math.max(1, s.texts)).toFixed(1)} ` +
      `(${wrongOnPlace} of the ${wrong} on a span ${words.annotator} marks as a location, e.g. a foreign capital); ` +
      `pins on no such span: ${unannotated}; approximate pins (not scored): ${s.pins.approximate}`,
  );
  console.log(
    `dates          span recall ${f(ratio(s.dates.found, s.dates.gold))} (${s.dates.found}/${s.dates.gold})`,
  );
}

interface RealSet {
  file: string;
  env: string;
  label: string;
  tag: string;
  /** Sets whose gold is offsets into the text (SPAN_ITEM), scored by runSpanSet. */
  spans?: SpanSetWords;
}
const SETS: readonly RealSet[] = [
  {
    file: 'ged-sample.jsonl',
    env: 'DATELINE_REAL_SET',
    label: 'Real-text set (UCDP GED sample)',
    tag: 'real',
  },
  {
    file: 'wiki-incidents.jsonl',
    env: 'DATELINE_WIKI_SET',
    label: 'Second real-text set (Wikipedia incident descriptions)',
    tag: 'wiki',
  },
  {
    file: 'isaf-releases.jsonl',
    env: 'DATELINE_ISAF_SET',
    label: 'Third real-text set (ISAF press releases)',
    tag: 'isaf',
  },
  {
    file: 'ua-events.jsonl',
    env: 'DATELINE_UA_SET',
    label: 'Fifth real-text set (UCDP event headlines in Ukraine, 2014–2023)',
    tag: 'ua',
  },
  {
    file: 're3d-paragraphs.jsonl',
    env: 'DATELINE_RE3D_SET',
    label: "Fourth real-text set (re3d: Dstl's annotated documents on Syria and Iraq, cut into paragraphs)",
    tag: 're3d',
    spans: { tag: 're3d', annotator: 're3d', pinScope: 'Syria, Iraq or a country the text names' },
  },
  {
    file: 'gmb-texts.jsonl',
    env: 'DATELINE_GMB_SET',
    label: "Sixth real-text set (GMB: Voice of America news, the Groningen Meaning Bank's entity tags)",
    tag: 'gmb',
    spans: { tag: 'gmb', annotator: 'GMB', pinScope: 'a country the text names (by name or demonym)' },
  },
  {
    file: 'ged-countries.jsonl',
    env: 'DATELINE_GED7_SET',
    label: 'Seventh real-text set (UCDP GED headlines in 11 more countries, from HDX and netify copies)',
    tag: 'ged7',
  },
  {
    file: 'wikievents-texts.jsonl',
    env: 'DATELINE_WIKIEVENTS_SET',
    label: "Eighth real-text set (WikiEvents: news reports of attacks, the dataset's entity mentions)",
    tag: 'we',
    spans: {
      tag: 'we',
      annotator: 'WikiEvents',
      pinScope: 'a country its document names (by name or demonym)',
    },
  },
];

/** GeoNames files imported into a deployment (`dateline gazetteer import`), looked up per text. */
export interface ImportedGazetteer {
  /** The countries imported (ISO2): only texts about them are scored again with the import. */
  countries: ReadonlySet<string>;
  lexiconFor(text: string): Promise<Lexicon | undefined>;
}

/**
 * Runs and prints every real-text set; `errors` lists their dev mistakes (never held-out);
 * `devOnly` neither scores nor prints held-out, so tuning rounds do not see it. With `imported`,
 * the places of the texts about an imported country are scored again with the imported places.
 */
export async function runRealEval(
  enricher: Enricher,
  errors: boolean,
  devOnly = false,
  imported?: ImportedGazetteer,
): Promise<void> {
  const pooled = { dev: pool(), heldout: pool() };
  for (const set of SETS) {
    const scores = await runOneSet(enricher, errors, devOnly, set, imported);
    if (scores) for (const split of ['dev', 'heldout'] as const) addTo(pooled[split], set, scores[split]);
  }
  printPooled(pooled, devOnly);
}

// ---- the sets together ---------------------------------------------------------------------------
/**
 * The real-text sets taken together, per split. The issue's targets are for real text as a whole,
 * and several sets hold too few of a kind to judge alone (13 dates, 3 people), so each kind is also
 * summed over every set that annotates it, with 95% Wilson intervals.
 */
interface Pooled {
  people: Tally;
  /** The conflict reports' organisations: UCDP's actors and every organisation two annotators agree on. */
  actors: Tally;
  /** Every set's organisation gold (re3d, GMB, WikiEvents add news prose and their own conventions). */
  organizations: Tally;
  /** Places within tolerance, on the sets with coded positions. */
  places: Tally & { off: number };
  /** Days resolved right (UCDP relative days, Wikipedia and ISAF calendar days). */
  days: { correct: number; gold: number };
  /** Date spans found (re3d, GMB: the sets' date mentions, not their days). */
  dateSpans: { found: number; gold: number };
  sets: Record<keyof Omit<Pooled, 'sets'>, Set<string>>;
}
const pool = (): Pooled => ({
  people: tally(),
  actors: tally(),
  organizations: tally(),
  places: { ...tally(), off: 0 },
  days: { correct: 0, gold: 0 },
  dateSpans: { found: 0, gold: 0 },
  sets: {
    people: new Set(),
    actors: new Set(),
    organizations: new Set(),
    places: new Set(),
    days: new Set(),
    dateSpans: new Set(),
  },
});
const addTally = (into: Tally, t: Tally) => {
  into.tp += t.tp;
  into.fp += t.fp;
  into.fn += t.fn;
};

function addTo(p: Pooled, set: RealSet, s: SplitScore | SpanScore): void {
  if ('documents' in s) {
    addTally(p.people, s.people);
    addTally(p.organizations, s.organizations);
    p.dateSpans.found += s.dates.found;
    p.dateSpans.gold += s.dates.gold;
    p.sets.people.add(set.tag);
    p.sets.organizations.add(set.tag);
    if (s.dates.gold > 0) p.sets.dateSpans.add(set.tag);
    return;
  }
  if (s.peopleScored) {
    addTally(p.people, s.people);
    p.sets.people.add(set.tag);
  }
  if (s.organizationsScored) {
    addTally(p.actors, s.organizations);
    addTally(p.organizations, s.organizations);
    p.sets.actors.add(set.tag);
    p.sets.organizations.add(set.tag);
  }
  if (s.places.tp + s.places.fn > 0) {
    addTally(p.places, s.places);
    p.places.off += s.places.off;
    p.sets.places.add(set.tag);
  }
  p.days.correct += s.dates.correct;
  p.days.gold += s.dates.gold;
  if (s.dates.gold > 0) p.sets.days.add(set.tag);
}

/** The 95% Wilson score interval of a ratio, as "[lo, hi]". */
function wilson(hits: number, n: number): string {
  if (n === 0) return '[–]';
  const z = 1.96;
  const p = hits / n;
  const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / (1 + (z * z) / n);
  return `[${(centre - half).toFixed(2)}, ${(centre + half).toFixed(2)}]`;
}

function printPooled(pooled: { dev: Pooled; heldout: Pooled }, devOnly: boolean): void {
  const splits = devOnly ? (['dev'] as const) : (['dev', 'heldout'] as const);
  console.log(
    '\nReal-text sets together (each kind summed over the sets that annotate it; 95% Wilson intervals)',
  );
  const rows: [string, 'people' | 'actors' | 'organizations' | 'places', string][] = [
    ['people', 'people', 'target R ≥ 0.8, P ≥ 0.85'],
    ['organisations in conflict reports', 'actors', 'target R ≥ 0.85'],
    ['organisations, every set', 'organizations', ''],
    ['places within tolerance', 'places', 'target R ≥ 0.7, P ≥ 0.9'],
  ];
  const f1s: Record<string, number[]> = {};
  for (const [label, key, target] of rows) {
    console.log(`${label} (${[...pooled.dev.sets[key]].join(', ')})${target ? `; ${target}` : ''}`);
    for (const split of splits) {
      const t: Tally & { off?: number } = pooled[split][key];
      const found = t.tp + t.fn;
      const claimed = t.tp + t.fp + (t.off ?? 0);
      const r = ratio(t.tp, found);
      const pr = ratio(t.tp, claimed);
      const f1 = r + pr === 0 ? 0 : (2 * r * pr) / (r + pr);
      (f1s[label] ??= []).push(f1);
      console.log(
        `  ${split === 'dev' ? 'dev     ' : 'held-out'}  R ${f(r)} ${wilson(t.tp, found)}  P ${f(pr)} ${wilson(t.tp, claimed)}  F1 ${f(f1)}  (${t.tp}/${t.fp}/${t.fn})`,
      );
    }
    const [dev, held] = f1s[label] ?? [];
    if (dev !== undefined && held !== undefined)
      console.log(`  held-out F1 − dev F1: ${(held - dev >= 0 ? '+' : '') + (held - dev).toFixed(3)}`);
  }
  const dateRows: [string, (p: Pooled) => { hit: number; n: number }, keyof Pooled['sets'], string][] = [
    ['days resolved right', (p) => ({ hit: p.days.correct, n: p.days.gold }), 'days', 'target ≥ 0.95'],
    ['date mentions found', (p) => ({ hit: p.dateSpans.found, n: p.dateSpans.gold }), 'dateSpans', ''],
  ];
  for (const [label, of, key, target] of dateRows) {
    console.log(`${label} (${[...pooled.dev.sets[key]].join(', ')})${target ? `; ${target}` : ''}`);
    for (const split of splits) {
      const { hit, n } = of(pooled[split]);
      console.log(
        `  ${split === 'dev' ? 'dev     ' : 'held-out'}  ${f(ratio(hit, n))} ${wilson(hit, n)}  (${hit}/${n})`,
      );
    }
  }
}

async function runOneSet(
  enricher: Enricher,
  errors: boolean,
  devOnly: boolean,
  set: RealSet,
  imported?: ImportedGazetteer,
): Promise<{ dev: SplitScore | SpanScore; heldout: SplitScore | SpanScore } | undefined> {
  const path = realSetPath(set.file, process.env[set.env]);
  if (!path) {
    console.log(`\n${set.label}: not found (build it as eval/README.md says, or set ${set.env})`);
    return undefined;
  }
  const lines = readFileSync(path, 'utf8').split('\n').filter(Boolean);
  if (set.spans) return runSpanSet(lines, enricher, errors, devOnly, set.label, set.spans);
  const items = lines.map((l) => ITEM.parse(JSON.parse(l)));
  const empty = (): SplitScore => ({
    texts: 0,
    people: tally(),
    peopleScored: false,
    organizations: tally(),
    organizationsScored: false,
    places: { ...tally(), off: 0, approximate: 0 },
    pinsByCountry: { right: 0, wrong: 0 },
    dates: { correct: 0, gold: 0 },
    errors: [],
  });
  const splits = { dev: empty(), heldout: empty() };
  for (const item of items)
    if (!devOnly || item.split === 'dev') scoreItem(item, enricher, splits[item.split]);
  const countries = new Set(items.map((i) => i.country)).size;
  console.log(`\n${set.label}: ${items.length} texts across ${countries} countries`);
  print(`${set.tag} dev`, splits.dev);
  if (!devOnly) print(`${set.tag} held-out`, splits.heldout);
  if (errors) console.log(`\n${set.tag} dev errors:\n${splits.dev.errors.join('\n')}`);
  if (!imported) return splits;
  // The texts about an imported country, scored again with and without the imported places.
  const about = items.filter((i) => imported.countries.has(i.country) && (!devOnly || i.split === 'dev'));
  if (about.length === 0) return splits;
  const without = { dev: empty(), heldout: empty() };
  const withImport = { dev: empty(), heldout: empty() };
  for (const item of about) {
    scoreItem(item, enricher, without[item.split]);
    scoreItem(item, enricher, withImport[item.split], await imported.lexiconFor(item.text));
  }
  const line = (s: SplitScore) => {
    const { tp, fp, fn, off } = s.places;
    const pins = s.pinsByCountry.right + s.pinsByCountry.wrong;
    return tp + fn > 0
      ? `recall ${f(ratio(tp, tp + fn))}, precision ${f(ratio(tp, tp + fp + off))} (${tp}/${fp}/${fn}; ${off} too far)`
      : `pins in the text's countries ${f(ratio(s.pinsByCountry.right, pins))} (${s.pinsByCountry.right}/${pins})`;
  };
  const codes = [...imported.countries].join(', ');
  for (const split of devOnly ? (['dev'] as const) : (['dev', 'heldout'] as const)) {
    const name = `${set.tag} ${split === 'dev' ? 'dev' : 'held-out'}`;
    console.log(`\n${name}, the ${without[split].texts} texts about ${codes}: places`);
    console.log(`  built-in data only:         ${line(without[split])}`);
    console.log(`  with the imported places:   ${line(withImport[split])}`);
  }
  if (errors) console.log(`\n${set.tag} dev errors with the import:\n${withImport.dev.errors.join('\n')}`);
  return splits;
}

function runSpanSet(
  lines: string[],
  enricher: Enricher,
  errors: boolean,
  devOnly: boolean,
  label: string,
  words: SpanSetWords,
): { dev: SpanScore; heldout: SpanScore } {
  const items = lines.map((l) => SPAN_ITEM.parse(JSON.parse(l)));
  const empty = (): SpanScore => ({
    texts: 0,
    documents: new Set(),
    people: { ...tally(), neither: 0 },
    organizations: { ...tally(), neither: 0 },
    places: { found: 0, missed: 0, approximate: 0 },
    pins: { right: 0, wrong: 0, wrongOnPlace: 0, unannotated: 0, approximate: 0 },
    dates: { found: 0, gold: 0 },
    errors: [],
  });
  const splits = { dev: empty(), heldout: empty() };
  const alone = { dev: empty(), heldout: empty() };
  // A document's texts are scored in order, each told the people the ones before it named, as the
  // newsroom tells an update the people of its story's earlier updates.
  const storyPeople = new Map<string, string[]>();
  for (const item of items) {
    if (devOnly && item.split !== 'dev') continue;
    const before = storyPeople.get(item.document) ?? [];
    const result = scoreSpanItem(item, enricher, splits[item.split], words, before);
    storyPeople.set(item.document, [...new Set([...result.people.map((p) => p.name).reverse(), ...before])]);
    scoreSpanItem(item, enricher, alone[item.split], words);
  }
  const storied = items.some((i) => items.some((j) => j !== i && j.document === i.document));
  console.log(
    `\n${label}: ${items.length} texts from ${new Set(items.map((i) => i.document)).size} documents`,
  );
  for (const [split, name] of [
    ['dev', `${words.tag} dev`],
    ['heldout', `${words.tag} held-out`],
  ] as const) {
    if (devOnly && split === 'heldout') continue;
    printSpans(name, splits[split], words);
    if (storied)
      console.log(`  people, each text alone (no earlier text of its document): ${peopleLine(alone[split])}`);
  }
  if (errors) console.log(`\n${words.tag} dev errors:\n${splits.dev.errors.join('\n')}`);
  return splits;
}
