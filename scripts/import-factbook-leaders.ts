/**
 * Writes resources/names/officials.json from the CIA World Factbook's "Executive branch" entries,
 * editions 1990–2025: the chiefs of state, heads of government, vice presidents, deputy prime
 * ministers and the like it names for each country, who are not already in people.json or
 * leaders.json, named as English news names them, so that a text naming a former vice president or
 * prime minister ("Dick Cheney", "Francois Fillon") is matched, and his surname after.
 *
 *   node --import tsx scripts/import-factbook-leaders.ts [--verbose] ARCHIVE_DIR
 *
 * ARCHIVE_DIR holds the files of the GitHub repository MilkMp/CIA-World-Factbooks-Archive-1990-2025
 * (commit b998f60a91d7de6fde80f3d4d216fa0e591a099e) under their own paths:
 * data/fields/country_fields_YYYY.sql.gz (one SQL insert per field of each country and edition:
 * FieldID, CategoryID, CountryID, FieldName, Content) and data/reference_tables/countries.csv and
 * master_countries.csv (CountryID → MasterCountryID → ISO alpha-2 and the kind of entity).
 * `--verbose` lists the people left out as someone of the other lists under another spelling.
 *
 * Where the leaders are: the "Executive branch" field, split at its labels ("chief of state:",
 * "head of government:", "cabinet:", "elections:", …); only the chief-of-state and head-of-government
 * parts are read, each up to its first "note". The 1990 and 1991 editions of the archive carry that
 * text at the end of the "Judicial branch" field ("Supreme Court Chief of State--President …"), the
 * 1992–1994 ones in a field "Leaders", and 1994–1996 ones for a few entities in fields "Chief of
 * State" and "Head of Government"; those are read the same way. The 2018–2020 editions have the
 * labels with no text after them, so nobody is seen in those years. A name counts only where a
 * tenure in brackets follows it or the list it ends ("… and Abdul Karim KHALILI (since 7 December
 * 2004)"), or, the part's first name after a title, a comma or the part's end ("Capt. Moussa Dadis
 * CAMARA, President of the National Council …"): text run into the field from elsewhere ("Chadli
 * BENDJEDID, president;") has none.
 *
 * Names: the Factbook writes the family name in capitals ("Barack H. OBAMA", "Juan Evo MORALES Ayma",
 * "XI Jinping", "KHALIFA bin Zayid Al-Nuhayyan"). A name is the run of words before the tenure:
 * given names in title case, initials and a nickname ("Anthony (Tony) BLAIR", 'Michiel "Mike"
 * Godfried EMAN'), the family name in capitals, then any words in title case (a second family name,
 * "Ayma", or the rest of a name written capitals first). The words of a title ("President", "Vice
 * Premiers"), a rank ("Lt. Gen", "Dame") or a country end it on the left (TITLE_WORDS, RANKS and the
 * gazetteer's country names and demonyms). Capitals are turned to title case ("AKUFO-ADDO" →
 * "Akufo-Addo", "O'NEILL" → "O'Neill", "al-SISI" → "al-Sisi", "DOS SANTOS" → "dos Santos"). The name
 * is then, as English news writes it:
 * - the nickname and the family name, when there is a nickname ("Tony Blair");
 * - every given name but initials and patronymics, and the family name, for two given names or
 *   fewer ("Barack Obama", "Recep Tayyip Erdogan", "Juan Evo Morales", "Dmitriy Medvedev" for
 *   "Dmitriy Anatolyevich MEDVEDEV"); a second family name is left to the aliases; Arabic compounds
 *   count as one given name ("Abd al-Salam", "Abdel Fattah", "Ould Sid'Ahmed");
 * - the first given name and the family name, for three or more ("Joao Lourenco" for "Joao Manuel
 *   Goncalves LOURENCO", "Goodluck Jonathan"): the last, which the rule for one or two would give,
 *   is mostly a middle or second family name there ("Goncalves Lourenco", "Azikiwe Jonathan");
 * - as written, when the name opens with its capitals ("Xi Jinping", "Hun Sen", "Khalifa bin Zayid
 *   Al-Nuhayyan"): family name first, or a name without a family name.
 * Aliases: the full form without initials, with the second family name and the patronymic ("Juan
 * Evo Morales Ayma"), the older editions' spellings, and short forms: the first and the last given
 * name with the family name ("Evo Morales", "Gordon Brown" for "James Gordon BROWN", "Armando
 * Guebuza" for "Armando Emilio GUEBUZA"; none where names are written family name first, none with
 * a given name borne by many, COMMON_GIVEN: not "Prasad Koirala", "Mohammad Nabi"), and in English-
 * speaking countries the short given name ("Dick Cheney", "Mike Pence", "Al Gore"). A short form is
 * kept only when no other person of the lists has it. Also the forms without diacritics and without
 * an apostrophe inside a word ("Muammar" for "Mu'ammar", "Yeltsin" for "Yel'tsin"; the lexicon folds
 * a text's diacritics, not the list's). Never a bare surname.
 *
 * One person: the spellings of one country's entries that share the family name and the first given
 * name or the nickname are one person ("Anthony (Tony) BLAIR", "Tony BLAIR"); names written capitals
 * first by the whole name. Then, within a country, so are names that share a full form ("MELES
 * Zenawi", "Meles ZENAWI"), a short form that is another's name ("Gordon BROWN" in 2007, "James
 * Gordon BROWN" in 2008), or, in the next or the same editions, one family name and a given name
 * spelled a little apart ("Maaouiya"/"Maaouya", "Dmitriy"/"Dmitry") or one given name and a family
 * name a letter apart ("Henry VAN TIO"/"VAN THIO", "Nuri MALIKI"/"al-MALIKI"), or names without a
 * family name two letters apart ("… Al Nuhayyan"/"Al-Nuhayan"; never family-name-first ones: "KIM
 * Jong Il" is not "KIM Yong Il"). The most recent edition's spelling and title are kept (the short
 * form where one edition wrote only that: "Gordon Brown"); the others become aliases.
 *
 * Left out: names of one word after cleaning (monarchs: "ELIZABETH II", "ABDALLAH II"; "NAJIBULLAH"),
 * monarchs' regnal names ("BEATRIX Wilhelmina Armgard", "HANS ADAM II"), names the archive damaged
 * (from the 2021 edition on it lost letters with diacritics: "Luiz In cio LULA", "L PEZ OBRADOR",
 * "Jos RAMOS-HORTA", see TRUNCATED), Andorra's co-princes (France's president and the Bishop of
 * Urgell), anyone already in people.json or leaders.json: the same name or alias (diacritics
 * ignored), a short form that is a listed person's name in the same country ("Gordon Brown"), or the
 * same country, overlapping years, the family name and a given name a little apart ("William
 * Jefferson CLINTON" is leaders.json's "Bill Clinton", "Dmitriy MEDVEDEV" people.json's "Dmitry
 * Medvedev"); a name that is an organisation's or a place's; and a name also borne by an official of
 * another country, but in the country that named it in the most editions (Salva Kiir: South Sudan,
 * not Sudan).
 *
 * Countries: the master table's ISO alpha-2, with these corrections: Czechoslovakia (which the table
 * gives Slovakia's code) → CZ, Yugoslavia and Serbia and Montenegro → RS, Kosovo → XK, the Netherlands
 * Antilles → CW (its seat of government), a truncated "South Georgia and the" → GS. The European
 * Union and entities without a government are skipped. Dependent territories, crown dependencies and
 * Hong Kong and Macau give their head of government only: their chief of state is another state's.
 *
 * Terms: `from` and `to` are the first and last edition years naming the person ("2001", "2008"):
 * an edition describes the government as of its compilation, some months behind events, so the
 * years are approximate; no `to` means named in the 2025 edition. `role` is the title before the
 * name in the most recent edition, in the singular, without ranks ("Prime Minister, Lt. Gen" →
 * "Prime Minister") or the country ("President of the Islamic Republic of Afghanistan" →
 * "President"); the list's title for a name in a list without one ("Deputy Prime Ministers A, B and
 * C"); "Head of state" or "Head of government" when there is none.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Person } from '../src/enrich/lexicon.ts';

const FIRST_EDITION = 1990;
const LAST_EDITION = 2025;

const archiveArg = process.argv.slice(2).find((a) => !a.startsWith('--'));
if (!archiveArg) throw new Error('usage: import-factbook-leaders.ts [--verbose] ARCHIVE_DIR');
const archive: string = archiveArg;
/** `--verbose`: print who was left out as the same office-holder under another name. */
const verbose = process.argv.includes('--verbose');

// ---------------------------------------------------------------------------------------------
// Country tables

/** Splits one CSV line (quoted fields may hold commas). */
function csvCells(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  cells.push(cell);
  return cells;
}

function readCsv(file: string): Record<string, string>[] {
  const text = readFileSync(join(archive, 'data', 'reference_tables', file), 'utf8');
  // A quoted field may span lines: join lines until the quotes balance.
  const lines: string[] = [];
  let pending = '';
  for (const line of text.split(/\r?\n/)) {
    pending = pending ? `${pending}\n${line}` : line;
    if ((pending.match(/"/g) ?? []).length % 2 === 0) {
      if (pending) lines.push(pending);
      pending = '';
    }
  }
  const header = csvCells(lines[0] ?? '');
  return lines.slice(1).map((line) => {
    const cells = csvCells(line);
    return Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));
  });
}

/** How an entity's leaders are read: all of them, or the head of government only (dependencies). */
type Scope = 'all' | 'government';
interface Entity {
  iso2: string;
  scope: Scope;
}

/** Corrections of the archive's country tables, by the edition's own country name. */
const BY_NAME: Record<string, Entity | null> = {
  Czechoslovakia: { iso2: 'CZ', scope: 'all' },
  'South Georgia and the': { iso2: 'GS', scope: 'government' },
  'Iraq - Saudi Arabia Neutral Zone': null,
};
/** Corrections by the master table's ISO alpha-2 ('' when it has none). */
const BY_ISO2: Record<string, string> = { CS: 'RS', AN: 'CW' };

const masters = new Map(readCsv('master_countries.csv').map((m) => [m.MasterCountryID, m]));
const entities = new Map<string, Entity>();
for (const row of readCsv('countries.csv')) {
  const named = BY_NAME[row.Name ?? ''];
  if (named === null) continue;
  if (named) {
    entities.set(row.CountryID ?? '', named);
    continue;
  }
  const master = masters.get(row.MasterCountryID ?? '');
  if (!master) continue; // the Trust Territory of the Pacific Islands (1990–1992): no master row
  let iso2 = master.ISOAlpha2 ?? '';
  if (master.CanonicalName === 'Kosovo') iso2 = 'XK';
  iso2 = BY_ISO2[iso2] ?? iso2;
  if (!/^[A-Z]{2}$/.test(iso2)) continue; // the European Union, oceans, the world, uninhabited bits
  const type = master.EntityType ?? '';
  if (type === 'misc' || type === 'antarctic') continue;
  const scope: Scope =
    type === 'territory' ||
    type === 'crown_dependency' ||
    type === 'special_admin' ||
    master.ISOAlpha2 === 'AN'
      ? 'government'
      : 'all';
  entities.set(row.CountryID ?? '', { iso2, scope });
}

// ---------------------------------------------------------------------------------------------
// Reading the SQL dumps

interface Field {
  countryId: string;
  name: string;
  content: string;
}

/** The rows of one edition's `INSERT … VALUES (FieldID, CategoryID, CountryID, N'FieldName', N'Content')`. */
function* fieldsOf(sql: string): Iterable<Field> {
  const head = /\((\d+), (\d+), (\d+), N'/g;
  let m: RegExpExecArray | null;
  const quoted = (from: number): [string, number] => {
    let out = '';
    let i = from;
    for (;;) {
      const q = sql.indexOf("'", i);
      if (q === -1) throw new Error('unterminated string in the SQL dump');
      out += sql.slice(i, q);
      if (sql[q + 1] === "'") {
        out += "'";
        i = q + 2;
      } else return [out, q + 1];
    }
  };
  while ((m = head.exec(sql))) {
    const [name, afterName] = quoted(head.lastIndex);
    if (!sql.startsWith(", N'", afterName)) continue;
    const [content, end] = quoted(afterName + 4);
    head.lastIndex = end;
    yield { countryId: m[3] ?? '', name, content };
  }
}

/** The fields that carry an edition's chiefs of state and heads of government. */
const LEADER_FIELDS =
  /^(?:Executive branch|Leaders|Judicial branch|Chief of State|Head of Government|Chief of State and Head of Government)/;

const counts = {
  damaged: 0,
  oneWord: 0,
  regnal: 0,
  joined: 0,
  curated: 0,
  sameOffice: 0,
  org: 0,
  twoCountries: 0,
};

type Part = 'state' | 'government';
/** The chief-of-state and head-of-government parts of a field's text. */
function partsOf(field: Field): { part: Part; text: string }[] {
  if (/^Chief of State and Head of Government/.test(field.name))
    return [{ part: 'state', text: field.content }];
  if (field.name === 'Chief of State') return [{ part: 'state', text: field.content }];
  if (field.name === 'Head of Government') return [{ part: 'government', text: field.content }];
  const label =
    /\b(chief of state and head of government|chief of state|head of government|cabinet|elections?|election results|election\/appointment process|elections\/appointments|note)\s*(?::|--)/gi;
  const labels = [...field.content.matchAll(label)];
  const out: { part: Part; text: string }[] = [];
  labels.forEach((m, i) => {
    const word = (m[1] ?? '').toLowerCase();
    if (!word.startsWith('chief of state') && word !== 'head of government') return;
    const end = labels[i + 1]?.index ?? field.content.length;
    let text = field.content.slice((m.index ?? 0) + m[0].length, end);
    // "…; note - the president is both chief of state and head of government"
    const note = /\bnote\b\s*[-:–]/i.exec(text);
    if (note) text = text.slice(0, note.index);
    out.push({ part: word === 'head of government' ? 'government' : 'state', text });
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Words

const dataDir = join(import.meta.dirname, '..', 'resources');
const countryRows = readFileSync(join(dataDir, 'gazetteer', 'countries.tsv'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => line.split('\t'));

/** Words of titles, offices and institutions that come before a name: they end it on the left. */
// prettier-ignore
const TITLE_WORDS = new Set(`
  President Presidents Vice Vice-President Vice-Presidents Prime Minister Ministers Premier Premiers
  Deputy Deputies First Second Third Fourth Executive Chief Chairman Chairmen Chairwoman Chairperson
  Co-Chairman Co-Chairmen Chancellor Chancellors King Queen Emir Amir Sultan Crown Prince Princes
  Princess Grand Duke Duchess Emperor Empress Regent Regents Captain Captains Co-Prince Coprince
  Co-Princes Coprinces Governor Governor-General Governors Lieutenant Lieutenant-Governor Federal Head
  Heads Supreme Leader State Council Councils Presidium Presidency Presidential Republic Republics
  Islamic Democratic People's Socialist Arab United Union Federation Federal Kingdom Commonwealth
  National Transitional Interim Acting Provisional Military Revolutionary Command Salvation Committee
  Government Governing Assembly Cabinet Sovereign Senior Permanent Joint Collective Rotating
  Administrator Commissioner Commissioners High Representative Representatives Secretary
  Secretary-General General Mayor Taoiseach Bailiff Deemster Speaker Coordinating Coordinator Mentor
  Ruler Monarch Pope Holy See Territorial Legislative Executive Parliament Parliamentary Congress
  Defense Defence Interior Foreign Affairs Finance Economy Economic Justice Security Overseas
  Presiding Officer Officers Resident Consul Prefect Superior Director Board Protector Guide
  Revolution Brother Elder Statesman Principal Office Sitting Reigning Viceroy Custodian Two Holy
  Mosques Great Jamahiriya Highness His Her Majesty Excellency Royal Hereditary Designate
  Prime-Minister Prime-Minister-designate President-elect Premier-designate Minister-President
  Co-Regent Veguer Episcopal Administration Territory Island Islands Nation Nations Region Regional
  Autonomous Province Provincial Authority Palestinian Organization Liberation Front Party Also Other
  The And CEO Special Envoy Counselor Counsellor Councillor Councilor Member Members Staff Armed
  Forces Commander Commander-in-Chief In Cabinet Caretaker Outgoing Incoming Former Minister-Counselor
  Constitutional Conference Presidents Ministry Heir Apparent Successor Designated Faipule Aliki Ulu
  Lyonchhen Lyonpo Tanaiste Ombudsman Minister-Counsellor Appointed Elected Vice-Chairman Vice-Premier
  Co-prince Soviet American British French Chinese Mongolian Most Right Confederation Education Higher
  Science Culture Health Labor Labour Social Development Agriculture Trade Industry Energy Environment
  Infrastructure Transport Planning Investment Digital European Integration Reconstruction Tourism
  Sports Youth Women Family Public Internal External Relations Cooperation Technology Innovation Reform
  Communications Information Fisheries Mines Mining Oil Gas Water Housing Urban Rural Employment
  Welfare Solidarity Legal Veterans Minorities Human Rights Budget Treasury Commerce Customs Strategic
  Policy Coordination Unification Diaspora Religious Local Governance Decentralization Lands Natural
  Resources Climate Financial Monetary Privatization Ecology Media Intelligence Police Army Navy Heritage
  Sport Arts Digitization Digitalization Modernization Competitiveness Entrepreneurship Transformation
`.split(/\s+/).filter(Boolean));

/** Ranks and honorifics before a name: they end it on the left and are cut from the title. */
// prettier-ignore
const RANKS = new Set(`
  Gen Gen. Gen, Lt Lt. Lt.Gen. Lt.Gen Lt.Col. Maj Maj. Maj.Gen. Brig Brig. Brig.Gen. Col Col. Adm Adm.
  Cmdr Cmdr. Capt Capt. Sgt Sgt. Cpl. Sr. Gen.Sr. Dr Dr. Sir Dame Sheikh Shaykh Shaikh Cheikh? Field Marshal
  Air Rear Colonel Major Brigadier Admiral Lieutenant-General Major-General Lieutenant-Colonel General
  Commodore Squadron Wing Rev. Reverend Father Msgr. Mgr. Monsignor Cardinal Archbishop Bishop Mr.
  Mrs. Ms. Hon. Honorable Honourable Alhaji Mohtaram Lord Lady Prof. Professor Engineer Eng. Ing.
  Sheik Sayyid Hajji Haji Ayatollah Hojjat Hojjat-ol-Eslam Abuna Pastor Imam Mullah Maulvi Mawlawi
  Marshall Rt. Rt Ret. Ret Susuga Ratu Tun Datuk Dato Dato' Datuk' Tan Sri Dasho SIR DR. GEN. Vice-Admiral
  Lt.Gen Lt.-Gen. Maj.-Gen. Gen.Sr Senior-General Hadj Hadji El-Hadj Al-Hajj
`.split(/\s+/).filter((w) => w && !w.endsWith('?')));

// Country names and demonyms in English (the official names' words are TITLE_WORDS or these).
const countryWords = new Set<string>([
  'US',
  'Netherlands',
  'Antilles',
  'Zealand',
  'Kingdom',
  'Britain',
  'America',
]);
for (const row of countryRows)
  for (const name of [row[1] ?? '', row[5] ?? ''])
    for (const word of name.split(/[\s,()]+/)) if (/^\p{Lu}\p{L}{2,}/u.test(word)) countryWords.add(word);
// Country words that are given names too.
for (const word of [
  'Jordan',
  'Chad',
  'Georgia',
  'Salvador',
  'Leone',
  'Verde',
  'Faso',
  'Lucia',
  'Vincent',
  'Kitts',
  'Helena',
  'Marino',
  'Martin',
  'Pierre',
  'Christopher',
  'Tome',
  'Principe',
  'Costa',
  'Rica',
  'Jersey',
  'Cook',
  'Marshall',
  'Solomon',
  'Man',
  'Victoria',
  'Jan',
  'Mayen',
  'Kong',
  'Israel',
  'German',
  'Dominica',
  'Guinea',
  'Niger',
])
  countryWords.delete(word);

/** Capitalised acronyms before a name, which are not a family name. */
const ACRONYMS = new Set(
  'US USA UK UN EU USSR PRC ROC DPRK ROK UAE NA CEO TRNC KWP PCC MPLA ANC SWAPO FRELIMO ZANU-PF OAS AU NATO FLN PLO GDR FRG SFRY HKSAR MSAR SAC SPDC SLORC SIR DR. GEN.'.split(
    ' ',
  ),
);
const PARTICLES = new Set(
  'bin bint ibn al el de da das do dos du del della der den di van von la le y e ould ag arap wa'.split(' '),
);
const ROMAN = /^(?:I{1,3}|IV|V|VI{1,3}|IX|X{1,3}|XI{1,3}|XIV|XV|XVI)$/;
const SUFFIX = /^(?:Jr|Sr|Jr\.|Sr\.)$/;
const INITIAL = /^(?:\p{Lu}\.)+$/u;
const ARTICLE_PREFIX = /^(?:al|el|ad|an|ar|as|ash|at|az|Al|El|AL|EL)-/;

const isParticle = (w: string) =>
  PARTICLES.has(w.toLowerCase()) && (w === w.toLowerCase() || w === w.toUpperCase());
const isArticleWord = (w: string) => /^(?:al|el|ad|an|ar|as|ash|at|az)-\p{L}/u.test(w);
/** "OBAMA", "AKUFO-ADDO", "O'NEILL", "al-SISI", "SASSOU-Nguesso", "McCAIN". */
function isCaps(w: string): boolean {
  if (ROMAN.test(w) || ACRONYMS.has(w)) return false;
  const core = w.replace(/^(?:al|el|ad|an|ar|as|ash|at|az)-/, '').replace(/^(?:Mc|Mac)(?=\p{Lu}{2})/u, '');
  const first = core.split(/[-'’]/)[0] ?? '';
  return /^\p{Lu}+$/u.test(first) && /\p{Lu}{2}/u.test(core) && /^[\p{L}'’-]+\.?$/u.test(core);
}
const isTitleCase = (w: string) =>
  /^['‘’]?\p{Lu}[\p{Ll}'’]/u.test(w) ||
  /^(?:Al|El)-\p{Lu}/u.test(w) ||
  /^\p{Lu}-\p{Lu}\p{Ll}/u.test(w) ||
  /^[dl]['’]\p{Lu}\p{Ll}/u.test(w); // "Americo d'Oliveira DOS RAMOS"
const isStop = (w: string) =>
  TITLE_WORDS.has(w) || RANKS.has(w) || countryWords.has(w) || /-(?:designate|elect)$/i.test(w);
/** Title words news or the Factbook write in lowercase: "chief of state: president Aleksandr LUKASHENKO". */
const LOWER_TITLE =
  /^(?:president|vice|prime|minister|ministers|deputy|premier|chairman|chancellor|governor|first|second|third|acting|interim|in|of|the|and|for)$/;

const PARTICLE_CASE = new Set([
  'arap',
  'wa',
  'bin',
  'bint',
  'ibn',
  'de',
  'da',
  'das',
  'do',
  'dos',
  'du',
  'del',
  'della',
  'der',
  'den',
  'di',
  'van',
  'von',
  'la',
  'le',
  'y',
  'e',
]);
/** A word written in capitals, in title case: "AKUFO-ADDO" → "Akufo-Addo", "O'NEILL" → "O'Neill". */
function titleCase(w: string, first: boolean, country: string): string {
  if (w === w.toLowerCase()) return w; // "de" before "VILLEPIN"
  if (/\p{Ll}/u.test(w.replace(ARTICLE_PREFIX, '')) && !/^(?:AL|EL)-/.test(w)) {
    // partly lowercase already ("SASSOU-Nguesso", "al-SISI"): only the capital parts change
    return w.replace(/\p{Lu}{2,}/gu, (part) => part.charAt(0) + part.slice(1).toLowerCase());
  }
  const lower = w.toLowerCase();
  if (!first && PARTICLE_CASE.has(lower) && !(country === 'BE' && lower === 'van')) return lower;
  if (/^(?:al|el)-/.test(lower)) return lower.slice(0, 3) + cap(lower.slice(3));
  return lower
    .split('-')
    .map((part) => {
      const apostrophe = /^(\p{L})(['’])(\p{L}+)$/u.exec(part);
      return apostrophe ? cap(apostrophe[1] ?? '') + apostrophe[2] + cap(apostrophe[3] ?? '') : cap(part);
    })
    .join('-')
    .replace(/^Mc(\p{Ll})/u, (_, c: string) => 'Mc' + c.toUpperCase());
}
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * From the 2021 edition on, the archive lost letters with diacritics: some became a space ("Luiz In
 * cio LULA", "L PEZ OBRADOR", caught in nameAtEnd), some vanished: these are the cut words seen.
 */
const DAMAGED_SINCE = 2021;
const TRUNCATED = /^(?:jos|andr|rodr|guez|fils-aim|jer|rrez|rquez)$/i;

const PATRONYMIC = /(?:ovich|evich|yevich|ovych|evych|ovna|evna|ivna|ichna|ogly|oglu|uly|kyzy|qizi)$/;

// ---------------------------------------------------------------------------------------------
// Entries: "Title Given Names FAMILY Tail (since …)"

type Token = { kind: 'word' | 'paren' | 'quote' | 'sep'; text: string };
const TOKEN = /\([^()]*\)|"[^"]*"|“[^”]*”|[;,:|]|[^\s;,:|()"“”]+/g;
const TENURE = /\b(?:since|NA|acting|interim|from|until|elected|appointed|reappointed|\d{4})\b/i;

interface Sighting {
  year: number;
  country: string;
  role: string;
  given: string[]; // given names as written (initials and particles included)
  nick?: string;
  family: string[]; // in title case, a particle-led tail included
  second: string[]; // a second family name ("Ayma")
  capsFirst: boolean;
  /** The name as written ("Barack H. OBAMA"). */
  raw: string;
}

interface Parsed {
  start: number;
  given: string[];
  nick?: string;
  core: string[];
  tail: string[];
  /** A word split where the archive lost a letter ("Luiz In cio", "L PEZ"): see DAMAGED_SINCE. */
  split: boolean;
}

/** The name at the end of a chunk of words, or undefined. */
function nameAtEnd(tokens: Token[]): Parsed | undefined {
  let i = tokens.length - 1;
  while (i >= 0 && tokens[i]?.kind === 'paren') i--; // "(SPOe)", "(Ahmadzai)"
  const tail: string[] = [];
  let core: string[];
  for (;;) {
    for (; i >= 0; i--) {
      const t = tokens[i];
      if (!t || t.kind !== 'word') break;
      const w = t.text;
      if (isCaps(w)) break;
      if (
        (isTitleCase(w) && !isStop(w)) ||
        isParticle(w) ||
        isArticleWord(w) ||
        ROMAN.test(w) ||
        SUFFIX.test(w)
      )
        tail.unshift(w);
      else return undefined;
    }
    core = [];
    for (; i >= 0; i--) {
      const t = tokens[i];
      if (!t || t.kind !== 'word') break;
      if (isCaps(t.text)) core.unshift(t.text);
      else if (core.length && isParticle(t.text) && i > 0 && isCaps(tokens[i - 1]?.text ?? ''))
        core.unshift(t.text);
      else break;
    }
    // "KHALID bin Mohamed AL Attiyah": capitals that are only a particle are no family name
    if (core.length === 0 || !core.every((w) => isParticle(w))) break;
    tail.unshift(...core);
  }
  if (core.length === 0) return undefined;
  const given: string[] = [];
  let nick: string | undefined;
  let split = false;
  for (; i >= 0; i--) {
    const t = tokens[i];
    if (!t) break;
    if (t.kind === 'quote' || (t.kind === 'paren' && !TENURE.test(t.text))) {
      const inner = t.text.slice(1, -1).trim();
      const words = inner.split(/\s+/);
      // "Anthony (Tony) BLAIR"; not "(Ret.)" or "(President of the Executive Yuan)"
      if (/^\p{Lu}[\p{L}'’ -]*$/u.test(inner) && words.length <= 2 && !words.some(isStop) && !nick) {
        nick = /\p{Ll}/u.test(inner) ? inner : titleCase(inner, true, '');
        continue;
      }
      break;
    }
    if (t.kind !== 'word') break;
    const w = t.text;
    // "Joao Bernardo 'Nino' VIEIRA"
    if (/^['‘]\p{Lu}[\p{L}-]*['’]$/u.test(w) && !nick) {
      nick = w.slice(1, -1);
      continue;
    }
    if ((isTitleCase(w) && !isStop(w)) || INITIAL.test(w) || isParticle(w) || isArticleWord(w)) {
      given.unshift(w);
      continue;
    }
    // "Luiz In cio LULA", "L PEZ OBRADOR": a letter lost in the archive split a word
    if (/^\p{Ll}{1,5}$/u.test(w) && !PARTICLES.has(w) && isTitleCase(tokens[i - 1]?.text ?? '')) split = true;
    if (/^\p{Lu}$/u.test(w)) split = true;
    break;
  }
  while (given.length && isParticle(given[0] ?? '')) given.shift();
  // "Dominique de VILLEPIN": a particle before the capitals belongs to the family name
  while (given.length > 1 && isParticle(given[given.length - 1] ?? '')) core.unshift(given.pop() ?? '');
  return { start: i + 1, given, ...(nick !== undefined && { nick }), core, tail, split };
}

/** Cuts ranks, the country and plurals from a title: "Prime Minister, Lt. Gen" → "Prime Minister". */
function cleanRole(title: string): string {
  let words = title.replace(/,/g, ' ').split(/\s+/).filter(Boolean);
  // "President of the Islamic Republic of Afghanistan", "Queen of Australia", "President of the US"
  const of = words.indexOf('of');
  if (of > 0) {
    const rest = words.slice(of + 1);
    if (
      rest.some(
        (w) =>
          countryWords.has(w) ||
          ACRONYMS.has(w) ||
          /^(?:Republic|Kingdom|Federation|Confederation|Commonwealth)$/.test(w),
      )
    )
      words = words.slice(0, of);
  }
  const keepGeneral = /^(?:Governor|Secretary|Attorney|Procurator|Inspector|Director|Governor-General)$/;
  while (words.length) {
    const last = words[words.length - 1] ?? '';
    if (last === 'General' && keepGeneral.test(words[words.length - 2] ?? '')) break;
    if (RANKS.has(last) || /^(?:Vice|Senior|Rear|Most|Right|The|and|the|of|for)$/.test(last)) words.pop();
    else break;
  }
  while (words.length && /^(?:and|the|of|for|in|former|Former)$/.test(words[0] ?? '')) words.shift();
  // "Head of Government Prime Minister"
  if (/^Head of (?:State|Government) \S/.test(words.join(' '))) words = words.slice(3);
  words = words.map((w) => (LOWER_TITLE.test(w) && !/^(?:of|the|and|for|in)$/.test(w) ? cap(w) : w));
  // the head noun in the singular: "Deputy Prime Ministers" → "Deputy Prime Minister"
  const head = words.indexOf('of') > 0 ? words.indexOf('of') - 1 : words.length - 1;
  const noun = words[head];
  if (noun)
    words[head] = noun
      .replace(/men$/, 'man')
      .replace(/^(Co-?[Pp]rince|Prince)s$/, '$1')
      .replace(
        /^(.*(?:President|Minister|Premier|Chancellor|Regent|Governor|Councill?or|Commissioner|Captain|Leader|Representative|Administrator|Member|Officer))s$/,
        '$1',
      )
      .replace(/^(Secretar|Deput)ies$/, '$1y');
  return words.join(' ');
}

/** The people one part ("chief of state: …") names, in order. */
function sightingsOf(text: string, part: Part, year: number, country: string, scope: Scope): Sighting[] {
  if (scope === 'government' && part !== 'government') return [];
  // "William Jefferson CLINTON of the US (since…)", "Queen BEATRIX of the Netherlands (since…)";
  // the ayn as an apostrophe ("Mu`ammar" → "Mu'ammar")
  const cleaned = text
    .replace(/`/g, "'")
    .replace(/(\p{Lu}{2,}[\p{L}'’.-]*) of (?:the )?\p{Lu}[\p{L}'’. -]*?(?=\s*\()/gu, '$1');
  const tokens: Token[] = [];
  for (const m of cleaned.matchAll(TOKEN)) {
    const t = m[0];
    tokens.push({
      kind: t.startsWith('(') ? 'paren' : /^["“]/.test(t) ? 'quote' : /^[;,:|]$/.test(t) ? 'sep' : 'word',
      text: t,
    });
  }
  const out: Sighting[] = [];
  const fallback = part === 'state' ? 'Head of state' : 'Head of government';
  let lastRole = '';
  // An entry ends at a tenure in brackets; one ended by ";" or the part's end names nobody kept.
  let entry: Token[] = [];
  let entryOpensList = false;
  let first = true; // no entry of this part ended yet
  const flush = () => {
    first = false;
    // chunks: split at "," and "and"
    const chunks: { tokens: Token[]; opensList: boolean; sep: string }[] = [
      { tokens: [], opensList: entryOpensList, sep: ' ' },
    ];
    for (const t of entry) {
      if ((t.kind === 'sep' && t.text === ',') || (t.kind === 'word' && t.text === 'and'))
        chunks.push({ tokens: [], opensList: true, sep: t.text === 'and' ? ' and ' : ' ' });
      else chunks[chunks.length - 1]?.tokens.push(t);
    }
    let prefix = '';
    let prefixSep = ' ';
    for (const chunk of chunks) {
      const parsed = nameAtEnd(chunk.tokens);
      const before = chunk.tokens.slice(0, parsed?.start ?? chunk.tokens.length);
      let j = before.length;
      while (j > 0) {
        const t = before[j - 1];
        if (!t) break;
        // "Prime Minister (referred to in Italy as the president of the Council of Ministers)"
        if (t.kind === 'paren' || t.kind === 'quote') j--;
        else if (
          t.kind === 'word' &&
          (isTitleCase(t.text) || LOWER_TITLE.test(t.text) || ACRONYMS.has(t.text) || RANKS.has(t.text))
        )
          j--;
        else break;
      }
      const own = before
        .slice(j)
        .filter((t) => t.kind === 'word')
        .map((t) => t.text)
        .join(' ');
      const title = [prefix, own].filter(Boolean).join(prefixSep);
      if (!parsed) {
        // "Prime Minister and Vice President …": a title alone leads the next chunk's
        if (title && !chunk.tokens.every((t) => SUFFIX.test(t.text))) prefix = title;
        prefixSep = chunks[chunks.indexOf(chunk) + 1]?.sep ?? ' ';
        continue;
      }
      prefix = '';
      let role = cleanRole(title);
      const lead = before
        .slice(0, j)
        .map((t) => t.text)
        .join(' ');
      if (!role)
        role =
          chunk.opensList && lastRole
            ? lastRole
            : /represented by/.test(lead)
              ? 'Representative of the head of state'
              : fallback;
      lastRole = role;
      if (/^(?:French )?Co-?[Pp]rince|Coprince/.test(role)) continue; // Andorra: France's president, the Bishop of Urgell
      // "Laurent-DESIRE KABILA"
      const given = parsed.given.map((w) =>
        /\p{Lu}{2}/u.test(w) && !INITIAL.test(w) ? titleCase(w, true, country) : w,
      );
      const capsFirst = given.length === 0 && parsed.nick === undefined;
      const particleTail = parsed.tail.length > 0 && isParticle(parsed.tail[0] ?? '') && !capsFirst;
      const family = [
        ...parsed.core.map((w, k) =>
          titleCase(w, k === 0 && parsed.given.length === 0 && parsed.nick === undefined, country),
        ),
        ...(particleTail ? parsed.tail.filter((w) => !ROMAN.test(w) && !SUFFIX.test(w)) : []),
      ];
      const second = particleTail
        ? []
        : parsed.tail
            .filter((w) => !ROMAN.test(w) && !SUFFIX.test(w))
            .map((w) => (isCaps(w) ? titleCase(w, false, country) : w)); // "KHALID bin Mohamed AL Attiyah"
      if (
        year >= DAMAGED_SINCE &&
        (parsed.split ||
          [...given, ...parsed.core, ...parsed.tail].some((w) => TRUNCATED.test(w)) ||
          // "Faustin-Archange TOUAD RA"
          parsed.core.slice(1).some((w) => w.length <= 2 && !isParticle(w)))
      ) {
        counts.damaged++;
        continue;
      }
      out.push({
        year,
        country,
        role,
        given,
        ...(parsed.nick !== undefined && { nick: parsed.nick }),
        family,
        second,
        capsFirst,
        raw: [...given, ...parsed.core, ...parsed.tail].join(' '),
      });
    }
    entry = [];
  };
  // The part's first name may go without a tenure when a title leads it and a comma or the part's end
  // follows: "chief of state: Capt. Moussa Dadis CAMARA, President of the National Council …"
  const titledFirst = () => {
    if (!first || entry.length === 0) return false;
    const parsed = nameAtEnd(entry);
    return (
      parsed !== undefined &&
      entry
        .slice(0, parsed.start)
        .some(
          (t) =>
            t.kind === 'word' &&
            (TITLE_WORDS.has(t.text) || RANKS.has(t.text) || /^(?:president|prime|premier)$/.test(t.text)),
        )
    );
  };
  for (const t of tokens) {
    if (t.kind === 'paren' && TENURE.test(t.text)) {
      flush();
      entryOpensList = false;
      continue;
    }
    if (t.kind === 'sep' && t.text === ':') continue; // "three Deputy Prime Ministers: Valerian CRISTEA, …"
    if (t.kind === 'sep' && titledFirst()) {
      flush();
      entryOpensList = false;
    }
    if (t.kind === 'sep' && (t.text === ';' || t.text === '|')) {
      first = false;
      entry = [];
      entryOpensList = false;
      continue;
    }
    if (entry.length === 0 && ((t.kind === 'sep' && t.text === ',') || t.text === 'and')) {
      entryOpensList = true;
      continue;
    }
    entry.push(t);
  }
  if (titledFirst()) flush();
  return out;
}

// ---------------------------------------------------------------------------------------------
// Read every edition

const sightings: Sighting[] = [];
for (let year = FIRST_EDITION; year <= LAST_EDITION; year++) {
  const file = join(archive, 'data', 'fields', `country_fields_${year}.sql.gz`);
  const sql = gunzipSync(readFileSync(file)).toString('utf8');
  for (const field of fieldsOf(sql)) {
    if (!LEADER_FIELDS.test(field.name)) continue;
    if (field.name === 'Judicial branch' && !/Chief of State/.test(field.content)) continue;
    const entity = entities.get(field.countryId);
    if (!entity) continue;
    for (const { part, text } of partsOf(field))
      sightings.push(...sightingsOf(text, part, year, entity.iso2, entity.scope));
  }
}

// ---------------------------------------------------------------------------------------------
// Forms of a name

const LETTERS: Record<string, string> = { ł: 'l', Ł: 'L', ø: 'o', Ø: 'O', đ: 'd', Đ: 'D', ı: 'i', ð: 'd' };
const plain = (name: string) =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[łŁøØđĐıð]/g, (c) => LETTERS[c] ?? c);
/** For comparing names: no diacritics, case or ayn marks ("Ma'ruf" is "Maruf"), hyphens as spaces ("Kim Jong-il"). */
const fold = (s: string) =>
  plain(s)
    .toLowerCase()
    .replace(/['’‘`]/g, '')
    .replace(/-/g, ' ');

/**
 * Given names as units: "Abd al-Salam", "Abdel Fattah", "Ould Sid'Ahmed", "Muhyi al-Din" are one name
 * each, never cut in two by the short forms.
 */
function givenUnits(words: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? '';
    const next = words[i + 1];
    if (isArticleWord(w) && out.length) out[out.length - 1] += ` ${w}`;
    else if (/^(?:al|el)$/.test(w) && next && out.length) {
      // "Abd al Majid"
      out[out.length - 1] += ` ${w} ${next}`;
      i++;
    } else if (
      next &&
      /^(?:Ould|ould|Abu|Abou|Bin|bin|Ibn|ibn|Ag|ag|Abd|Abdel|Abdul|Abdoul|Abdou)$/.test(w) &&
      !isArticleWord(next)
    ) {
      out.push(`${w} ${next}`);
      i++;
    } else out.push(w);
  }
  return out;
}

/** Given names news shortens: "Bill" for "William". */
// prettier-ignore
const SHORT_GIVEN: Record<string, string> = {
  bill: 'william', bob: 'robert', jim: 'james', joe: 'joseph', dick: 'richard', tony: 'anthony',
  ted: 'edward', mike: 'michael', nick: 'nicholas', sam: 'samuel', tom: 'thomas', al: 'albert',
  dan: 'daniel', chris: 'christopher', steve: 'stephen', tim: 'timothy', ken: 'kenneth',
  larry: 'lawrence', jerry: 'gerald', kostas: 'konstantinos',
};
const SHORT_OF = Object.fromEntries(
  Object.entries(SHORT_GIVEN)
    .filter(([short]) => short !== 'kostas')
    .map(([short, formal]) => [formal, short]),
);
/** Where news calls a "Richard" "Dick" (an alias, kept only when nobody else has it). */
const ENGLISH_NAMES = new Set(['US', 'GB', 'AU', 'NZ', 'CA', 'IE']);

/** Where names are written family name first (as in scripts/import-leaders.ts). */
const FAMILY_NAME_FIRST = new Set(['CN', 'KH', 'KP', 'KR', 'MM', 'TW', 'VN']);

interface Forms {
  name: string;
  /** Forms that name the person fully: the full name, the given names with the family name. */
  full: string[];
  /** First or last given name with the family name: kept only when nobody else has them. */
  short: string[];
}

function formsOf(s: Sighting): Forms {
  const family = s.family.join(' ');
  if (s.capsFirst) {
    const name = [...s.family, ...s.second].join(' ');
    return { name, full: [], short: [] };
  }
  const named = givenUnits(s.given.filter((w) => !INITIAL.test(w)));
  const usual = named.filter((w) => !PATRONYMIC.test(w));
  const first = usual[0] ?? named[0] ?? '';
  let name: string;
  if (s.nick) name = `${s.nick} ${family}`;
  else if (usual.length <= 2) name = [...usual, family].join(' ');
  else name = `${first} ${family}`;
  const full = [
    [...named, family, ...s.second].join(' '),
    [...named, family].join(' '),
    [...usual, family].join(' '),
  ];
  // "bin Rashid" stays in the name but is no name to be called by
  const callable = usual.filter((u) => !/^(?:bin|ibn|bint|Bin|Ibn) /.test(u));
  // no short forms where names are written family name first ("Trinh Dinh DUNG" is not "Trinh Dung")
  const short = FAMILY_NAME_FIRST.has(s.country)
    ? []
    : [callable[0], callable[callable.length - 1]].filter(Boolean).map((g) => `${g} ${family}`);
  // "Richard B. CHENEY" is "Dick Cheney" in news
  const hypocorism = ENGLISH_NAMES.has(s.country) ? SHORT_OF[fold(first)] : undefined;
  if (hypocorism && !s.nick && usual.length === 1) short.push(`${cap(hypocorism)} ${family}`);
  const named2 = (f: string) => f !== name && f.includes(' ');
  return { name, full: full.filter(named2), short: short.filter(named2) };
}

/** Keys that make two sightings of one country the same person. */
function keysOf(s: Sighting): string[] {
  if (s.capsFirst) {
    // the whole name: "KIM Jong Il" is not "KIM Yong Il"
    return [`c|${fold([...s.family, ...s.second].join(' '))}`];
  }
  const family = fold(s.family.join(' '));
  const named = givenUnits(s.given.filter((w) => !INITIAL.test(w)));
  const usual = named.filter((w) => !PATRONYMIC.test(w));
  const keys: string[] = [];
  if (named[0]) keys.push(`g|${family}|${fold(named[0])}`);
  if (s.nick) keys.push(`g|${family}|${fold(s.nick.split(' ')[0] ?? '')}`);
  if (s.second.length && usual.length) keys.push(`g|${family}|${fold(usual[usual.length - 1] ?? '')}`);
  if (keys.length === 0) keys.push(`g|${family}|`);
  return keys;
}

// ---------------------------------------------------------------------------------------------
// One person per country and key

interface Official {
  country: string;
  sightings: Sighting[];
}
const groups: Official[] = [];
{
  const byKey = new Map<string, Official>();
  for (const s of sightings) {
    const keys = keysOf(s).map((k) => `${s.country}|${k}`);
    const found = [...new Set(keys.map((k) => byKey.get(k)).filter((g): g is Official => g !== undefined))];
    let group = found[0];
    if (!group) {
      group = { country: s.country, sightings: [] };
      groups.push(group);
    }
    for (const other of found.slice(1)) {
      group.sightings.push(...other.sightings);
      other.sightings = [];
    }
    group.sightings.push(s);
    for (const g of [group])
      for (const x of g.sightings) for (const k of keysOf(x)) byKey.set(`${x.country}|${k}`, g);
  }
}

const MONARCH =
  /\b(?:King|Queen|Emperor|Empress|Grand Duke|Grand Duchess|Prince|Princess|Sultan|Emir|Amir|Pope|Heir Apparent)\b/;

interface Candidate {
  name: string;
  full: string[];
  short: string[];
  role: string;
  country: string;
  from: number;
  to: number;
  raw: string;
  /** Given names and nickname of the latest spelling, for sameOffice(). */
  given: string[];
  years: Set<number>;
  /** The family name and first given name of the latest spelling ('' for names without one). */
  family: string;
  firstGiven: string;
}
const candidates: Candidate[] = [];
for (const group of groups) {
  if (group.sightings.length === 0) continue;
  const ordered = [...group.sightings].sort((a, b) => a.year - b.year);
  const latest = ordered[ordered.length - 1];
  if (!latest) continue;
  const forms = formsOf(latest);
  if (forms.name.split(' ').length < 2) {
    counts.oneWord++;
    continue;
  }
  // "BEATRIX Wilhelmina Armgard": a monarch's given names, no family name; "Prince HANS ADAM II"
  if (
    MONARCH.test(latest.role) &&
    ((latest.capsFirst && !latest.second.some((w) => /^(?:bin|ibn|bint|Al|al)$|^(?:Al|al)-/.test(w))) ||
      / (?:I{1,3}|IV|VI{0,3}|IX|XI{0,3})$/.test(latest.raw))
  ) {
    counts.regnal++;
    continue;
  }
  const full = new Set<string>();
  const short = new Set<string>();
  for (const s of ordered) {
    const f = formsOf(s);
    if (f.name.split(' ').length < 2) continue;
    full.add(f.name);
    for (const x of f.full) full.add(x);
    for (const x of f.short) short.add(x);
  }
  full.delete(forms.name);
  for (const f of full) short.delete(f);
  short.delete(forms.name);
  candidates.push({
    name: forms.name,
    full: [...full],
    short: [...short].filter((x) => x.split(' ').length >= 2),
    role: latest.role,
    country: group.country,
    from: ordered[0]?.year ?? latest.year,
    to: latest.year,
    raw: latest.raw,
    years: new Set(ordered.map((s) => s.year)),
    family: latest.capsFirst ? '' : latest.family.join(' '),
    firstGiven: latest.capsFirst ? '' : (givenUnits(latest.given.filter((w) => !INITIAL.test(w)))[0] ?? ''),
    given: latest.capsFirst
      ? []
      : [...latest.given.filter((w) => !INITIAL.test(w)), ...(latest.nick ? [latest.nick] : [])],
  });
}

// Spellings the keys did not join ("MELES Zenawi" and "Meles ZENAWI", "Maxime CARLOT Korman" and
// "Maxime Carlot KORMAN"): one country's candidates sharing a name or full form are one person, named
// as in the latest edition.
const people0: Candidate[] = [];
/** Moves `drop`'s spellings and years into `keep`, and `drop` out of people0. */
function absorb(keep: Candidate, drop: Candidate): void {
  keep.full.push(drop.name, ...drop.full);
  keep.short.push(...drop.short);
  for (const y of drop.years) keep.years.add(y);
  keep.from = Math.min(keep.from, drop.from);
  keep.to = Math.max(keep.to, drop.to);
  const at = people0.indexOf(drop);
  if (at !== -1) people0.splice(at, 1);
  counts.joined++;
}
{
  const byForm = new Map<string, Candidate>();
  const all = [...candidates].sort((a, b) => b.to - a.to || b.years.size - a.years.size);
  for (const c of all) {
    const forms = [c.name, ...c.full].map((f) => `${c.country}|${fold(f)}`);
    const into = forms.map((f) => byForm.get(f)).find((x) => x !== undefined);
    if (into) absorb(into, c);
    else people0.push(c);
    const target = into ?? c;
    for (const f of forms) if (!byForm.has(f)) byForm.set(f, target);
  }
  // "James Gordon BROWN" (2008) and "Gordon BROWN" (2007): a short form that is another candidate's
  // name in the same country, in the next or the same editions
  const byName = new Map(people0.map((c) => [`${c.country}|${fold(c.name)}`, c]));
  const gap = (a: Candidate, b: Candidate) =>
    Math.max(a.from, b.from) -
    Math.min(a.to, b.to) -
    (Math.min(a.to, b.to) <= 2017 && Math.max(a.from, b.from) >= 2021 ? 3 : 0);
  for (const c of [...people0]) {
    const other = c.short
      .map((f) => byName.get(`${c.country}|${fold(f)}`))
      // not across the 2018–2020 gap: "Mahamat Idriss DEBY" (2021) is the son of "Idriss DEBY" (2017)
      .find((o) => o && o !== c && Math.max(c.from, o.from) - Math.min(c.to, o.to) <= 1);
    if (!other || !people0.includes(other) || !people0.includes(c)) continue;
    const [keep, drop] = c.to >= other.to ? [c, other] : [other, c];
    // named as the edition that wrote the short form did: "Gordon Brown"
    if (keep === c) [keep.name, drop.name] = [other.name, keep.name];
    absorb(keep, drop);
  }
  // "Maaouiya Ould Sid'Ahmed TAYA" and "Maaouya …": one family name, a given name spelled two ways,
  // in the next or the same editions
  const bare = (family: string) => fold(family).replace(/^(?:al|el) /, '');
  for (const c of [...people0]) {
    if (!people0.includes(c) || !c.family) continue;
    const other = people0.find(
      (o) =>
        o !== c &&
        o.country === c.country &&
        o.family &&
        gap(c, o) <= 1 &&
        ((bare(o.family) === bare(c.family) &&
          !o.firstGiven.includes(' ') &&
          !c.firstGiven.includes(' ') &&
          fold(o.firstGiven) !== fold(c.firstGiven) &&
          sameGiven(o.firstGiven, c.firstGiven)) ||
          // "Henry VAN TIO" and "Henry VAN THIO", "Nuri MALIKI" and "Nuri al-MALIKI"
          (sameSurname(bare(o.family), bare(c.family)) && fold(o.firstGiven) === fold(c.firstGiven))),
    );
    if (!other) continue;
    const [keep, drop] = c.to >= other.to ? [c, other] : [other, c];
    absorb(keep, drop);
  }
  // "MANSUR bin Zayid Al-Nuhayyan" and "… Al Nuhayan", "HAYTHAM bin Tariq Al Said" and "HAITHAM bin
  // Tarik …": a name without a family name spelled two ways (two letters apart, once articles, "bin",
  // hyphens and doubled letters are set aside), in the next or the same editions; never for names
  // written family name first ("KIM Jong Il" is not "KIM Yong Il")
  const compact = (name: string) =>
    fold(name)
      .replace(/\b(?:al|el)[- ]/g, '')
      .replace(/\b(?:bin|ibn|bint) /g, '')
      .replace(/-/g, '')
      .replace(/(\p{L})\1+/gu, '$1');
  for (const c of [...people0]) {
    if (!people0.includes(c) || c.family || FAMILY_NAME_FIRST.has(c.country)) continue;
    const mine = compact(c.name);
    const other = people0.find((o) => {
      if (o === c || o.family || o.country !== c.country || gap(c, o) > 1) return false;
      const theirs = compact(o.name);
      return (
        editDistance(mine.split(' ')[0] ?? '', theirs.split(' ')[0] ?? '') <= 1 &&
        editDistance(mine, theirs) <= 2
      );
    });
    if (!other) continue;
    const [keep, drop] = c.to >= other.to ? [c, other] : [other, c];
    absorb(keep, drop);
  }
  for (const c of people0) {
    c.full = [...new Set(c.full)].filter((f) => fold(f) !== fold(c.name));
    const fulls = new Set(c.full.map(fold));
    c.short = [...new Set(c.short)].filter((f) => fold(f) !== fold(c.name) && !fulls.has(fold(f)));
  }
}

// ---------------------------------------------------------------------------------------------
// Against the other lists

const namesDir = join(dataDir, 'names');
const listed = ['people.json', 'leaders.json'].flatMap(
  (f) => (JSON.parse(readFileSync(join(namesDir, f), 'utf8')) as { people: Person[] }).people,
);
const listedSurfaces = new Map<string, Person>();
for (const p of listed) for (const s of [p.name, ...p.aliases]) listedSurfaces.set(fold(s), p);
const orgSurfaces = new Set(
  ['organizations.json', 'ucdp-actors.json'].flatMap((f) =>
    (
      JSON.parse(readFileSync(join(namesDir, f), 'utf8')) as {
        organizations: { name: string; aliases: string[] }[];
      }
    ).organizations.flatMap((o) => [o.name, ...o.aliases].map(fold)),
  ),
);
const placeSurfaces = new Set<string>();
for (const row of countryRows)
  for (const n of [row[1] ?? '', ...(row[4] ?? '').split('|')]) if (n) placeSurfaces.add(fold(n));
for (const line of readFileSync(join(dataDir, 'gazetteer', 'city-alternates.tsv'), 'utf8').split('\n'))
  placeSurfaces.add(fold(line.slice(0, line.indexOf('\t'))));

const surname = (name: string) => fold(name.split(' ').pop() ?? '');
const yearOf = (day: string | undefined, otherwise: number) => (day ? Number(day.slice(0, 4)) : otherwise);
function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j] ?? 0;
      row[j] = Math.min(above + 1, (row[j - 1] ?? 0) + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length] ?? 0;
}
/** "Dmitriy"/"Dmitry", "Samuel"/"Sam", "Umar"/"Omar", "William"/"Bill": one given name spelled two ways. */
function sameGiven(a: string, b: string): boolean {
  const [x, y] = [fold(a), fold(b)];
  if (x.slice(0, 3) === y.slice(0, 3) && x.length >= 3 && y.length >= 3) return true;
  if (SHORT_GIVEN[x] === y || SHORT_GIVEN[y] === x) return true;
  return Math.min(x.length, y.length) >= 4 && editDistance(x, y) <= 2;
}
/** "al-Asad"/"al-Assad", "Elsisi"/"el-Sisi": a family name spelled two ways. */
function sameSurname(a: string, b: string): boolean {
  const close = (x: string, y: string) =>
    x === y || (Math.min(x.length, y.length) >= 4 && editDistance(x, y) <= 1);
  const bare = (x: string) => x.replace(/^(?:al|el)[- ]?(?=\p{L}{4})/u, '');
  return close(a, b) || close(bare(a), bare(b));
}
/**
 * A head of state or government of people.json or leaders.json with this family name, a given name
 * alike, the country and overlapping years: "William Jefferson CLINTON" is leaders.json's "Bill
 * Clinton". Not for names without a family name ("HAMAD bin Jasim … Al Thani" is not the emir).
 */
function sameOffice(c: Candidate): Person | undefined {
  if (c.given.length === 0) return undefined;
  return listed.find(
    (p) =>
      p.country === c.country &&
      yearOf(p.from, 0) <= c.to &&
      yearOf(p.to, 9999) >= c.from &&
      [p.name, ...p.aliases].some(
        (s) =>
          s.includes(' ') &&
          sameSurname(surname(s).replace(/^(?:al|el) /, ''), surname(c.name).replace(/^(?:al|el) /, '')) &&
          s
            .split(' ')
            .slice(0, -1)
            .some((g) => c.given.some((h) => sameGiven(g, h))),
      ),
  );
}

const kept: Candidate[] = [];
for (const c of people0) {
  if ([c.name, ...c.full].some((f) => listedSurfaces.has(fold(f)))) {
    counts.curated++;
    continue;
  }
  if (c.short.some((f) => listedSurfaces.get(fold(f))?.country === c.country)) {
    counts.curated++;
    continue;
  }
  const office = sameOffice(c);
  if (office) {
    counts.sameOffice++;
    if (verbose)
      console.log(`same office-holder: ${c.name} (${c.country} ${c.from}–${c.to}) = ${office.name}`);
    continue;
  }
  if (orgSurfaces.has(fold(c.name)) || placeSurfaces.has(fold(c.name))) {
    counts.org++;
    continue;
  }
  kept.push(c);
}

// One name in two countries: mostly one person in two posts (Salva Kiir, Sudan's first vice president
// and South Sudan's president; an administrator of both Christmas and Cocos Islands; Kosovo's president
// under Serbia's entry in 2007), kept in the country that named him in the most editions (the latest
// if equal).
const byName = new Map<string, Candidate[]>();
for (const c of kept) byName.set(fold(c.name), [...(byName.get(fold(c.name)) ?? []), c]);
const officials = kept.filter((c) => {
  const same = byName.get(fold(c.name)) ?? [];
  const best = [...same].sort((a, b) => b.years.size - a.years.size || b.to - a.to)[0];
  if (best !== c) {
    counts.twoCountries++;
    return false;
  }
  return true;
});

// Every alias once: a form two people have, or another list's, names neither.
const owners = new Map<string, number>();
const addOwner = (s: string) => owners.set(fold(s), (owners.get(fold(s)) ?? 0) + 1);
for (const c of officials) for (const s of new Set([c.name, ...c.full, ...c.short].map(fold))) addOwner(s);
const free = (s: string) =>
  owners.get(fold(s)) === 1 &&
  !listedSurfaces.has(fold(s)) &&
  !orgSurfaces.has(fold(s)) &&
  !placeSurfaces.has(fold(s));

/**
 * Given names borne by so many that a short form with them names nobody in particular: "Prasad
 * Koirala" is not Girija Prasad Koirala, "Mohammad Nabi" not only Afghanistan's vice president.
 */
const COMMON_GIVEN = new Set(
  'Muhammad Mohammad Mohammed Mohamed Muhammed Mohamad Mohamud Mahamat Ahmad Ahmed Ali Hassan Hussein Husayn Abdullah Abdallah Prasad Kumar Bahadur Lal Nath Chandra Raj Ram Prakash Narayan Man Bikram Dev Deo Singh Maria Marie Jose Juan Jean'.split(
    ' ',
  ),
);
/** An alias of two words opening with a common given name ("Mohammad Nabi", "Prasad Koirala"). */
const generic = (form: string) => {
  const words = form.split(' ');
  return words.length === 2 && COMMON_GIVEN.has(words[0] ?? '');
};

const people = officials
  .sort((a, b) => a.country.localeCompare(b.country) || a.from - b.from || a.name.localeCompare(b.name))
  .map((c) => {
    const aliases = new Set<string>();
    for (const f of [...c.full, ...c.short]) if (free(f) && !generic(f)) aliases.add(f);
    for (const f of [c.name, ...aliases]) if (plain(f) !== f && free(plain(f))) aliases.add(plain(f));
    // "Mu'ammar al-Qadhafi" is written "Muammar al-Qadhafi" too; "Yel'tsin" "Yeltsin"
    for (const f of [c.name, ...aliases]) {
      const bare = f.replace(/(?<=\p{L})['’](?=\p{Ll})/gu, '');
      if (bare !== f && free(bare)) aliases.add(bare);
    }
    aliases.delete(c.name);
    return {
      name: c.name,
      aliases: [...aliases],
      role: c.role,
      country: c.country,
      from: String(c.from),
      ...(c.to < LAST_EDITION && { to: String(c.to) }),
    };
  });

const file = {
  version: new Date().toISOString().slice(0, 10) + '.1',
  about:
    "Chiefs of state, heads of government, vice presidents, deputy prime ministers and the like named in the 'Executive branch' entries of the CIA World Factbook, editions 1990-2025 (a US government work, public domain), as archived in MilkMp/CIA-World-Factbooks-Archive-1990-2025 (commit b998f60). Named as English news names them (the Factbook's capitalised family name in title case); people already in people.json or leaders.json left out. 'from' and 'to' are the first and last edition years naming the person (editions lag events by months; the 2018-2020 editions have no names); 'to' absent means named in the 2025 edition. Written by scripts/import-factbook-leaders.ts; do not edit by hand.",
  people,
};
writeFileSync(join(namesDir, 'officials.json'), JSON.stringify(file, null, 1) + '\n');
console.log(
  `${sightings.length} names read in ${LAST_EDITION - FIRST_EDITION + 1} editions (${counts.damaged} damaged ones skipped), ` +
    `${groups.filter((g) => g.sightings.length).length} spellings of a person: ${people.length} people written ` +
    `(${people.filter((p) => p.aliases.length).length} with an alias); ${counts.joined} spellings joined to another; ` +
    `left out: ${counts.oneWord} of one word, ${counts.regnal} regnal names, ${counts.curated} already in people.json or leaders.json, ` +
    `${counts.sameOffice} the same person there under another spelling, ${counts.org} an organisation's or place's name, ` +
    `${counts.twoCountries} named in another country too`,
);
