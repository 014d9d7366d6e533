/**
 * Places: each place name resolved to one gazetteer entry. Candidates in the countries the
 * story and the text are about win ("Palmyra" in a Syria story is Tadmur, not the town in
 * Missouri); among them a town beats a region of the same name unless "province"/"region"
 * follows, the place's own name beats an alias, and the larger town wins. A candidate in
 * another country is kept only if it is a big city, since small foreign towns that share a
 * name are mostly false pins.
 */
import type { EnrichContext, Extractor } from '../extractor.ts';
import type { Place } from '../lexicon.ts';
import { isNeverPlace, type Resolved } from '../mentions.ts';
import { foldDiacritics } from '../spelling.ts';
import type { PlaceMention } from '../types.ts';

// "As Sulaymaniyah" is Sulaymaniyah, "‘Amran" Amran: an Arabic article or an ayn mark makes no
// longer name.
const LEADING_ARTICLE = /^(?:Al|As|Ad|An|Ar|Ash|At|Ath|Az|El)[ -]/;
const bareName = (name: string) => foldDiacritics(name.replace(/['’‘ʿʾ`]/g, '')).replace(LEADING_ARTICLE, '');
/** A town abroad this big is kept even when the text is about other countries. */
const BIG_CITY = 250_000;
/** A town smaller than this loses to a region of its name it does not lie in. */
const SMALL_TOWN = 50_000;
/**
 * Homonyms in one country (a GeoNames country file has a dozen villages called Pisky): the one within
 * this distance of the text's other places beats one farther, unless that one is a big city.
 */
const NEAR_KM = 150;
/** A city this big, by its own name, is the one news means over a small namesake abroad. */
const WORLD_CITY = 1_000_000;
/** A national capital this big outranks a small namesake even in the story's own country. */
const CAPITAL = 100_000;

// After a demonym, the words that make it an actor's ("Russian forces", "Turkish drones", "Saudi-led").
const ACTOR_AFTER =
  /^(?:-(?:led|backed|made|built|supplied)\b|\s+(?:(?:special |armed |security )?forces|troops|soldiers|army|military|navy|air force|jets|warplanes|aircraft|air ?strikes?|drones?|missiles?|rockets?|shelling|artillery|tanks|strikes?|raids?|bombardment|offensive|mercenaries|marines|paratroopers|warships)\b)/i;

/**
 * The countries of the text that only its attackers come from ("Russian forces shelled …", "Israeli
 * strikes hit …"): whose forces or weapons says who acted, not where.
 */
function actorCountries(context: EnrichContext, storyCountries: string[]): Set<string> {
  const actors = new Set<string>();
  const other = new Set<string>(storyCountries);
  for (const m of context.mentions)
    if (m.kind === 'country')
      (m.demonym && ACTOR_AFTER.test(context.text.slice(m.match.end, m.match.end + 24)) ? actors : other).add(
        m.country.iso2,
      );
    else if (m.kind === 'person' && m.person.country) other.add(m.person.country);
    else if (m.kind === 'org' && m.org.country && m.org.kind !== 'media') other.add(m.org.country);
  return new Set([...actors].filter((iso2) => !other.has(iso2)));
}

/** The countries a text is about, weighted by how often they come up. */
export function contextCountries(context: EnrichContext, storyCountries: string[]): Map<string, number> {
  const weights = new Map<string, number>();
  const add = (iso2: string | undefined, weight: number) => {
    if (iso2) weights.set(iso2, (weights.get(iso2) ?? 0) + weight);
  };
  for (const iso2 of storyCountries) add(iso2, 3);
  for (const m of context.mentions) {
    if (m.kind === 'country') add(m.country.iso2, 2);
    else if (m.kind === 'person') add(m.person.country, 1);
    // A news agency reports from everywhere: "Reuters said" says nothing of where the story is.
    else if (m.kind === 'org' && m.org.kind !== 'media') add(m.org.country, 1);
  }
  return weights;
}

/** "iso2.admin1Code" of the admin-1 regions a text names: towns inside them win over homonyms. */
function namedAreas(mentions: Resolved[]): Set<string> {
  const out = new Set<string>();
  const places = mentions.filter((m) => m.kind === 'place');
  const key = (place: Place) => `${place.iso2}.${place.admin1Code}`;
  for (const m of places)
    if (m.candidates.length === 1 && m.candidates[0]?.place.kind === 'region')
      out.add(key(m.candidates[0].place));
    else
      for (const c of m.candidates)
        if (
          c.place.kind === 'region' &&
          (m.preferRegion ||
            // "Gwoza, Borno": a name that is a region and a German town is the region when another of
            // the text's places, one with no namesake abroad (nor this name again), lies in it.
            places.some(
              (o) =>
                o !== m &&
                o.candidates.every((oc) => oc.place.iso2 === c.place.iso2) &&
                !o.candidates.some((oc) => m.candidates.some((mc) => mc.place === oc.place)) &&
                o.candidates.some((oc) => oc.place.kind === 'city' && key(oc.place) === key(c.place)),
            ))
        )
          out.add(key(c.place));
  return out;
}

/** Great-circle distance in km. */
function kmBetween(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const h =
    Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 +
    Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lon - a.lon) * rad) / 2) ** 2;
  return 12_742 * Math.asin(Math.sqrt(h));
}

/**
 * Where the text's places without a homonym in their country are: the anchors that tell a village
 * from its namesakes. Towns and admin-1 regions only, so a country's centre anchors nothing.
 */
function anchorsOf(
  mentions: Resolved[],
  context: Map<string, number>,
  areas: Set<string>,
): Map<Resolved, Place> {
  const out = new Map<Resolved, Place>();
  for (const m of mentions) {
    if (m.kind !== 'place') continue;
    // A name with candidates in two of the text's countries ("Sahel": Mali's, Burkina Faso's) anchors
    // nothing; the others decide it.
    if (new Set(m.candidates.map((c) => c.place.iso2).filter((iso2) => context.has(iso2))).size > 1) continue;
    const place = choose(m, context, areas, []);
    if (!place || !context.has(place.iso2)) continue;
    const homonym = m.candidates.some(
      (c) => c.place.iso2 === place.iso2 && c.place.kind === 'city' && kmBetween(c.place, place) > NEAR_KM,
    );
    if (!homonym) out.set(m, place);
  }
  return out;
}

function choose(
  m: Extract<Resolved, { kind: 'place' }>,
  context: Map<string, number>,
  areas: Set<string>,
  anchors: Place[],
  story: ReadonlySet<string> = new Set(),
  /** The text around the name, and the countries only the text's attackers come from. */
  around: { before: string; after: string; actorOnly: ReadonlySet<string> } = {
    before: '',
    after: '',
    actorOnly: new Set(),
  },
): Place | undefined {
  if (m.chosen) return m.candidates[0]?.place;
  const inArea = (place: Place) => place.kind === 'city' && areas.has(`${place.iso2}.${place.admin1Code}`);
  let candidates = m.candidates;
  if (m.preferRegion) candidates = candidates.filter((c) => c.place.kind === 'region');
  // "Gunmen kill police in Michoacan": the state, not a village of that name in another state.
  // A town outside the region of its name keeps it only when it is big, and not by a word of its
  // name ("Morelos" is the state, not Ecatepec de Morelos); inside it (the capital: Kunduz) it stays.
  const regions = candidates.filter((c) => c.place.kind === 'region' && context.has(c.place.iso2));
  if (regions.length > 0)
    candidates = candidates.filter(
      ({ place, canonical }) =>
        place.kind === 'region' ||
        (place.population >= SMALL_TOWN && (canonical || !place.name.includes(m.match.text))) ||
        // inside one of them ("Kiev": Kyiv lies in Kyiv City, not in Kyiv Oblast) or abroad; inside,
        // not by a word of a longer name ("in Sinaloa" is the state, not Sinaloa de Leyva in it)
        !regions.some((r) => r.place.iso2 === place.iso2) ||
        (regions.some((r) => r.place.iso2 === place.iso2 && r.place.admin1Code === place.admin1Code) &&
          (canonical ||
            !place.name.includes(m.match.text) ||
            bareName(place.name) === bareName(m.match.text))),
    );
  // With no country to go by, a first-level region outranks a small town of its name ("Florida" is the
  // state, not the Cuban town of 63,000, nor Floridablanca, so spelled by some); a city of 100,000 or
  // more by its own name (a million by another) still outranks it, and a name of under five letters
  // is too often a word or a town ("Bay", Somalia's region, in "Guantanamo Bay"; "Bam").
  const kindRank = (place: Place, canonical: boolean) => {
    if (place.kind !== 'city') return context.size === 0 && m.match.text.length >= 5 ? 1e10 : 0;
    const cityFirst = context.size > 0 || place.population >= (canonical ? 100_000 : 1_000_000);
    return cityFirst ? 1e11 : 0;
  };
  // "Djibo (Djibo, Soum, Sahel)": a region the text marks as one is in the country of the text's
  // other places, where the lists have one of that name in two countries.
  const anchored = (place: Place) => m.preferRegion && anchors.some((a) => a.iso2 === place.iso2);
  const score = ({ place, canonical }: { place: Place; canonical: boolean }) =>
    (context.get(place.iso2) ?? 0) * 1e13 +
    (anchored(place) ? 5e12 : 0) +
    (inArea(place) ? 1e15 : 0) +
    kindRank(place, canonical) +
    // The place's own name beats another's alternate spelling of a like size, not a town many times
    // its size ("Svatovo" is Svatove, the district town of 16,000, not the hamlet of 142 so named).
    (canonical ? 1 + place.population * 2 : 0) +
    place.population;
  const ranked = [...candidates].sort((a, b) => score(b) - score(a));
  let best = ranked[0];
  if (!best) return undefined;
  if (
    anchors.length > 0 &&
    best.place.kind === 'city' &&
    !inArea(best.place) &&
    best.place.population < BIG_CITY
  ) {
    // Spatial minimality: of the homonyms in the best one's country, the one near the text's other
    // places ("Pisky area in Donbas" is the Pisky by Donetsk, not the one in Poltava oblast).
    const away = (place: Place) => Math.min(...anchors.map((a) => kmBetween(a, place)));
    if (away(best.place) > NEAR_KM) {
      const near = ranked
        .filter((c) => c.place.kind === 'city' && c.place.iso2 === best?.place.iso2)
        .map((c) => ({ c, km: away(c.place) }))
        .filter((x) => x.km <= NEAR_KM)
        .sort((a, b) => a.km - b.km)[0];
      if (near) best = near.c;
    }
  }
  const town = best.place;
  if (
    town.kind === 'city' &&
    town.feature !== 'PPLC' &&
    town.population < SMALL_TOWN &&
    !inArea(town) &&
    !anchors.some((a) => kmBetween(a, town) <= NEAR_KM)
  ) {
    // "Daesh leaders linked to Paris attack" in a Syria story that names the US: a world city by its
    // own name beats a small town of that name in a country the text only mentions (Paris, Texas);
    // "Moscow" in a story about the US is Russia's capital, not Moscow, Idaho: a capital beats a small
    // namesake even at home. Unless the text's region or its other places put the town there.
    const abroad = ranked.find(
      (c) =>
        c.canonical &&
        c.place.kind === 'city' &&
        c.place.iso2 !== town.iso2 &&
        ((c.place.population >= WORLD_CITY && !story.has(town.iso2)) ||
          (c.place.feature === 'PPLC' && c.place.population >= CAPITAL)),
    );
    if (abroad) return abroad.place;
  }
  // "Russian forces advanced near Pokrovsk": the attackers' country does not make a town there by
  // another of its names (Engels was once Pokrovsk) the one meant over a town by its own name.
  if (around.actorOnly.has(best.place.iso2) && !best.canonical) {
    const own = ranked.find((c) => c.canonical && !around.actorOnly.has(c.place.iso2));
    if (own) best = own;
  }
  const inContext = context.has(best.place.iso2) || inArea(best.place);
  if (inContext) return best.place;
  // Abroad, only by its own name: "Boni" in a Mali story is not Bonn under another spelling. With no
  // country at all to go by, a big city's everyday short name is still the city: "Acapulco" is the
  // first word of "Acapulco de Juárez".
  const shortName =
    context.size === 0 &&
    best.place.kind === 'city' &&
    best.place.population >= BIG_CITY &&
    foldDiacritics(best.place.name).startsWith(`${foldDiacritics(m.match.text)} `);
  if (!best.canonical && !shortName) return undefined;
  // "Russian forces shelled Huliaipole (Huliaipole, Zaporizhzhia)", "… in Zaporizhzhia oblast": a
  // region the text names as one, last in ACLED's bracket or before "oblast", "province" or
  // "governorate", is where it says, whatever country its actors are from; not when the name goes
  // on before it ("Baghlan-e Markazi province").
  const bracketLast = /\([^()]*,\s*$/.test(around.before) && /^\s*\)/.test(around.after);
  const adminWord =
    /^\s+(?:[Oo]blast|[Pp]rovince|[Gg]overnorate)\b/.test(around.after) &&
    !/\p{Lu}[\p{L}'’-]* $/u.test(around.before);
  if (best.place.kind === 'region' && (bracketLast || adminWord)) return best.place;
  // The attackers' countries alone are no country to be abroad from ("Israeli strikes hit Rafah").
  const located = [...context.keys()].some((iso2) => !around.actorOnly.has(iso2));
  if (located && best.place.population < BIG_CITY) return undefined;
  if (!located && best.place.kind === 'city' && best.place.population < 50_000) return undefined;
  return best.place;
}

/** Towns smaller than this that "said" something are a person or a source, not the town. */
const SPEAKING_TOWN = 100_000;
const SPEAKS_AFTER =
  /^,? (?:also |later |then |has |had |on \p{Lu}\p{Ll}+ )?(?:says|said|told|added|warned|urged|stressed|insisted|announced)\b/u;

/** Builds the places extractor; `storyCountries` (ISO2) are the story's own countries. */
export function createPlacesExtractor(storyCountries: () => string[]): Extractor<'places'> {
  return {
    field: 'places',
    extract(context) {
      const weights = contextCountries(context, storyCountries());
      const story = new Set(storyCountries());
      const actorOnly = actorCountries(context, storyCountries());
      const areas = namedAreas(context.mentions);
      const anchors = anchorsOf(context.mentions, weights, areas);
      const anchorsBut = (m: Resolved) => [...anchors].filter(([k]) => k !== m).map(([, p]) => p);

      const personWords = namesWords(context);
      const out: PlaceMention[] = [];
      const seen = new Set<string>();
      const push = (p: PlaceMention) => {
        const key = `${p.kind}:${p.country}:${p.name}`;
        if (!seen.has(key)) {
          seen.add(key);
          out.push(p);
        }
      };
      for (const m of context.mentions) {
        if (m.kind === 'country' && !m.demonym) {
          const c = m.country;
          push({
            name: c.name,
            matched: m.match.text,
            kind: 'country',
            country: c.iso2,
            lat: c.lat,
            lon: c.lon,
            precision: 'country',
          });
        }
        if (m.kind !== 'place') continue;
        // Inside an organisation's name ("… wal Muslimeen (JNIM)") a word is not a place by itself;
        // at its start it still is ("Imo Police" are the police of Imo). Nor inside a person's name.
        if (
          context.patternNames.some((p) =>
            p.kind === 'org'
              ? p.start < m.match.start && p.end >= m.match.end
              : p.start <= m.match.start && p.end >= m.match.end,
          )
        )
          continue;
        // "As Gen. Allen said": a word of a name the text gives a person is that person, unless a
        // locative word puts a place there ("in Allen"); ".303 Enfield rifle" names its maker.
        const before = context.text.slice(Math.max(0, m.match.start - 12), m.match.start);
        if (personWords.has(m.match.text) && !LOCATIVE_BEFORE.test(before)) continue;
        if (WEAPON_AFTER.test(context.text.slice(m.match.end, m.match.end + 16))) continue;
        // "pro-Kiev forces", "anti-Damascus protests": the side a city's government stands for.
        if (
          /\b(?:[Pp]ro|[Aa]nti)[- ]$/.test(context.text.slice(Math.max(0, m.match.start - 5), m.match.start))
        )
          continue;
        const place =
          anchors.get(m) ??
          choose(m, weights, areas, anchorsBut(m), story, {
            before: context.text.slice(Math.max(0, m.match.start - 30), m.match.start),
            // from the name's own end: a region word after it is already inside the match
            after: context.text.slice(m.match.start + m.match.text.length).slice(0, 14),
            actorOnly,
          });
        if (!place) continue;
        // "Mitchell said": a small town does not speak; a capital does ("Moscow said", its government).
        if (
          place.kind === 'city' &&
          place.population < SPEAKING_TOWN &&
          SPEAKS_AFTER.test(context.text.slice(m.match.end, m.match.end + 24))
        )
          continue;
        // "Palma in Cabo Delgado" in a Mozambique story: not Palma de Mallorca (placedInRegion pins it)
        if (!weights.has(place.iso2) && inNamedRegion(context, m.match.end, weights)) continue;
        // "Kamyanka, Donetsk Obl": a village the text puts in a region is not a namesake elsewhere
        // (placedInRegion pins it at the region instead); a big city is taken at its word.
        const area = explicitAreaAfter(context, m.match.end, weights);
        if (
          area &&
          place.kind === 'city' &&
          place.population < BIG_CITY &&
          (place.iso2 !== area.iso2 || place.admin1Code !== area.admin1Code)
        )
          continue;
        // An imported district (ADM2, ADM3) is a region too, but its admin-1 is the province above it.
        const region =
          place.kind === 'region' && (place.feature === undefined || place.feature === 'ADM1')
            ? place
            : context.gazetteer.regions.get(`${place.iso2}.${place.admin1Code}`);
        push({
          name: place.name,
          matched: m.match.text,
          kind: place.kind,
          country: place.iso2,
          ...(region && { admin1: region.name }),
          lat: place.lat,
          lon: place.lon,
          precision: place.kind,
          ...(place.admin2 !== undefined && { admin2: place.admin2 }),
          ...(place.geonameId !== undefined && { geonameId: place.geonameId }),
        });
      }
      for (const p of placedInRegion(context, out, weights)) push(p);
      for (const p of spelledLike(context, out, storyCountries())) push(p);
      for (const p of regionsSpelledLike(context, out, weights)) push(p);
      for (const p of approximatePlaces(context, out)) push(p);
      return oneSensePerName(context.text, out);
    },
  };
}

/**
 * "the countryside of Idlib … a strike in Idlib": a name the text reads once as a region means the
 * region throughout; the city of that name inside it is a pin only when the text says "city" or "town",
 * or puts the name before an admin bracket.
 */
function oneSensePerName(text: string, places: PlaceMention[]): PlaceMention[] {
  return places.filter((p) => {
    if (p.kind !== 'city') return true;
    const readAsRegion = places.some(
      (r) =>
        r.kind === 'region' &&
        r.matched.startsWith(p.matched) &&
        r.country === p.country &&
        r.name === p.admin1,
    );
    if (!readAsRegion) return true;
    const name = p.matched.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    // "Khost (Khost, Khost)": before an admin bracket the name is the town, its district and
    // province inside.
    return new RegExp(`${name} (?:[Cc]ity|[Tt]own)\\b|\\b(?:city|town) of ${name}|${name} \\([^()]*,`).test(
      text,
    );
  });
}

const LOCATIVE_BEFORE = /\b(?:in|near|at|from|outside|around|into|to|towards|of)\s+(?:the\s+)?$/i;
const WEAPON_AFTER = /^\s+(?:assault )?(?:rifles?|pistols?|carbines?|revolvers?|shotguns?)\b/;

/** The single words of the people's names the text gives (known or found by a pattern). */
function namesWords(context: EnrichContext): Set<string> {
  const words = new Set<string>();
  const add = (name: string) => {
    const parts = name.split(/\s+/);
    if (parts.length > 1) for (const w of parts) if (/^\p{Lu}\p{Ll}{2,}$/u.test(w)) words.add(w);
  };
  for (const p of context.patternNames) if (p.kind === 'person') add(p.matched);
  for (const m of context.mentions) if (m.kind === 'person') add(m.match.text);
  return words;
}

// "X in Y", "X, Y", "X near Y", "X in the Y region", "X in Ukraine's Y region": what may stand between
// a place and its area.
const IN_AREA =
  /^(?:,|\s+(?:in|near|outside|of))\s+(?:the\s+)?(?:\p{Lu}[\p{L}.-]*(?: \p{Lu}[\p{L}.-]*)?['’]s?\s+)?$/u;

/** The admin-1 region (in the story's or text's countries) the words right after `end` put a place in. */
function inNamedRegion(context: EnrichContext, end: number, weights: Map<string, number>): Place | undefined {
  return areaMentionAfter(context, end)
    ?.candidates.map((c) => c.place)
    .find((p) => p.kind === 'region' && weights.has(p.iso2));
}

/** The place named right after `end` with only "in", "near", "of" or a comma between. */
function areaMentionAfter(
  context: EnrichContext,
  end: number,
): Extract<Resolved, { kind: 'place' }> | undefined {
  const r = context.mentions.find(
    (x) => x.kind === 'place' && x.match.start >= end && x.match.start <= end + 30,
  );
  return r?.kind === 'place' && IN_AREA.test(context.text.slice(end, r.match.start)) ? r : undefined;
}

/**
 * The first-level region a place is explicitly put in: "X, Donetsk Obl", "X in Idlib province", "X,
 * Kunar": a name that is only a region, or is marked one, and does not open a list ("Tal Afar,
 * Kirkuk and Mosul" names three places, not Tal Afar in Kirkuk).
 */
function explicitAreaAfter(
  context: EnrichContext,
  end: number,
  weights: Map<string, number>,
): Place | undefined {
  const r = areaMentionAfter(context, end);
  if (!r) return undefined;
  const regions = r.candidates.filter((c) => c.place.kind === 'region' && weights.has(c.place.iso2));
  if (regions.length === 0 || !(r.preferRegion || regions.length === r.candidates.length)) return undefined;
  if (/^,?\s*(?:and|or|&)\s/.test(context.text.slice(r.match.end, r.match.end + 6))) return undefined;
  const region = regions[0]?.place;
  return region?.admin1Code ? region : undefined;
}

/**
 * Place names the gazetteer knows only abroad (or not in this text's countries) that the text puts in
 * a region of its countries ("Palma in Cabo Delgado"): pinned at the region, `approximate`.
 */
function placedInRegion(
  context: EnrichContext,
  found: PlaceMention[],
  weights: Map<string, number>,
): PlaceMention[] {
  const out: PlaceMention[] = [];
  for (const m of context.mentions) {
    if (m.kind !== 'place' || found.some((p) => p.matched === m.match.text)) continue;
    if (context.patternNames.some((p) => p.start <= m.match.start && p.end >= m.match.end)) continue;
    const region = inNamedRegion(context, m.match.end, weights);
    if (!region || m.candidates.some((c) => c.place.kind === 'region' && c.place.iso2 === region.iso2))
      continue;
    out.push({
      name: m.match.text,
      matched: m.match.text,
      kind: 'city',
      country: region.iso2,
      admin1: region.name,
      lat: region.lat,
      lon: region.lon,
      precision: 'approximate',
    });
  }
  return out;
}

// A name's later words may open with an apostrophe or ayn mark ("Nad ‘Ali"); a name never starts
// just after one, where "Ali" would be read out of "Nad ‘Ali".
const NAME = String.raw`(?<![\p{L}'’‘ʿʾ\u0060])(?:al-|Al-|el-)?\p{Lu}[\p{L}'’-]+(?: (?:(?:al|el|ad|an|ar|as|ash|at|az|ed|en|er|es|ez)-)?['’‘ʿʾ]?\p{Lu}[\p{L}'’-]+){0,2}`;
const SETTLEMENT = String.raw`(?:village|town|city|camp|IDP camp|refugee camp|district|locality|township|LGA|area|neighbourhood|neighborhood|suburb|settlement|commune|municipality)`;
const AREA_TYPE = String.raw` (?:district|region|province|state|oblast|raion|county|governorate|prefecture|department|LGA)`;
/** "the village of X", "X village", "X (District, Region)": X is a place, whatever the lists say. */
const PLACE_CUES = [
  new RegExp(String.raw`\b(?:the |a )?${SETTLEMENT} of (${NAME})`, 'gu'),
  new RegExp(String.raw`(${NAME}) ${SETTLEMENT}\b`, 'gu'),
  // "X (Kupiansk, Kharkiv)", "X (Kupiansk district, Kharkiv region)"
  new RegExp(String.raw`(${NAME}) \((${NAME})(?:${AREA_TYPE})?(?:, (${NAME})(?:${AREA_TYPE})?)?\)`, 'gu'),
  // "Rubaya, a mining town in Masisi territory": what the appositive calls a town is one
  new RegExp(String.raw`(${NAME}), an? (?:[\p{Ll}-]+ )?${SETTLEMENT}\b`, 'gu'),
  // "in Chobi, Oromia", "near Kafr Tala in Idlib": after a locative word, right before a region
  new RegExp(String.raw`\b(?:in|near|at|outside|around) (${NAME})(?:,| in| near) (?:the )?(?=\p{Lu})`, 'gu'),
];
const LOCATIVE_CUE = PLACE_CUES.length - 1;
// Never places by themselves, whatever cue stands next to them.
const NOT_PLACE_WORDS =
  /^(?:The|A|An|In|At|On|Of|By|North|South|East|West|Northern|Southern|Eastern|Western|Central|Upper|Lower|City|Town|Village|Camp|Province|District|Region|State|County|Governorate|January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$/;

// "in Morak", "near Tal Rifaat", "the outskirts of Maarat al-Numan": where a place's name stands.
const LOCATIVE = new RegExp(
  String.raw`\b(?:in|near|at|outside|around|from|into|towards?|of|on|south|north|east|west|strikes?|struck|shell(?:s|ed)?|bomb(?:s|ed)?|target(?:s|ed)?|attack(?:s|ed)?|storm(?:s|ed)?|captur(?:e|es|ed)|seiz(?:e|es|ed)|retak(?:e|es)|retook|besieg(?:e|es|ed)|hits?) (?:the (?:town|village|city|area|outskirts|vicinity|countryside) of )?(${NAME})(?=$|[\s.,;:)!?])`,
  'gu',
);

const REGION_AFTER = /^\s+(?:countryside|[Pp]rovince|[Gg]overnorate|[Rr]egion|[Ss]tate|[Oo]blast)\b/;

/**
 * Whether a span is taken by a name already found. A place name that resolved to no place here
 * covers nothing: "Ras al-Ayn" is only another country's spelling, "Boni" only one of Bonn's, and a
 * cue or the story's country may still place them.
 */
function coveredBy(context: EnrichContext, found: PlaceMention[]): (start: number, end: number) => boolean {
  return (start, end) =>
    context.mentions.some(
      (m) =>
        m.match.start < end &&
        m.match.end > start &&
        (m.kind !== 'place' || found.some((p) => p.matched === m.match.text)),
    ) || context.patternNames.some((p) => p.start < end && p.end > start);
}

/**
 * Names the text marks as places (a locative word before, a settlement word after) that no spelling
 * the gazetteer has matches, looked up by transliterationKey among the towns of the story's own
 * countries: "Morak" is Murak, "Maarat al-Numan" Ma`arrat an Nu`man. Not in title-case lines.
 */
function spelledLike(
  context: EnrichContext,
  found: PlaceMention[],
  storyCountries: string[],
): PlaceMention[] {
  const { text, tokens } = context;
  const out: PlaceMention[] = [];
  if (storyCountries.length === 0) return out;
  const covered = coveredBy(context, found);
  for (const cue of [LOCATIVE, ...PLACE_CUES.slice(0, LOCATIVE_CUE)])
    for (const m of text.matchAll(cue)) {
      const name = m[1];
      if (!name || m.index === undefined) continue;
      const start = m.index + m[0].indexOf(name);
      const end = start + name.length;
      if (covered(start, end) || name.split(' ').some((w) => NOT_PLACE_WORDS.test(w))) continue;
      if (found.some((p) => p.matched === name) || out.some((p) => p.matched === name)) continue;
      if (titleCaseAt(tokens, start)) continue;
      // "Deir Ezzor countryside", "the countryside of X", "X governorate": the region first.
      const regionCue =
        REGION_AFTER.test(text.slice(end, end + 14)) ||
        /countryside of (?:the )?$/.test(text.slice(0, start));
      for (const iso2 of storyCountries) {
        const town = context.gazetteer.townsSpelledLike(iso2, name)[0];
        const area = context.gazetteer.regionSpelledLike(iso2, name);
        const place = (regionCue && area) || town || area;
        if (!place) continue;
        const region =
          place.kind === 'region'
            ? place
            : context.gazetteer.regions.get(`${place.iso2}.${place.admin1Code}`);
        out.push({
          name: place.name,
          matched: name,
          kind: place.kind,
          country: place.iso2,
          ...(region && { admin1: region.name }),
          lat: place.lat,
          lon: place.lon,
          precision: place.kind,
        });
        break;
      }
    }
  return out;
}

/** True when most longer words of the sentence at `offset` are capitalised (a title-case headline). */
function titleCaseAt(tokens: EnrichContext['tokens'], offset: number): boolean {
  const sentence = tokens.find((t) => t.end > offset)?.sentence;
  const long = tokens.filter((t) => t.sentence === sentence && t.text.length >= 4);
  return long.length >= 3 && long.filter((t) => /^\p{Lu}/u.test(t.text)).length / long.length >= 0.75;
}

/**
 * Places no gazetteer knows that the text marks as places and puts in a named admin-1 region
 * ("Dibilou village, Centre-Nord region", "Kuvlu (Bui, North-West)"): pinned at that region with
 * `precision: "approximate"`, for an editor to place exactly.
 */
function approximatePlaces(context: EnrichContext, found: PlaceMention[]): PlaceMention[] {
  const { text, sentences } = context;
  const out: PlaceMention[] = [];
  // Nothing to pin to without a region.
  if (!found.some((p) => p.kind === 'region')) return out;
  const covered = coveredBy(context, found);
  const sentenceOf = (offset: number) => sentences.find((s) => offset >= s.start && offset < s.end);
  for (const [cueIndex, cue] of PLACE_CUES.entries())
    for (const m of text.matchAll(cue)) {
      const name = m[1];
      if (!name || m.index === undefined) continue;
      const start = m.index + m[0].indexOf(name);
      const end = start + name.length;
      if (covered(start, end) || NOT_PLACE_WORDS.test(name.split(' ')[0] ?? '')) continue;
      if (found.some((p) => p.matched === name) || out.some((p) => p.matched === name)) continue;
      // "… wal Muslimeen (JNIM)": capitals in brackets abbreviate the name before them, no area.
      if (cueIndex === 2 && /^[\p{Lu}\d-]+$/u.test(m[2] ?? '')) continue;
      // The area: a region the same sentence names (the bracket's first), as resolved above.
      const sentence = sentenceOf(start);
      const region = found
        .filter((p) => p.kind === 'region')
        .map((p) => ({ p, at: text.indexOf(p.matched, sentence?.start ?? 0) }))
        .filter(({ at }) => sentence !== undefined && at >= sentence.start && at < sentence.end)
        .sort((a, b) => Math.abs(a.at - start) - Math.abs(b.at - start))[0]?.p;
      if (!region) continue;
      // The locative cue is weaker: the region must follow at once.
      const after = (m.index ?? 0) + m[0].length;
      if (cueIndex === LOCATIVE_CUE && !text.startsWith(region.matched, after)) continue;
      out.push({
        name,
        matched: name,
        kind: 'city',
        country: region.country,
        admin1: region.name,
        lat: region.lat,
        lon: region.lon,
        precision: 'approximate',
      });
    }
  return out;
}

// A word saying what kind of area the name before it is ("Hiraan Region", "Lower Shabelle Region").
const AREA_WORD = /^(?:[Rr]egion|[Pp]rovince|[Ss]tate|[Dd]istrict|[Gg]overnorate|[Cc]ounty|[Aa]gency)$/;

/**
 * An admin-1 region of the text's countries written in a spelling the gazetteer lacks, as a run of
 * two or three capitalised words ("Lower Shabelle" for Lower Shebelle, "Deir Ezzor") or one word
 * with an area word after it ("Hiraan Region"): found by transliterationKey, title-case lines
 * included (the run is the region's whole name, so a key match is specific). Spans overlapping a
 * name already found are left alone.
 */
function regionsSpelledLike(
  context: EnrichContext,
  found: PlaceMention[],
  weights: Map<string, number>,
): PlaceMention[] {
  const { text, tokens, gazetteer } = context;
  const out: PlaceMention[] = [];
  if (weights.size === 0) return out;
  // The words that may be part of such a name: capitalised, no area word, in no name found already.
  const free = tokens.map((t) => /^\p{Lu}/u.test(t.text) && !AREA_WORD.test(t.text));
  const spans = [
    ...context.mentions.map((m) => m.match),
    ...context.patternNames.map((p) => ({ start: p.start, end: p.end })),
  ].sort((a, b) => a.start - b.start);
  for (let i = 0, k = 0; i < tokens.length; i++) {
    const t = tokens[i] as (typeof tokens)[number];
    while (k < spans.length && (spans[k]?.end ?? 0) <= t.start) k++;
    for (let j = k; j < spans.length && (spans[j]?.start ?? Infinity) < t.end; j++)
      if ((spans[j]?.end ?? 0) > t.start) free[i] = false;
  }
  for (let i = 0; i < tokens.length; i++) {
    if (!free[i]) continue;
    const first = tokens[i] as (typeof tokens)[number];
    // the longest run of two or three free words joined by a space or a hyphen
    let n = 1;
    while (
      n < 3 &&
      free[i + n] &&
      tokens[i + n]?.sentence === first.sentence &&
      /^[ -]$/.test(text.slice(tokens[i + n - 1]?.end, tokens[i + n]?.start))
    )
      n++;
    for (; n >= 1; n--) {
      const last = tokens[i + n - 1] as (typeof tokens)[number];
      const next = tokens[i + n];
      const areaWord = next !== undefined && next.sentence === first.sentence && AREA_WORD.test(next.text);
      if (n === 1 && (!areaWord || NOT_PLACE_WORDS.test(first.text))) continue;
      const name = text.slice(first.start, last.end);
      // "Al Jazeera" is no Jezira; "Karen state" is Kayin, but an adjective's "the Jewish state" is
      // no oblast.
      const adjective = /(?:ish|ian|ic|ese)$/.test(name);
      if (found.some((p) => p.matched === name) || ((!areaWord || adjective) && isNeverPlace(name))) continue;
      let region: Place | undefined;
      for (const iso2 of weights.keys()) if ((region = gazetteer.regionSpelledLike(iso2, name))) break;
      if (!region) continue;
      // "Deir Ezzor" is the town too: the town, unless an area word or "countryside" follows.
      const town =
        areaWord || /^\s+[Cc]ountryside\b/.test(text.slice(last.end, last.end + 14))
          ? undefined
          : gazetteer.townsSpelledLike(region.iso2, name)[0];
      const place = town ?? region;
      const admin1 = town ? gazetteer.regions.get(`${town.iso2}.${town.admin1Code}`)?.name : region.name;
      out.push({
        name: place.name,
        matched: name,
        kind: place.kind,
        country: place.iso2,
        ...(admin1 !== undefined && { admin1 }),
        lat: place.lat,
        lon: place.lon,
        precision: place.kind,
      });
      i += n - 1;
      break;
    }
  }
  return out;
}
