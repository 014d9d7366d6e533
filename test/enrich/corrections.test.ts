/** Editors' corrections change what the pipeline extracts from later texts. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Correction, CorrectionRule } from '../../src/enrich/corrections.ts';
import { loadEnricher } from '../../src/enrich/pipeline.ts';

const enricher = loadEnricher();
const published = '2026-05-27T10:00:00+03:00';

let n = 0;
function correction(surface: string, rule: CorrectionRule): Correction {
  n += 1;
  return {
    ...rule,
    id: `c${n}`,
    surface,
    updateId: null,
    actor: 'Editor',
    createdAt: '2026-05-27T07:00:00Z',
  };
}

describe('corrections in the pipeline', () => {
  it('matches a name added from a "new name?" suggestion in later texts, and its surname after it', () => {
    const text = 'Commander Abu Tira Kanu said his fighters were advancing.';
    assert.ok(enricher.suggest(text).some((s) => s.text === 'Abu Tira Kanu'));
    const corrections = enricher.compile([
      correction('Abu Tira Kanu', {
        field: 'name',
        action: 'add',
        target: { kind: 'person', name: 'Abu Tira Kanu', role: 'RSF field commander', country: 'SD' },
      }),
    ]);
    const later = 'Abu Tira Kanu was seen near Kutum. Kanu later denied it.';
    const result = enricher.enrich(later, { published, corrections });
    assert.deepEqual(result.people, [
      {
        name: 'Abu Tira Kanu',
        matched: ['Abu Tira Kanu', 'Kanu'],
        role: 'RSF field commander',
        source: 'confirmed',
        confidence: 1,
        country: 'SD',
      },
    ]);
    assert.ok(!enricher.suggest(later, corrections).some((s) => s.text.includes('Kanu')));
    // The added person's country now disambiguates places, as a curated person's does.
    assert.equal(result.places.find((p) => p.name === 'Kutum')?.country, 'SD');
  });

  it('matches an added alias as the curated person it points at', () => {
    const text = 'Jolani met envoys in Damascus.';
    assert.deepEqual(enricher.enrich(text, { published }).people, []);
    const corrections = enricher.compile([
      correction('Jolani', {
        field: 'name',
        action: 'alias',
        target: { kind: 'person', name: 'Ahmed al-Sharaa' },
      }),
    ]);
    assert.deepEqual(
      enricher.enrich(text, { published, corrections }).people.map((p) => [p.name, p.matched]),
      [['Ahmed al-Sharaa', ['Jolani']]],
    );
  });

  it('no longer suggests a rejected name or place for that spelling', () => {
    const text = 'Shelling hit Damascus overnight. Um Kadada was quiet.';
    assert.ok(enricher.enrich(text, { published }).places.some((p) => p.name === 'Damascus'));
    assert.ok(enricher.suggest(text).some((s) => s.text === 'Um Kadada'));
    const corrections = enricher.compile([
      correction('Damascus', { field: 'place', action: 'reject', target: null }),
      correction('Um Kadada', { field: 'name', action: 'reject', target: null }),
    ]);
    assert.ok(!enricher.enrich(text, { published, corrections }).places.some((p) => p.name === 'Damascus'));
    assert.ok(!enricher.suggest(text, corrections).some((s) => s.text === 'Um Kadada'));
  });

  it('lets a chosen gazetteer candidate win for its spelling', () => {
    const text = 'Clashes were reported in Tripoli.';
    const candidates = enricher.placeCandidates('Tripoli');
    const countries = candidates.map((c) => c.iso2);
    assert.ok(countries.includes('LY') && countries.includes('LB'), JSON.stringify(countries));
    const libyan = enricher.enrich(text, { published, storyCountries: ['LY'] }).places[0];
    assert.equal(libyan?.country, 'LY');
    const lebanese = candidates.find((c) => c.iso2 === 'LB' && c.kind === 'city');
    assert.ok(lebanese);
    const corrections = enricher.compile([
      correction('Tripoli', { field: 'place', action: 'choose', target: lebanese }),
    ]);
    const chosen = enricher.enrich(text, { published, storyCountries: ['LY'], corrections }).places[0];
    assert.equal(chosen?.country, 'LB');
    assert.equal(chosen?.matched, 'Tripoli');
    assert.equal(chosen?.lat, lebanese.lat);
  });

  it('finds curated and added names for the editor to pick from', () => {
    assert.ok(enricher.findNames('sharaa').some((c) => c.name === 'Ahmed al-Sharaa'));
    assert.ok(enricher.findNames('rapid support').some((c) => c.name === 'Rapid Support Forces'));
    const corrections = enricher.compile([
      correction('Abu Tira Kanu', {
        field: 'name',
        action: 'add',
        target: { kind: 'person', name: 'Abu Tira Kanu' },
      }),
    ]);
    assert.deepEqual(
      enricher.findNames('kanu', 5, corrections).map((c) => c.name),
      ['Abu Tira Kanu'],
    );
  });
});
