/**
 * Rules for wording real conflict reporting uses (issue 13): each test is a sentence written for
 * it, and the name, place or date that must (or must not) come out.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadEnricher } from '../../src/enrich/pipeline.ts';

const enricher = loadEnricher();
const enrich = (text: string, storyCountries: string[] = []) =>
  enricher.enrich(text, { published: '2024-05-10T12:00:00Z', storyCountries });
const place = (text: string, matched: string, storyCountries: string[] = []) =>
  enrich(text, storyCountries).places.find((p) => p.matched === matched);

test('a state wins over a small town of its name in another state, not over its own capital', () => {
  // Michoacan is a state and a village elsewhere in Mexico; Morelos also a spelling of Ecatepec.
  assert.equal(
    place('Gunmen killed five police officers in Michoacan.', 'Michoacan', ['MX'])?.kind,
    'region',
  );
  assert.equal(place('Two men were shot dead in Morelos.', 'Morelos', ['MX'])?.name, 'Morelos');
  // Kunduz the town lies in Kunduz province: the town, as before.
  assert.equal(place('Taliban fighters entered Kunduz overnight.', 'Kunduz', ['AF'])?.kind, 'city');
});

test('a demonym a state shares with a territory names the state', () => {
  const r = enrich('French forces killed a jihadist commander in the Menaka region.', ['ML']);
  assert.deepEqual(
    r.organizations.map((o) => o.name),
    ['France armed forces'],
  );
});

test('a listed group is found whichever way its Arabic article is written', () => {
  for (const text of [
    'An AlQaeda affiliate attacked the base.',
    'Al-Qaida-linked militants attacked a police post.',
    'Fighters loyal to Al Qaeda were killed.',
  ])
    assert.deepEqual(
      enrich(text).organizations.map((o) => o.name),
      ['al-Qaeda'],
      text,
    );
});
