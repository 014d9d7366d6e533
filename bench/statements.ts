/**
 * `npm run bench:statements`: the statements library at 100,000 synthetic statements on SQLite.
 *
 * Generates statements from templates (bench/statement-corpus.ts), ingests them through the store (the
 * first ones one transaction each, as a paste or an API call does; the rest in batches of 1,000, as an
 * import does), then for a sample of statements asks for the earlier ones that share their wording and
 * prints latency percentiles, and recall and precision against an exhaustive exact Jaccard over every
 * earlier statement. The same is measured for MinHash-LSH (bench/minhash-lsh.ts) to show why the index
 * is an inverted one. Env: BENCH_STATEMENTS (100000), BENCH_QUERIES (1000), BENCH_SINGLE (500).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { hash53, shingleStrings, similarityOf } from '../src/statements/shingles.ts';
import { fingerprintsOf, StatementService } from '../src/statements/statement-service.ts';
import type { StatementFingerprints } from '../src/statements/statement-store.ts';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.ts';
import { MinHashLshIndex } from './minhash-lsh.ts';
import { generateStatements, seededRandom } from './statement-corpus.ts';

const N = Number(process.env.BENCH_STATEMENTS ?? 100_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 1000);
const SINGLE = Math.min(N, Number(process.env.BENCH_SINGLE ?? 500));
const THRESHOLDS = [0.3, 0.5, 0.8];
const dir = mkdtempSync(join(tmpdir(), 'dateline-bench-statements-'));

const ms = (start: number) => performance.now() - start;
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const fmt = (n: number, digits = 1) => n.toFixed(digits);

console.log(
  `statements bench: ${N} statements, ${QUERIES} queries; ${cpus()[0]?.model ?? '?'} x${cpus().length}, Node ${process.version}`,
);

let start = performance.now();
const corpus = generateStatements(N, { seed: 42, templates: Math.max(10, Math.round(N / 100)) });
console.log(
  `generated in ${fmt(ms(start) / 1000)} s; mean ${fmt(corpus.reduce((s, c) => s + c.text.length, 0) / N, 0)} characters`,
);

start = performance.now();
const prints: StatementFingerprints[] = corpus.map((c) => fingerprintsOf(c.text));
const fingerprintMs = ms(start);
console.log(
  `fingerprints (plain + masked): ${fmt(N / (fingerprintMs / 1000), 0)} statements/s; mean ${fmt(prints.reduce((s, p) => s + p.plain.length, 0) / N, 0)} shingles`,
);

// 53-bit hashes stand in for shingle strings; check that no two distinct shingles share one here.
{
  const seen = new Map<number, string>();
  let collisions = 0;
  for (const c of corpus.slice(0, Math.min(N, 20_000))) {
    for (const s of shingleStrings(c.text)) {
      const h = hash53(s);
      const prior = seen.get(h);
      if (prior !== undefined && prior !== s) collisions++;
      else seen.set(h, s);
    }
  }
  console.log(`hash collisions among ${seen.size} distinct shingles of the first 20,000: ${collisions}`);
}

const store = await openSqliteStore({ filename: join(dir, 'dateline.db') });
const service = new StatementService({ statements: store.statements });
const ids: string[] = [];
const newStatement = (i: number) => ({
  issuer: corpus[i]!.issuer,
  title: corpus[i]!.title,
  publishedAt: corpus[i]!.publishedAt,
  url: null,
  language: 'en',
  text: corpus[i]!.text,
  parties: [],
  tags: [],
  feedId: null,
  guid: null,
});
start = performance.now();
for (let i = 0; i < SINGLE; i++) ids.push((await store.statements.create(newStatement(i), prints[i]!)).id);
const singleRate = SINGLE / (ms(start) / 1000);
start = performance.now();
for (let i = SINGLE; i < N; i += 1000) {
  const end = Math.min(N, i + 1000);
  const made = await store.statements.createMany(
    Array.from({ length: end - i }, (_, k) => ({
      statement: newStatement(i + k),
      fingerprints: prints[i + k]!,
    })),
  );
  ids.push(...made.map((s) => s.id));
}
const bulkRate = (N - SINGLE) / (ms(start) / 1000);
console.log(
  `ingest: ${fmt(singleRate, 0)} statements/s one per transaction (first ${SINGLE}); ${fmt(bulkRate, 0)}/s in batches of 1,000`,
);

const random = seededRandom(7);
const sample = Array.from({ length: QUERIES }, () => Math.floor(random() * N));

// Exhaustive exact Jaccard against every earlier statement (corpus order is publication order).
start = performance.now();
const truth = new Map<number, Map<number, Set<number>>>();
for (const q of sample) {
  const byThreshold = new Map(THRESHOLDS.map((t) => [t, new Set<number>()]));
  for (let j = 0; j < q; j++) {
    const jaccard = similarityOf(prints[q]!.plain, prints[j]!.plain).jaccard;
    for (const t of THRESHOLDS) if (jaccard + 1e-9 >= t) byThreshold.get(t)!.add(j);
  }
  truth.set(q, byThreshold);
}
console.log(`exhaustive comparison: ${fmt(ms(start) / QUERIES)} ms per query`);

const indexOf = new Map(ids.map((id, i) => [id, i]));
const rows: string[] = [];
const report = (engine: string, t: number, latencies: number[], found: Map<number, Set<number>>) => {
  latencies.sort((a, b) => a - b);
  let expected = 0;
  let returned = 0;
  let correct = 0;
  let results = 0;
  for (const q of sample) {
    const want = truth.get(q)!.get(t)!;
    const got = found.get(q)!;
    expected += want.size;
    returned += got.size;
    results += got.size;
    for (const j of got) if (want.has(j)) correct++;
  }
  rows.push(
    `| ${engine} | ${t} | ${fmt(percentile(latencies, 50), 2)} | ${fmt(percentile(latencies, 99), 2)} | ${fmt(latencies[latencies.length - 1]!, 1)} | ${expected === 0 ? '–' : fmt(correct / expected, 4)} | ${returned === 0 ? '–' : fmt(correct / returned, 4)} | ${fmt(results / QUERIES, 1)} |`,
  );
};

for (const t of THRESHOLDS) {
  const latencies: number[] = [];
  const serviceLatencies: number[] = [];
  const found = new Map<number, Set<number>>();
  for (const q of sample) {
    const id = ids[q]!;
    // The index alone, fingerprint in hand (as MinHash-LSH below is timed), every hit returned.
    let begin = performance.now();
    const all = await store.statements.findSimilar({
      fingerprints: prints[q]!,
      metric: 'jaccard',
      threshold: t,
      maskNames: false,
      publishedUpTo: corpus[q]!.publishedAt,
      excludeId: id,
      limit: Number.MAX_SAFE_INTEGER,
    });
    latencies.push(ms(begin));
    found.set(q, new Set(all.map((hit) => indexOf.get(hit.statementId)!)));
    // What the CLI and API run: load the statement and its fingerprints, query, load the top 20 hits.
    begin = performance.now();
    await service.similarTo(id, { threshold: t, limit: 20 });
    serviceLatencies.push(ms(begin));
  }
  report('inverted index', t, latencies, found);
  report('similarTo (index + loads)', t, serviceLatencies, found);
}
await store.close();

const lsh = new MinHashLshIndex(join(dir, 'lsh.db'));
start = performance.now();
for (let i = 0; i < N; i += 1000) {
  lsh.addMany(
    Array.from({ length: Math.min(N, i + 1000) - i }, (_, k) => ({
      id: i + k,
      publishedAt: corpus[i + k]!.publishedAt,
      fingerprint: prints[i + k]!.plain,
    })),
  );
}
const lshRate = N / (ms(start) / 1000);
for (const t of THRESHOLDS) {
  const latencies: number[] = [];
  const found = new Map<number, Set<number>>();
  for (const q of sample) {
    const begin = performance.now();
    const hits = lsh.query(prints[q]!.plain, t, corpus[q]!.publishedAt, q);
    latencies.push(ms(begin));
    found.set(q, new Set(hits));
  }
  report('MinHash-LSH 32×3', t, latencies, found);
}
lsh.close();
console.log(`MinHash-LSH ingest: ${fmt(lshRate, 0)} statements/s in batches of 1,000 (plain shingles only)`);

console.log('\n| index | Jaccard ≥ | p50 ms | p99 ms | max ms | recall | precision | results/query |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
for (const row of rows) console.log(row);
if (process.env.BENCH_KEEP === undefined) rmSync(dir, { recursive: true, force: true });
else console.log(`kept ${dir}`);
