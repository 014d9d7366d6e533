/**
 * What grouping contacts by readout template adds to enriching an update: `assignTemplates`
 * (src/service/contacts.ts) reads up to 500 earlier contacts of the same kind sharing an actor and
 * compares their sentences' masked shingles. Worst case here: 2,000 stored calls, all with Putin, so
 * every new contact reads and compares the full 500 (more stored calls change nothing: the read is capped). Prints the time per contact (p50 / p95 / max of
 * 200) on SQLite.
 *
 *   node --import tsx bench/contact-templates.ts [--stored 2000]
 */
import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { Contact } from '../src/domain/contacts.ts';
import type { UpdateContent } from '../src/domain/types.ts';
import { assignTemplates } from '../src/service/contacts.ts';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.ts';

const { values } = parseArgs({ options: { stored: { type: 'string', default: '2000' } } });
const STORED = Number(values.stored);
const PEOPLE = ['Hassan Rouhani', 'Recep Tayyip Erdogan', 'Emmanuel Macron', 'Xi Jinping', 'Bashar al-Assad'];
const WORDINGS = [
  (who: string) => `Putin spoke by phone with President ${who} on Saturday about the situation in Syria.`,
  (who: string) => `Putin and ${who} discussed energy cooperation in a telephone conversation.`,
  (who: string) => `At the request of the other side, Putin had a phone call with ${who}.`,
  (who: string, n: number) => `Putin called ${who} for the ${n}th time this year to discuss grain exports.`,
];

const store = await openSqliteStore({ filename: join(mkdtempSync(join(tmpdir(), 'dl-bench-')), 'd.db') });
const desk = await store.desks.create({ slug: 'bench', name: 'Bench', description: '', timezone: 'UTC' });
const story = await store.stories.create({
  deskId: desk.id,
  slug: 'calls',
  date: null,
  headline: 'Calls',
  standfirst: '',
  body: '',
  bodyHtml: '',
  topPhoto: null,
  status: 'live',
});
const content: UpdateContent = {
  headline: null,
  body: 'x',
  bodyHtml: '<p>x</p>',
  pinned: false,
  keyEvent: false,
  claimStatus: 'unverified',
  claimNote: '',
  sources: [],
  videoUrl: null,
};
const contact = (updateId: string, i: number): Contact => {
  const who = PEOPLE[i % PEOPLE.length]!;
  return {
    updateId,
    storyId: story.id,
    ordinal: 1,
    kind: 'call',
    channel: 'phone',
    a: { kind: 'person', slug: 'vladimir-putin', name: 'Vladimir Putin', role: null },
    b: { kind: 'person', slug: who.toLowerCase().replaceAll(' ', '-'), name: who, role: null },
    place: null,
    country: null,
    date: '2026-05-01',
    dateSource: 'reported',
    reportedAt: '2026-05-01T09:00:00.000Z',
    sentence: WORDINGS[i % WORDINGS.length]!(who, i),
    source: 'extracted',
    templateId: `${updateId}-1`,
  };
};
const started = performance.now();
for (let i = 0; i < STORED; i++) {
  const { update } = await store.updates.create(story.id, content, 'bench');
  await store.contacts.replaceForUpdate(update.id, 1, [contact(update.id, i)]);
}
console.log(`stored ${STORED} calls in ${((performance.now() - started) / 1000).toFixed(1)} s`);

const times: number[] = [];
for (let i = 0; i < 200; i++) {
  const fresh = contact(`new${i}`, i);
  const t0 = performance.now();
  await assignTemplates(store.contacts, [fresh]);
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(2);
console.log(
  `assignTemplates per contact (500 candidates): p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms` +
    ` (load average ${loadavg()[0]!.toFixed(1)})`,
);
await store.close();
