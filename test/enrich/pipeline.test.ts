import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createEnricher } from '../../src/enrich/pipeline.ts';

const enricher = createEnricher();
// A Wednesday, three hours ahead of UTC.
const published = '2026-05-27T10:00:00+03:00';
const enrich = (text: string, storyCountries: string[] = []) =>
  enricher.enrich(text, { published, storyCountries });

describe('enrichment pipeline', () => {
  it('pins a Darfur town nobody curated, with its state, from the built gazetteer alone', () => {
    const result = enrich('RSF fighters entered Umm Kaddadah on Saturday, residents said.');
    const [place] = result.places;
    assert.equal(place?.name, 'Umm Kaddadah');
    assert.equal(place?.country, 'SD');
    assert.equal(place?.admin1, 'North Darfur');
    assert.equal(place?.precision, 'city');
    assert.ok(Math.abs((place?.lat ?? 0) - 13.6) < 0.2 && Math.abs((place?.lon ?? 0) - 26.69) < 0.2);
    assert.deepEqual(result.organizations, [
      { name: 'Rapid Support Forces', matched: ['RSF'], source: 'known', confidence: 1 },
    ]);
  });

  it("tells places of the same name apart by the story's and the text's countries", () => {
    const lebanon = enrich('Shelling was reported near Tripoli overnight.', ['LB']);
    assert.equal(lebanon.places[0]?.country, 'LB');
    const libya = enrich('Armed groups clashed in Tripoli, the Government of National Unity said.');
    assert.equal(libya.places[0]?.country, 'LY');
    const syria = enrich('Islamic State attacked an army post outside Palmyra, Syrian officials said.');
    assert.deepEqual(
      syria.places.map((p) => [p.name, p.country, p.matched]),
      [['Tadmur', 'SY', 'Palmyra']],
    );
  });

  it('reads "X Province" and "A, B and C provinces" as regions', () => {
    const list = enrich('Clashes were reported in Idlib, Hama and Latakia provinces.', ['SY']);
    assert.deepEqual(
      list.places.map((p) => [p.name, p.kind]),
      [
        ['Idlib', 'region'],
        ['Hama', 'region'],
        ['Latakia', 'region'],
      ],
    );
    const single = enrich('Fighting continued in Kherson Province and in Kherson city.', ['UA']);
    assert.deepEqual(
      single.places.map((p) => [p.name, p.kind]),
      [
        ['Kherson', 'region'],
        ['Kherson', 'city'],
      ],
    );
  });

  it('resolves a bare surname only after the full name, and keeps every spelling', () => {
    const before = enrich('Sybiha arrived on Monday.');
    assert.deepEqual(before.people, []);
    const after = enrich(
      "Foreign Minister Andrii Sybiha met Marco Rubio. Sybiha's aides said talks went well.",
    );
    assert.deepEqual(after.people[0], {
      name: 'Andrii Sybiha',
      matched: ['Andrii Sybiha', 'Sybiha'],
      role: 'Foreign Minister',
      source: 'known',
      confidence: 1,
      country: 'UA',
    });
    assert.equal(after.people[1]?.name, 'Marco Rubio');
    // Agar is also a town in India; after the full name it is the person.
    const agar = enrich('Malik Agar met the envoys in Port Sudan. Agar said talks went well.', ['SD']);
    assert.deepEqual(agar.people[0]?.matched, ['Malik Agar', 'Agar']);
    assert.deepEqual(
      agar.places.map((p) => p.name),
      ['Port Sudan'],
    );
  });

  it('handles title chains, possessives, transliterations and pro-/anti- prefixes', () => {
    const result = enrich(
      "Russian Foreign Minister Sergey Lavrov said Zelenskyy's plan was dead; pro-Iranian militias and anti-Turkish groups protested.",
    );
    assert.deepEqual(
      result.people.map((p) => [p.name, p.matched]),
      [
        ['Sergei Lavrov', ['Sergey Lavrov']],
        ['Volodymyr Zelensky', ['Zelenskyy']],
      ],
    );
    assert.deepEqual(
      result.countries.map((c) => c.iso2),
      ['RU', 'IR', 'TR'],
    );
    assert.deepEqual(
      enrich('Many Syrians and Afghans returned.').countries.map((c) => c.iso2),
      ['SY', 'AF'],
    );
    const backed = enrich("Chinese-backed port projects, Iran's foreign ministry said.");
    assert.deepEqual(
      backed.countries.map((c) => c.iso2),
      ['CN'],
    );
    assert.deepEqual(
      backed.organizations.map((o) => [o.name, o.matched]),
      [['Iranian Foreign Ministry', ["Iran's foreign ministry"]]],
    );
  });

  it('keeps a town-like word inside an unknown name out of the places and offers the name', () => {
    const text = 'Local commander Jibril Adam Hassan said the RSF shelled Kutum.';
    assert.deepEqual(
      enrich(text, ['SD']).places.map((p) => p.name),
      ['Kutum'],
    );
    assert.deepEqual(enricher.suggest(text), [{ text: 'Jibril Adam Hassan', title: 'commander' }]);
    assert.deepEqual(enricher.suggest('He said Mayor Ivan Fedorov left the city.'), [
      { text: 'Ivan Fedorov', title: 'Mayor' },
    ]);
  });

  it('assigns each sentence an event type with its actors, place and date', () => {
    const result = enrich(
      'Abdel Fattah al-Burhan spoke by phone with Abdel Fattah el-Sisi on Monday. RSF fighters stormed Kutum on Saturday.',
      ['SD'],
    );
    assert.deepEqual(result.events, [
      {
        type: 'consult',
        actors: ['Abdel Fattah al-Burhan', 'Abdel Fattah el-Sisi'],
        date: '2026-05-25',
        sentence: 'Abdel Fattah al-Burhan spoke by phone with Abdel Fattah el-Sisi on Monday.',
      },
      {
        type: 'fight',
        actors: ['Rapid Support Forces'],
        place: 'Kutum',
        country: 'SD',
        date: '2026-05-23',
        sentence: 'RSF fighters stormed Kutum on Saturday.',
      },
    ]);
  });

  it('does not pin a capital that stands for its government, but pins it where things happen there', () => {
    const placesOf = (text: string) => enrich(text, ['UA']).places.map((p) => p.matched);
    assert.deepEqual(placesOf('Russia says it downed 40 drones; Kyiv denies.'), ['Russia']);
    assert.deepEqual(placesOf('Moscow and Kyiv accuse each other of shelling the plant.'), []);
    assert.deepEqual(placesOf("Kyiv's forces retook two villages, the general staff said."), []);
    assert.deepEqual(placesOf('A missile hit a school in Kyiv, officials said.'), ['Kyiv']);
    assert.deepEqual(placesOf('Residents of Kyiv said the night was the loudest yet.'), ['Kyiv']);
    assert.deepEqual(placesOf('Two men from Kharkiv accused of spying were detained.'), ['Kharkiv']);
  });

  it('matches names written with slashes and initials whole', () => {
    const result = enrich('AFC/M23 fighters held talks with U.S. officials and the U.N. in Doha.', ['CD']);
    assert.deepEqual(
      result.organizations.map((o) => [o.name, o.matched]),
      [
        ['Congo River Alliance', ['AFC/M23']],
        ['United Nations', ['U.N.']],
      ],
    );
    assert.deepEqual(
      result.countries.map((c) => [c.iso2, c.name]),
      [['US', 'United States']],
    );
  });

  it('returns every field of the schema, empty when nothing is found', () => {
    assert.deepEqual(enrich('nothing here at all'), {
      people: [],
      organizations: [],
      countries: [],
      places: [],
      dates: [],
      events: [],
      contacts: [],
    });
  });
});

describe('a big city by its everyday short name', () => {
  it('is pinned with no country to go by ("Acapulco" is Acapulco de Juárez), a small town is not', () => {
    assert.deepEqual(
      enrich('A man was shot in Acapulco.').places.map((p) => [p.matched, p.country]),
      [['Acapulco', 'MX']],
    );
    assert.deepEqual(enrich('Russian forces shelled Huliaipole.').places, []);
  });
});
