/**
 * Word-level comparison of statements: what two share and what differs, and the template several of
 * them were written from, with a slot wherever they differ. Uses jsdiff, which (unlike
 * diff-match-patch and fast-diff) never splits inside a word.
 */
import { diffArrays, diffWords } from 'diff';

/** A run of words two statements share, or that only one of them has. */
export interface DiffPart {
  kind: 'same' | 'removed' | 'added';
  text: string;
}

/** A word diff of `before` → `after`: `removed` parts are only in `before`, `added` only in `after`. */
export function diffStatements(before: string, after: string): DiffPart[] {
  return diffWords(before, after).map((change) => ({
    kind: change.added ? 'added' : change.removed ? 'removed' : 'same',
    text: change.value,
  }));
}

/** Literal text of a template, or a slot holding each statement's words at that point (in input order). */
export type TemplateSegment = { kind: 'text'; text: string } | { kind: 'slot'; variants: string[] };

interface Token {
  text: string;
  /** Compared ignoring case. */
  key: string;
  /** Whether whitespace preceded it, to rebuild the text. */
  spaced: boolean;
}

// A word (with inner apostrophes, hyphens or full stops, as in "al-Sudani" or "U.S") or one punctuation mark.
const TOKEN = /[\p{L}\p{M}\p{N}]+(?:['’.-][\p{L}\p{M}\p{N}]+)*|[^\s\p{L}\p{M}\p{N}]/gu;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(TOKEN)) {
    const before = text[match.index - 1];
    tokens.push({
      text: match[0],
      key: match[0].toLowerCase(),
      spaced: before !== undefined && /\s/.test(before),
    });
  }
  return tokens;
}

function join(tokens: readonly Token[]): string {
  return tokens.map((t, i) => (i > 0 && t.spaced ? ' ' : '') + t.text).join('');
}

/**
 * The template of `texts`: words all of them share, in order, with slots where they differ. The first
 * text is the base; each other is aligned to it by a word diff, and a base word is common when every
 * alignment keeps it. "President of Iran Hassan Rouhani" and "President of Turkey Recep Tayyip Erdogan"
 * give "President of [Iran Hassan Rouhani | Turkey Recep Tayyip Erdogan]".
 */
export function buildTemplate(texts: readonly string[]): TemplateSegment[] {
  const tokens = texts.map(tokenize);
  const base = tokens[0] ?? [];
  // For each other text: where each base token landed in it, or -1 when the diff dropped it.
  const alignments = tokens.slice(1).map((other) => align(base, other));
  const segments: TemplateSegment[] = [];
  const last = tokens.map(() => -1);
  const pushText = (piece: Token[]) => {
    const previous = segments[segments.length - 1];
    if (previous?.kind === 'text') {
      previous.text += (piece[0]?.spaced ? ' ' : '') + join(piece);
    } else segments.push({ kind: 'text', text: join(piece) });
  };
  const pushGap = (upTo: number[]) => {
    const gaps = tokens.map((list, s) => list.slice(last[s]! + 1, upTo[s]!));
    if (gaps.every((gap) => gap.length === 0)) return;
    const keys = gaps.map((gap) => gap.map((t) => t.key).join(' '));
    if (keys.every((key) => key === keys[0])) pushText(gaps[0]!);
    else segments.push({ kind: 'slot', variants: gaps.map(join) });
  };
  for (let j = 0; j < base.length; j++) {
    const positions = [j, ...alignments.map((alignment) => alignment[j]!)];
    if (positions.some((p) => p < 0)) continue;
    pushGap(positions);
    pushText([base[j]!]);
    positions.forEach((p, s) => (last[s] = p));
  }
  pushGap(tokens.map((list) => list.length));
  return segments;
}

function align(base: Token[], other: Token[]): number[] {
  const positions = base.map(() => -1);
  let i = 0;
  let k = 0;
  for (const change of diffArrays(base, other, { comparator: (a, b) => a.key === b.key })) {
    const count = change.value.length;
    if (change.added) k += count;
    else if (change.removed) i += count;
    else {
      for (let n = 0; n < count; n++) positions[i + n] = k + n;
      i += count;
      k += count;
    }
  }
  return positions;
}

/** The template as one line of text: "President of [Iran Hassan Rouhani | Turkey Recep Tayyip Erdogan]". */
export function templateText(segments: readonly TemplateSegment[]): string {
  return segments
    .map((segment) =>
      segment.kind === 'text'
        ? segment.text
        : `[${segment.variants.map((variant) => (variant === '' ? '—' : variant)).join(' | ')}]`,
    )
    .join(' ')
    .replace(/ ([,.;:!?)])/g, '$1');
}

/** Share of the words (by character length of the shared runs) that sit in a template's literal text. */
export function templateCoverage(segments: readonly TemplateSegment[]): number {
  let common = 0;
  let total = 0;
  for (const segment of segments) {
    if (segment.kind === 'text') {
      common += segment.text.length;
      total += segment.text.length;
    } else total += Math.max(...segment.variants.map((v) => v.length));
  }
  return total === 0 ? 1 : common / total;
}
