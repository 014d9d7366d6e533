/**
 * `npm run bench:feed-parse`: the cost of parsing one ordinary feed document (20 items) off the main
 * thread, as the poller does at every poll. Prints each parse's CPU time (the whole process: main thread,
 * workers and tsx's module-hook thread) and wall time, the first (a worker started cold) and the rest.
 */
import { DEFAULT_PARSE_LIMITS } from '../src/statements/feeds/feed-items.ts';
import { FeedParseWorkers } from '../src/statements/feeds/parse-feed-off-thread.ts';

const PARSES = 10;

const items = Array.from(
  { length: 20 },
  (_, n) =>
    `<item><guid>statement-${n}</guid><title>Statement ${n}</title><link>https://ministry.example/${n}</link><pubDate>${new Date(Date.UTC(2026, 2, 1 + n)).toUTCString()}</pubDate><content:encoded><![CDATA[<p>The ministry issued statement ${n} on the situation in the border districts.</p>]]></content:encoded></item>`,
).join('');
const document = `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Ministry</title>${items}</channel></rss>`;

const cpuSeconds = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

const workers = new FeedParseWorkers();
const cpu: number[] = [];
const wall: number[] = [];
for (let parse = 1; parse <= PARSES; parse++) {
  const [cpuBefore, wallBefore] = [cpuSeconds(), performance.now()];
  const { items: parsed } = await workers.parse(document, DEFAULT_PARSE_LIMITS);
  if (parsed.length !== 20) throw new Error(`expected 20 items, parsed ${parsed.length}`);
  cpu.push(cpuSeconds() - cpuBefore);
  wall.push((performance.now() - wallBefore) / 1000);
  console.log(`parse ${parse}: ${cpu.at(-1)!.toFixed(3)} s CPU, ${wall.at(-1)!.toFixed(3)} s wall`);
}
await workers.close();
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const [firstCpu, ...warmCpu] = cpu;
console.log(
  `first parse ${firstCpu!.toFixed(3)} s CPU; the next ${PARSES - 1}: median ${median(warmCpu)!.toFixed(3)} s CPU, ${median(wall.slice(1))!.toFixed(3)} s wall`,
);
