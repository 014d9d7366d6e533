/**
 * Writes resources/names/leaders.json from Archigos 4.1 (Goemans, Gleditsch & Chiozza), the data set
 * of every state's effective leader: the heads of state or government in office on or after
 * 1 January 1990 who are not already in people.json, named as English news names them, so that a
 * text naming a former leader ("George W. Bush", "Leonid Kuchma") is matched, and his surname after.
 *
 *   node --import tsx scripts/import-leaders.ts arch_annual.txt
 *
 * The source file is Archigos' leader-year table as the R package manystates keeps it
 * (globalgov/manystates, data-raw/leaders/archigos/arch_annual.txt: tab-separated, one row per
 * leader and calendar year, columns obsid, leadid, ccode, idacr, leader, startdate, enddate, …,
 * dbpedia.uri). Several files may be given; their rows are read as one table.
 *
 * Names: Archigos' own `leader` column is mostly a bare surname ("Bush", "Kuchma", "G.W. Bush"), so
 * the name is the title of the English Wikipedia article its `dbpedia.uri` points to
 * ("George_W._Bush" → "George W. Bush", "Hugo_Ch%C3%A1vez" → "Hugo Chávez"; a bracketed qualifier
 * is dropped: "John Howard (politician)" → "John Howard"). A leader without that link keeps the
 * `leader` column only when it is a full name of two or more words with no initial or comma whose
 * first word is a given name of given-names.tsv ("Mauricio Macri", "Shinzo Abe"; not "Soglo, N",
 * "H. Aliyev", "Lyonpo Jigme Thinley" or the two surnames "Rajoy Brey"), or, for states whose
 * names are written family name first ("Lee Myung Bak", "Nguyen Van Linh", "Than Shwe"), any
 * such name. Titles of the form "Abdullah of Saudi
 * Arabia" are left out: news calls such a monarch "King Abdullah", which is not a name to match.
 * Diacritics stay in the name, and the name without them is an alias ("Hugo Chávez", "Hugo Chavez";
 * "Lech Wałęsa", "Lech Walesa"): the lexicon folds a text's diacritics, not the list's.
 *
 * Aliases: the name without its middle initials ("George W. Bush" → "George Bush"), only when no
 * other person of the list or of people.json has that form; never a bare surname (the enricher
 * matches the surname after the full name in the same text).
 *
 * Countries: Archigos' `ccode` is a Gleditsch–Ward state number; GW_TO_ISO2 below turns each one
 * seen since 1990 into ISO 3166 alpha-2. States that ended are given their successor: West and
 * East Germany (260, 265) → DE, Yugoslavia (345) → RS, Czechoslovakia (315) → CZ, South Yemen (680)
 * → YE. An unknown code stops the import.
 *
 * Terms: `from` is the first day of the first spell, `to` the last day of the last; Archigos ends on
 * 31 December 2015, so a leader still in office then has no `to`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Gleditsch–Ward state numbers → ISO 3166-1 alpha-2, for every state with a leader since 1990. */
// prettier-ignore
const GW_TO_ISO2: Record<number, string> = {
  2: 'US', 20: 'CA', 31: 'BS', 40: 'CU', 41: 'HT', 42: 'DO', 51: 'JM', 52: 'TT', 53: 'BB',
  70: 'MX', 80: 'BZ', 90: 'GT', 91: 'HN', 92: 'SV', 93: 'NI', 94: 'CR', 95: 'PA', 100: 'CO',
  101: 'VE', 110: 'GY', 115: 'SR', 130: 'EC', 135: 'PE', 140: 'BR', 145: 'BO', 150: 'PY',
  155: 'CL', 160: 'AR', 165: 'UY', 200: 'GB', 205: 'IE', 210: 'NL', 211: 'BE', 212: 'LU',
  220: 'FR', 225: 'CH', 230: 'ES', 235: 'PT', 260: 'DE', 265: 'DE', 290: 'PL', 305: 'AT',
  310: 'HU', 315: 'CZ', 316: 'CZ', 317: 'SK', 325: 'IT', 338: 'MT', 339: 'AL', 340: 'RS',
  341: 'ME', 343: 'MK', 344: 'HR', 345: 'RS', 346: 'BA', 347: 'XK', 349: 'SI', 350: 'GR',
  352: 'CY', 355: 'BG', 359: 'MD', 360: 'RO', 365: 'RU', 366: 'EE', 367: 'LV', 368: 'LT',
  369: 'UA', 370: 'BY', 371: 'AM', 372: 'GE', 373: 'AZ', 375: 'FI', 380: 'SE', 385: 'NO',
  390: 'DK', 395: 'IS', 402: 'CV', 404: 'GW', 411: 'GQ', 420: 'GM', 432: 'ML', 433: 'SN',
  434: 'BJ', 435: 'MR', 436: 'NE', 437: 'CI', 438: 'GN', 439: 'BF', 450: 'LR', 451: 'SL',
  452: 'GH', 461: 'TG', 471: 'CM', 475: 'NG', 481: 'GA', 482: 'CF', 483: 'TD', 484: 'CG',
  490: 'CD', 500: 'UG', 501: 'KE', 510: 'TZ', 516: 'BI', 517: 'RW', 520: 'SO', 522: 'DJ',
  530: 'ET', 531: 'ER', 540: 'AO', 541: 'MZ', 551: 'ZM', 552: 'ZW', 553: 'MW', 560: 'ZA',
  565: 'NA', 570: 'LS', 571: 'BW', 572: 'SZ', 580: 'MG', 581: 'KM', 590: 'MU', 600: 'MA',
  615: 'DZ', 616: 'TN', 620: 'LY', 625: 'SD', 626: 'SS', 630: 'IR', 640: 'TR', 645: 'IQ',
  651: 'EG', 652: 'SY', 660: 'LB', 663: 'JO', 666: 'IL', 670: 'SA', 678: 'YE', 680: 'YE',
  690: 'KW', 692: 'BH', 694: 'QA', 696: 'AE', 698: 'OM', 700: 'AF', 701: 'TM', 702: 'TJ',
  703: 'KG', 704: 'UZ', 705: 'KZ', 710: 'CN', 712: 'MN', 713: 'TW', 731: 'KP', 732: 'KR',
  740: 'JP', 750: 'IN', 760: 'BT', 770: 'PK', 771: 'BD', 775: 'MM', 780: 'LK', 781: 'MV',
  790: 'NP', 800: 'TH', 811: 'KH', 812: 'LA', 816: 'VN', 820: 'MY', 830: 'SG', 835: 'BN',
  840: 'PH', 850: 'ID', 860: 'TL', 900: 'AU', 910: 'PG', 920: 'NZ', 940: 'SB', 950: 'FJ',
};

const SINCE = '1990-01-01';
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const ARCHIGOS_END = '2015-12-31';

const sources = process.argv.slice(2);
if (sources.length === 0) throw new Error('usage: import-leaders.ts arch_annual.txt…');

interface Leader {
  name: string;
  country: string;
  from: string;
  to: string;
  fromColumn: boolean;
}

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

/** The English Wikipedia title a DBpedia resource URI names, or undefined. */
function wikiTitle(uri: string): string | undefined {
  const at = uri.indexOf('/resource/');
  if (at === -1) return undefined;
  let title: string;
  try {
    title = decodeURIComponent(uri.slice(at + '/resource/'.length));
  } catch {
    return undefined;
  }
  return title
    .replace(/_/g, ' ')
    .replace(/ \([^)]*\)$/, '')
    .trim();
}

const dataDir = join(import.meta.dirname, '..', 'resources', 'names');
const givenNames = new Set(
  readFileSync(join(dataDir, 'given-names.tsv'), 'utf8')
    .split('\n')
    .map((line) => line.slice(0, line.indexOf('\t'))),
);
/** Where English news writes a leader's family name first, or no family name at all. */
const FAMILY_NAME_FIRST = new Set(['CN', 'KH', 'KP', 'KR', 'MM', 'TW', 'VN']);

const PARTICLE = /^(?:al|el|bin|ibn|bint|de|da|do|dos|das|du|del|della|di|van|von|der|la|le)$/;
/** Archigos' own `leader` column, when it is a full name ("Mauricio Macri"). */
function fullNameColumn(leader: string, country: string): string | undefined {
  const words = leader.trim().split(/\s+/);
  if (words.length < 2 || /[.,()]/.test(leader)) return undefined;
  if (!givenNames.has(words[0] ?? '') && !FAMILY_NAME_FIRST.has(country)) return undefined;
  const ok = words.every(
    (w) => /^\p{Lu}[\p{L}'-]+$/u.test(w) || PARTICLE.test(w) || /^(?:al|el)-\p{Lu}/u.test(w),
  );
  return ok ? words.join(' ') : undefined;
}

const byId = new Map<string, Leader>();
let rows = 0;
for (const source of sources) {
  const lines = readFileSync(source, 'utf8').split(/\r?\n/).filter(Boolean);
  const header = (lines[0] ?? '').split('\t');
  const col = (name: string) => {
    const i = header.indexOf(name);
    if (i === -1) throw new Error(`${source}: no column ${name}`);
    return i;
  };
  const [cId, cCode, cLeader, cStart, cEnd, cUri] = [
    col('leadid'),
    col('ccode'),
    col('leader'),
    col('startdate'),
    col('enddate'),
    col('dbpedia.uri'),
  ];
  for (const line of lines.slice(1)) {
    rows++;
    const cells = line.split('\t').map((c) => c.trim());
    const id = cells[cId] ?? '';
    const start = cells[cStart] ?? '';
    const end = cells[cEnd] ?? '';
    if (!DAY.test(start) || !DAY.test(end)) throw new Error(`${source}: ${id}: no start or end day`);
    if (end < SINCE) continue;
    const code = Number(cells[cCode]);
    const country = GW_TO_ISO2[code];
    if (!country) throw new Error(`${source}: Gleditsch–Ward code ${code} has no ISO2 in GW_TO_ISO2`);
    const title = wikiTitle(cells[cUri] ?? '');
    const name = title ?? fullNameColumn(cells[cLeader] ?? '', country);
    const seen = byId.get(id);
    if (seen) {
      if (start < seen.from) seen.from = start;
      if (end > seen.to) seen.to = end;
      if (title && seen.fromColumn) Object.assign(seen, { name: title, fromColumn: false });
    } else if (name) byId.set(id, { name, country, from: start, to: end, fromColumn: !title });
    else byId.set(id, { name: '', country, from: start, to: end, fromColumn: true });
  }
}

const curated = JSON.parse(readFileSync(join(dataDir, 'people.json'), 'utf8')) as {
  people: { name: string; aliases: string[] }[];
};
const orgFiles = ['organizations.json', 'ucdp-actors.json'].map(
  (f) =>
    JSON.parse(readFileSync(join(dataDir, f), 'utf8')) as {
      organizations: { name: string; aliases: string[] }[];
    },
);
const curatedSurfaces = new Set(curated.people.flatMap((p) => [p.name, ...p.aliases]).map(fold));
const orgSurfaces = new Set(
  orgFiles.flatMap((f) => f.organizations.flatMap((o) => [o.name, ...o.aliases])).map(fold),
);

const counts = { unnamed: 0, regnal: 0, curated: 0, org: 0, twoCountries: 0 };
const leaders = new Map<string, Leader>();
const dropped = new Set<string>();
for (const leader of byId.values()) {
  if (!leader.name) {
    counts.unnamed++;
    continue;
  }
  if (/ of /.test(leader.name)) {
    counts.regnal++;
    continue;
  }
  const key = fold(leader.name);
  if (curatedSurfaces.has(key)) {
    counts.curated++;
    continue;
  }
  if (orgSurfaces.has(key)) {
    counts.org++;
    continue;
  }
  const same = leaders.get(key);
  if (same && same.country !== leader.country) {
    // One name, two states' leaders: which one a text means cannot be told, so neither is kept.
    counts.twoCountries++;
    dropped.add(key);
    continue;
  }
  if (same) {
    if (leader.from < same.from) same.from = leader.from;
    if (leader.to > same.to) same.to = leader.to;
  } else leaders.set(key, { ...leader });
}
for (const key of dropped) leaders.delete(key);

// "George W. Bush" → "George Bush", kept only when nobody else has that form.
// Only after a written-out first name: "P. V. Narasimha Rao" keeps its initials.
const INITIAL = /^\p{Lu}\.$/u;
const withoutInitials = (name: string) => {
  const words = name.split(' ');
  if (INITIAL.test(words[0] ?? '')) return name;
  return words.filter((w, i) => i === words.length - 1 || !INITIAL.test(w)).join(' ');
};
const shortForms = new Map<string, number>();
for (const surface of [
  ...curated.people.flatMap((p) => [p.name, ...p.aliases]),
  ...[...leaders.values()].map((l) => l.name),
]) {
  const key = fold(withoutInitials(surface));
  shortForms.set(key, (shortForms.get(key) ?? 0) + 1);
}

// The lexicon folds a text's diacritics to meet a plain entry ("Culiacán" finds "Culiacan"), not the
// other way, so a name with diacritics gets its plain form as an alias ("Hugo Chavez").
const LETTERS: Record<string, string> = { ł: 'l', Ł: 'L', ø: 'o', Ø: 'O', đ: 'd', Đ: 'D', ı: 'i', ð: 'd' };
const plain = (name: string) =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[łŁøØđĐıð]/g, (c) => LETTERS[c] ?? c);

const people = [...leaders.values()]
  .sort((a, b) => a.country.localeCompare(b.country) || a.from.localeCompare(b.from))
  .map((l) => {
    const short = withoutInitials(l.name);
    const aliases = [plain(l.name)].filter((a) => a !== l.name);
    if (
      short !== l.name &&
      shortForms.get(fold(short)) === 1 &&
      !curatedSurfaces.has(fold(short)) &&
      !orgSurfaces.has(fold(short)) &&
      !leaders.has(fold(short))
    )
      aliases.push(short);
    return {
      name: l.name,
      aliases,
      role: 'National leader',
      country: l.country,
      from: l.from,
      ...(l.to < ARCHIGOS_END && { to: l.to }),
    };
  });

const file = {
  version: new Date().toISOString().slice(0, 10) + '.1',
  about:
    "Former and recent heads of state or government (each state's effective leader) in office on or after 1 January 1990, from Archigos 4.1 (Goemans, Gleditsch and Chiozza, 2016; through 31 December 2015) as kept in the R package manystates (globalgov/manystates, data-raw/leaders/archigos/arch_annual.txt; package licence CC BY 4.0). Named by the English Wikipedia title of Archigos' DBpedia link; people already in people.json left out. 'to' absent means in office when Archigos ends (2015-12-31). Written by scripts/import-leaders.ts; do not edit by hand.",
  people,
};
writeFileSync(join(dataDir, 'leaders.json'), JSON.stringify(file, null, 1) + '\n');
const fromColumn = [...leaders.values()].filter((l) => l.fromColumn).length;
console.log(
  `${rows} rows, ${byId.size} leaders in office since ${SINCE}: ${people.length} written ` +
    `(${people.length - fromColumn} named from Wikipedia, ${fromColumn} from Archigos' own column, ` +
    `${people.filter((p) => p.aliases.length).length} with an alias); left out: ${counts.unnamed} without a full name, ` +
    `${counts.regnal} regnal titles, ${counts.curated} already in people.json, ${counts.org} an organisation's name, ` +
    `${counts.twoCountries} one name for two states`,
);
