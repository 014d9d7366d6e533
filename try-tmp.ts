import { loadEnricher } from './src/enrich/pipeline.ts';
const e = loadEnricher();
for (const s of process.argv.slice(2)) {
  const r = e.enrich(s, { published: '2026-12-05T10:00:00+00:00', storyCountries: ['SY'] });
  console.log(s, '\n   ', JSON.stringify(r.contacts), JSON.stringify(r.people.map(p=>p.name)), JSON.stringify(r.organizations.map(p=>p.name)));
}
