/** Names in sanitised update HTML become links to entity pages, without touching markup or links. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Enrichment } from '../../../src/enrich/types.ts';
import { linkEntityNames } from '../../../src/http/reader/entity-links.ts';
import { renderMarkdown } from '../../../src/render/markdown.ts';

const enrichment = (over: Partial<Enrichment>): Enrichment => ({
  people: [],
  organizations: [],
  countries: [],
  places: [],
  dates: [],
  events: [],
  ...over,
});

describe('linkEntityNames', () => {
  it('links the first mention of each entity, the longest spelling first', () => {
    const html = renderMarkdown('Abdel Fattah al-Burhan visited Omdurman. Burhan said the army would win.');
    const out = linkEntityNames(
      html,
      enrichment({
        people: [{ name: 'Abdel Fattah al-Burhan', matched: ['Abdel Fattah al-Burhan', 'Burhan'] }],
        places: [
          {
            name: 'Omdurman',
            matched: 'Omdurman',
            kind: 'city',
            country: 'SD',
            lat: 15.6,
            lon: 32.5,
            precision: 'city',
          },
        ],
      }),
    );
    assert.equal(
      out,
      '<p><a class="entity-link" href="/people/abdel-fattah-al-burhan">Abdel Fattah al-Burhan</a> visited ' +
        '<a class="entity-link" href="/places/omdurman-sd">Omdurman</a>. Burhan said the army would win.</p>',
    );
  });

  it('leaves existing links, attributes and parts of longer words alone', () => {
    const html =
      '<p><a href="https://example.org/hamas">Hamas statement</a> and <img src="/h.png" alt="Hamas flag"> — ' +
      'Hamasville, then Hamas.</p>';
    const out = linkEntityNames(html, enrichment({ organizations: [{ name: 'Hamas', matched: ['Hamas'] }] }));
    assert.ok(out.includes('<a href="https://example.org/hamas">Hamas statement</a>'), out);
    assert.ok(out.includes('alt="Hamas flag"'), out);
    assert.ok(out.includes('Hamasville'), out);
    assert.ok(out.endsWith('then <a class="entity-link" href="/organizations/hamas">Hamas</a>.</p>'), out);
  });

  it('finds names whose apostrophes or ampersands the sanitiser escaped', () => {
    const html = renderMarkdown("Fighters of Ansar Allah's wing & co met in Ta'izz.");
    const out = linkEntityNames(
      html,
      enrichment({
        places: [
          {
            name: 'Taiz',
            matched: "Ta'izz",
            kind: 'city',
            country: 'YE',
            lat: 13.58,
            lon: 44.02,
            precision: 'city',
          },
        ],
      }),
    );
    // The renderer turned the apostrophe typographic; the ampersand is escaped.
    assert.match(out, /<a class="entity-link" href="\/places\/taiz-ye">Ta’izz<\/a>/);
    assert.match(out, /wing &amp; co/);
    assert.equal(
      linkEntityNames(
        '<p>Ta&#39;izz</p>',
        enrichment({
          places: [
            {
              name: 'Taiz',
              matched: "Ta'izz",
              kind: 'city',
              country: 'YE',
              lat: 1,
              lon: 1,
              precision: 'city',
            },
          ],
        }),
      ),
      '<p><a class="entity-link" href="/places/taiz-ye">Ta&#39;izz</a></p>',
    );
  });
});
