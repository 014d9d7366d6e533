/**
 * Synthetic official statements for the statements benchmark: offices publish readouts from templates
 * of their own, with counterparts, dates and topics filled in, sentences dropped or added and words
 * changed, so that pairs span every similarity from unrelated to near-copies. Everything here is
 * generated; the names are made of syllables and belong to nobody.
 */

/** A deterministic random source (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = 'ka lo mi ran te vos da ul bre shen tor ai mar zel ko ni var es gul pa rin do sa hel'.split(
  ' ',
);
const TITLES = [
  'President',
  'Prime Minister',
  'Foreign Minister',
  'King',
  'Chancellor',
  'Emir',
  'Vice President',
];
const VERBS =
  'discussed reviewed addressed stressed welcomed noted considered examined reaffirmed underlined'.split(' ');
const TOPICS = (
  'bilateral trade|energy cooperation|the situation on the border|grain exports|the exchange of prisoners|' +
  'regional security|the reconstruction of the port|visa facilitation|the water dispute|investment projects|' +
  'humanitarian corridors|the nuclear programme|air links|the fight against terrorism|debt relief|' +
  'military cooperation|the upcoming summit|election observers|refugee returns|customs procedures'
).split('|');
const WORDS = (
  'the of and to in a on for with at by from that this as it be was were has have had will would ' +
  'government minister ministry president talks meeting call delegation agreement treaty ceasefire ' +
  'parties sides region country countries people security trade energy gas oil pipeline port border ' +
  'army forces troops attack strike shelling civilians aid convoy corridor negotiations proposal ' +
  'initiative support cooperation partnership development investment economy budget sanctions ' +
  'council assembly parliament office embassy ambassador envoy summit visit invitation condolences ' +
  'victims floods earthquake relief reconstruction infrastructure railway road bridge airport ' +
  'water electricity grain wheat fertiliser exports imports customs tariffs currency loan debt ' +
  'important necessary further joint mutual regular current recent upcoming bilateral regional ' +
  'international humanitarian military political economic cultural scientific practical concrete ' +
  'agreed noted stressed expressed welcomed discussed reviewed confirmed announced signed rejected ' +
  'condemned called urged invited thanked informed briefed emphasised underlined reaffirmed'
).split(/\s+/);

/** One generated statement. */
export interface SyntheticStatement {
  issuer: string;
  publishedAt: string;
  title: string;
  text: string;
  /** The template it came from (statements of one template are the near-duplicates). */
  template: number;
}

interface Template {
  issuer: string;
  /** Sentences with {A} (counterpart), {D} (day), {T} (topic) slots. */
  sentences: string[];
  weight: number;
}

/** Generates `count` statements from `templates` templates, deterministically from `seed`. */
export function generateStatements(
  count: number,
  options: { seed?: number; templates?: number } = {},
): SyntheticStatement[] {
  const random = seededRandom(options.seed ?? 1);
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const name = (parts: number) => {
    const word = () => {
      const s = Array.from({ length: int(2, 3) }, () => pick(SYLLABLES)).join('');
      return s[0]!.toUpperCase() + s.slice(1);
    };
    return Array.from({ length: parts }, word).join(' ');
  };
  const sentence = (min: number, max: number) => {
    const words = Array.from({ length: int(min, max) }, () => pick(WORDS));
    return `${words[0]![0]!.toUpperCase()}${words.join(' ').slice(1)}.`;
  };

  const countries = Array.from({ length: 120 }, () => name(1));
  const leaders = countries.map((country) => `the ${pick(TITLES)} of ${country} ${name(2)}`);
  const offices = Array.from(
    { length: 60 },
    () =>
      `${pick(['Presidency', 'Ministry of Foreign Affairs', 'Office of the Prime Minister'])} of ${pick(countries)}`,
  );
  const templates: Template[] = Array.from({ length: options.templates ?? 1000 }, () => {
    const sentences = [
      `On {D}, ${pick(['the President', 'the Prime Minister', 'the Foreign Minister'])} held a ${pick(['telephone conversation', 'meeting', 'video call'])} with {A}.`,
      `The sides ${pick(VERBS)} {T} and ${pick(VERBS)} {T}.`,
      ...Array.from({ length: int(3, 8) }, () => sentence(8, 18)),
      `They agreed to ${pick(['maintain regular contacts', 'continue the dialogue', 'meet again soon', 'instruct their governments accordingly'])}.`,
    ];
    return { issuer: pick(offices), sentences, weight: 1 + random() * 19 };
  });
  const totalWeight = templates.reduce((sum, t) => sum + t.weight, 0);
  const pickTemplate = (): number => {
    let r = random() * totalWeight;
    for (let i = 0; i < templates.length; i++) {
      r -= templates[i]!.weight;
      if (r <= 0) return i;
    }
    return templates.length - 1;
  };

  const start = Date.parse('2016-01-01T00:00:00Z');
  const span = Date.parse('2026-01-01T00:00:00Z') - start;
  const statements: SyntheticStatement[] = [];
  const byTemplate = new Map<number, string[]>();
  for (let i = 0; i < count; i++) {
    const templateIndex = pickTemplate();
    const template = templates[templateIndex]!;
    const earlier = byTemplate.get(templateIndex) ?? [];
    const publishedAt = new Date(start + Math.floor((span * i) / count)).toISOString();
    if (earlier.length > 0 && random() < 0.1) {
      // A near-copy: the same readout republished with a word or two changed (a correction, a translation pass).
      const words = pick(earlier).split(' ');
      for (let n = int(0, 3); n > 0; n--) words[int(0, words.length - 1)] = pick(WORDS);
      const text = words.join(' ');
      earlier.push(text);
      statements.push({
        issuer: template.issuer,
        publishedAt,
        title: `Readout ${i + 1}`,
        text,
        template: templateIndex,
      });
      continue;
    }
    const counterpart = pick(leaders);
    // How far this use strays from its template, so pairs spread over every similarity.
    const drop = random() * 0.3;
    const edit = random() < 0.5 ? 0 : random() * 0.06;
    const extra = int(0, 3);
    const sentences: string[] = [];
    for (const raw of template.sentences) {
      if (sentences.length > 0 && random() < drop) continue;
      let s = raw
        .replace('{A}', counterpart)
        .replace('{D}', `${int(1, 28)} ${pick(['January', 'March', 'May', 'July', 'September', 'November'])}`)
        .replace(/\{T\}/g, () => pick(TOPICS));
      if (edit > 0)
        s = s
          .split(' ')
          .map((w) => (random() < edit ? pick(WORDS) : w))
          .join(' ');
      sentences.push(s);
    }
    for (let e = 0; e < extra; e++) sentences.splice(int(1, sentences.length), 0, sentence(8, 18));
    const text = sentences.join(' ');
    earlier.push(text);
    byTemplate.set(templateIndex, earlier);
    statements.push({
      issuer: template.issuer,
      publishedAt,
      title: `Readout ${i + 1}`,
      text,
      template: templateIndex,
    });
  }
  return statements;
}
