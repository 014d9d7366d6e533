import assert from 'node:assert/strict';
import { test } from 'node:test';
import { enrichmentText } from '../../src/service/enrichment-worker.ts';

test('an update is enriched by the words a reader sees: Markdown syntax, link targets and HTML tags go', () => {
  assert.equal(
    enrichmentText({
      headline: 'Shelling near Idlib',
      body: 'Shelling near **Idlib**, says [the council](https://example.org/Aleppo).\n\n- Clashes in _Hama_\n- <b>Raids</b> on Saraqib<script>alert("Homs")</script>',
    }),
    'Shelling near Idlib\n\nShelling near Idlib, says the council.\n\nClashes in Hama\n\nRaids on Saraqib',
  );
});

test('a line break inside a paragraph joins its lines; a heading or list item ends a sentence', () => {
  assert.equal(
    enrichmentText({
      headline: '',
      body: '## Kharkiv\nShelling hit\nthe city centre.\n\n1. Izium\n2. Kupiansk',
    }),
    'Kharkiv\n\nShelling hit the city centre.\n\nIzium\n\nKupiansk',
  );
});
