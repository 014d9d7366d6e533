/** Loads and validates the curated people and organisations (data/names/*.json) and the imported lists. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Lexicon, Organization, Person } from '../lexicon.ts';

const ISO2 = z.string().regex(/^[A-Z]{2}$/);
const DAY = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/);

const PEOPLE_FILE = z.object({
  version: z.string(),
  people: z.array(
    z.object({
      name: z.string().min(2),
      aliases: z.array(z.string().min(2)),
      role: z.string().optional(),
      country: ISO2.optional(),
      from: DAY.optional(),
      to: DAY.optional(),
    }),
  ),
});

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

/** Reads the name files from `dir` (data/names) into `lexicon`. */
export function loadNameData(dir: string, lexicon: Lexicon): NameData {
  const curatedPeople = readJson(join(dir, 'people.json'), PEOPLE_FILE);
  // Imported leaders (scripts/import-leaders.ts) come after the curated people.
  const leadersFile = join(dir, 'leaders.json');
  const leaders = existsSync(leadersFile) ? readJson(leadersFile, PEOPLE_FILE) : undefined;
  const people = {
    version: leaders ? `${curatedPeople.version}+leaders.${leaders.version}` : curatedPeople.version,
    people: [...curatedPeople.people, ...(leaders?.people ?? [])],
  };
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
  return {
    people: people.people,
    organizations: organizations.organizations,
    givenNames,
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
