/** Loads and validates the curated people and organisations (data/names/*.json) and the imported lists. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Lexicon, Organization, Person } from '../lexicon.ts';
import { foldDiacritics, titleCased } from '../spelling.ts';

const ISO2 = z.string().regex(/^[A-Z]{2}$/);

interface PeopleFile {
  version: string;
  people: Person[];
}

const ISO2_CODE = /^[A-Z]{2}$/;
const DAY_OR_YEAR = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/**
 * Checks a people file field by field. Written out rather than with zod: the Factbook's 3,600
 * officials took zod 45 ms on a cold start, most of what importing them added to the first result.
 */
function checkPeople(data: unknown): PeopleFile {
  const fail = (path: string, message: string): never => {
    throw new Error(`${path}: ${message}`);
  };
  const file = data as Partial<PeopleFile> | null;
  if (typeof file?.version !== 'string') fail('version', 'must be a string');
  if (!Array.isArray(file?.people)) fail('people', 'must be an array');
  (file?.people ?? []).forEach((p: Partial<Person> | null, i) => {
    const at = `people.${i}`;
    if (typeof p?.name !== 'string' || p.name.length < 2)
      fail(`${at}.name`, 'must be a name of 2 or more characters');
    if (!Array.isArray(p?.aliases) || p.aliases.some((a) => typeof a !== 'string' || a.length < 2))
      fail(`${at}.aliases`, 'must be names of 2 or more characters');
    if (p?.role !== undefined && typeof p.role !== 'string') fail(`${at}.role`, 'must be a string');
    if (p?.country !== undefined && !ISO2_CODE.test(String(p.country)))
      fail(`${at}.country`, 'must be an ISO 3166 alpha-2 code');
    for (const key of ['from', 'to'] as const)
      if (p?.[key] !== undefined && !DAY_OR_YEAR.test(String(p[key])))
        fail(`${at}.${key}`, 'must be a year or a day (YYYY, YYYY-MM or YYYY-MM-DD)');
  });
  return file as PeopleFile;
}

const ORGANIZATIONS_FILE = z.object({
  version: z.string(),
  organizations: z.array(
    z.object({
      name: z.string().min(2),
      aliases: z.array(z.string().min(1)),
      kind: z.enum([
        'state',
        'military',
        'armed-group',
        'international',
        'political',
        'humanitarian',
        'media',
      ]),
      country: ISO2.optional(),
    }),
  ),
});

/** The curated names with their data versions. */
export interface NameData {
  people: Person[];
  organizations: Organization[];
  /** Given names from Wikidata's people (given-names.tsv, scripts/build-given-names.ts). */
  givenNames: string[];
  /** Lower-case English words (common-words.txt, scripts/build-common-words.ts). */
  commonWords: string[];
  /**
   * The people whose first word is a given name (people.json and the leaders): not the Factbook's
   * officials, whose first word is as often a family name ("Sar Kheng") or a word ("Roman").
   */
  givenNamePeople: Person[];
  versions: { people: string; organizations: string };
}

function readJson<T>(file: string, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file}: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  return parsed.data;
}

function readPeople(file: string): PeopleFile {
  try {
    return checkPeople(JSON.parse(readFileSync(file, 'utf8')));
  } catch (error) {
    throw new Error(`${file}: ${(error as Error).message}`, { cause: error });
  }
}

const GENERIC_INSTITUTION =
  /\b(?:Foreign|Defence|Defense|Interior|Health) Ministry\b|\bMinistry of (?:Foreign Affairs|Defence|Defense)\b|\bGeneral Staff\b/g;

// "the Kremlin" is stored as "Kremlin": matching starts at a capital letter.
const withoutArticle = (alias: string) => alias.replace(/^the /, '');

const ARABIC_ARTICLE = /^[Aa]l[- ]?(?=\p{Lu})/u;

/**
 * An Arabic article is written four ways in news copy: "al-Qaeda", "Al-Qaeda", "Al Qaeda" and
 * "AlQaeda"; a listed name under one of them is matched under the others.
 */
export function articleVariants(surface: string): string[] {
  const article = ARABIC_ARTICLE.exec(surface);
  if (!article) return [];
  const rest = surface.slice(article[0].length);
  return ['al-', 'Al-', 'Al ', 'Al'].map((a) => a + rest).filter((v) => v !== surface);
}

const folded = (s: string) => foldDiacritics(s).toLowerCase();

/**
 * `people` without anyone an earlier list names already: a person whose name is another's name or
 * alias (diacritics ignored) is left out, and an alias another has is dropped, so nobody is added
 * twice and no spelling names two people.
 */
function withoutKnown(people: Person[], earlier: Person[]): Person[] {
  const known = new Set(earlier.flatMap((p) => [p.name, ...p.aliases]).map(folded));
  return people
    .filter((p) => !known.has(folded(p.name)))
    .map((p) =>
      p.aliases.some((a) => known.has(folded(a)))
        ? { ...p, aliases: p.aliases.filter((a) => !known.has(folded(a))) }
        : p,
    );
}

/** Reads the name files from `dir` (data/names) into `lexicon`. */
export function loadNameData(dir: string, lexicon: Lexicon): NameData {
  const curatedPeople = readPeople(join(dir, 'people.json'));
  // Imported leaders (scripts/import-leaders.ts) come after the curated people, and the Factbook's
  // officials (scripts/import-factbook-leaders.ts) after them.
  const optional = (file: string) => (existsSync(join(dir, file)) ? readPeople(join(dir, file)) : undefined);
  const leaders = optional('leaders.json');
  const officials = optional('officials.json');
  let version = curatedPeople.version;
  if (leaders) version += `+leaders.${leaders.version}`;
  if (officials) version += `+officials.${officials.version}`;
  const earlier = [...curatedPeople.people, ...(leaders?.people ?? [])];
  const people = { version, people: [...earlier, ...withoutKnown(officials?.people ?? [], earlier)] };
  const curated = readJson(join(dir, 'organizations.json'), ORGANIZATIONS_FILE);
  // Imported actor lists (scripts/import-ucdp-actors.ts) come after the curated names.
  const ucdpFile = join(dir, 'ucdp-actors.json');
  const ucdp = existsSync(ucdpFile) ? readJson(ucdpFile, ORGANIZATIONS_FILE) : undefined;
  const organizations = {
    version: ucdp ? `${curated.version}+ucdp.${ucdp.version}` : curated.version,
    organizations: [...curated.organizations, ...(ucdp?.organizations ?? [])],
  };
  for (const person of people.people)
    for (const surface of [person.name, ...person.aliases]) lexicon.add(surface, { kind: 'person', person });
  for (const org of organizations.organizations)
    for (const surface of [org.name, ...org.aliases]) {
      lexicon.add(withoutArticle(surface), { kind: 'org', org });
      for (const variant of articleVariants(surface)) lexicon.add(variant, { kind: 'org', org });
      // News writes "Iran's foreign ministry" as often as "Iran's Foreign Ministry".
      const lower = surface.replace(GENERIC_INSTITUTION, (words) => words.toLowerCase());
      if (lower !== surface) lexicon.add(withoutArticle(lower), { kind: 'org', org });
    }
  const givenFile = join(dir, 'given-names.tsv');
  const givenNames = existsSync(givenFile)
    ? readFileSync(givenFile, 'utf8')
        .split('\n')
        .map((line) => line.slice(0, line.indexOf('\t')))
        .filter(Boolean)
    : [];
  const commonFile = join(dir, 'common-words.txt');
  const commonWords = existsSync(commonFile)
    ? readFileSync(commonFile, 'utf8').split('\n').filter(Boolean)
    : [];
  // British style writes a pronounceable acronym of four letters or more in title case ("Farc",
  // "Unita"): that form too, unless it is an English word ("MEND"), a given name or a known name.
  const common = new Set(commonWords);
  const given = new Set(givenNames);
  for (const org of organizations.organizations)
    for (const surface of [org.name, ...org.aliases]) {
      if (!/^[A-Z]{4,7}$/.test(surface)) continue;
      const title = titleCased(surface);
      if (!common.has(title.toLowerCase()) && !given.has(title) && !lexicon.get(title))
        lexicon.add(title, { kind: 'org', org });
    }
  return {
    people: people.people,
    givenNamePeople: earlier,
    organizations: organizations.organizations,
    givenNames,
    commonWords,
    versions: { people: people.version, organizations: organizations.version },
  };
}

const PARTICLE = /^(?:al|el|an|ar|as|ad|ash|at|az)-/;

/**
 * The short forms by which a person is named after the first full mention: the last word
 * ("Lavrov"), and without its Arabic article ("al-Burhan" → "Burhan").
 */
export function surnamesOf(person: Person): string[] {
  const out = new Set<string>();
  for (const full of [person.name, ...person.aliases]) {
    const words = full.split(' ');
    if (words.length < 2) continue;
    const last = words[words.length - 1] ?? '';
    if (/^(?:II|III|Jr|bin|Al)$/.test(last) || last.length < 3) continue;
    out.add(last);
    if (PARTICLE.test(last)) out.add(last.replace(PARTICLE, ''));
  }
  return [...out];
}
