/**
 * Builds the contacts real-text set: the opening paragraphs of White House readouts of calls,
 * meetings, visits and trips, from the CC0 scrape `brian14708/wh-briefings` of whitehouse.gov's
 * briefing room (U.S. government works; source and licence in eval/README.md). Nobody at Dateline
 * wrote them. The texts are not committed: they go to /work/shared/eval-real/wh-readouts.jsonl (or the
 * path given); `split.tsv` and the hand gold `gold.json` beside this script are.
 *
 *   git clone https://github.com/brian14708/wh-briefings && \
 *   node --import tsx eval/contacts/real/build-real-set.ts wh-briefings [out.jsonl]
 *
 * The clone must hold commit SOURCE_COMMIT: the set is read from it, so a newer scrape changes nothing.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The scrape's commit the set was drawn from (21 August 2026). */
export const SOURCE_COMMIT = '737ca03a271adc205c67766074ec8d0070f7ad95';
/** Texts drawn: enough for a figure that moves by about 0.02 per contact on each half. */
const SIZE = 90;

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/** 50/50 by the first byte of sha256("split:" + id): a different hash from the one that draws the sample. */
export function splitOf(id: string): 'dev' | 'heldout' {
  return Number.parseInt(sha(`split:${id}`).slice(0, 2), 16) < 128 ? 'dev' : 'heldout';
}

/** The readout's first paragraph as plain text: front matter, Markdown escapes and tags removed. */
export function openingParagraph(markdown: string): string {
  const body = markdown.replace(/^---\n[\s\S]*?\n---\n/, '');
  const paragraph =
    body
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .find((p) => p.length > 0 && !/^\\?#+$/.test(p)) ?? '';
  return paragraph
    .replace(/<[^>]+>/g, '')
    .replace(/\\([\\`*_{}[\]()#+\-.!~|&'])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

function main(): void {
  const [repo, out = '/work/shared/eval-real/wh-readouts.jsonl'] = process.argv.slice(2);
  if (!repo) throw new Error('usage: build-real-set.ts path/to/wh-briefings [out.jsonl]');
  const git = (...args: string[]) =>
    execFileSync('git', ['-C', repo, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  // Readouts of a contact by their file name (whitehouse.gov slugs repeat the title).
  const paths = git('ls-tree', '-r', '--name-only', SOURCE_COMMIT)
    .split('\n')
    .filter((p) =>
      /\/\d{4}-\d\d-\d\d-readout-of-[^/]*(?:call|meeting|visit|trip|spoke|phone)[^/]*\.md$/.test(p),
    );
  // A fixed draw: the smallest sha256 of the id, so adding files to the scrape moves nothing.
  const seen = new Set<string>();
  const items: { id: string; split: string; date: string; url: string; text: string }[] = [];
  for (const path of paths.sort((x, y) => sha(idOf(x)).localeCompare(sha(idOf(y))))) {
    if (items.length === SIZE) break;
    const id = idOf(path);
    const markdown = git('show', `${SOURCE_COMMIT}:${path}`);
    const text = openingParagraph(markdown);
    // The same readout is filed twice (speeches-remarks and statements-releases, "-2" slugs).
    if (text.length < 40 || seen.has(id) || seen.has(text)) continue;
    seen.add(id).add(text);
    items.push({
      id,
      split: splitOf(id),
      date: path.match(/(\d{4}-\d\d-\d\d)-/)?.[1] ?? '',
      url: markdown.match(/^source_url: (\S+)$/m)?.[1] ?? '',
      text,
    });
  }
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, items.map((item) => JSON.stringify(item)).join('\n') + '\n');
  writeFileSync(
    join(import.meta.dirname, 'split.tsv'),
    ['id\tsplit', ...items.map((item) => `${item.id}\t${item.split}`)].join('\n') + '\n',
  );
  const dev = items.filter((item) => item.split === 'dev').length;
  console.log(`${items.length} readouts (${dev} dev, ${items.length - dev} held-out) → ${out}`);
}

/** A readout's id: "wh-" and its file's slug, without the folder (the same readout is filed twice). */
function idOf(path: string): string {
  return `wh-${path.replace(/^.*\//, '').replace(/(?:-\d)?\.md$/, '')}`;
}

if (import.meta.url === `file://${process.argv[1]}`) main();
