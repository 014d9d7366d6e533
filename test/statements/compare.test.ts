import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { buildTemplate, diffStatements, templateText } from '../../src/statements/compare.ts';
import { CALL_ESTMARK, CALL_NORLAND } from './readouts.ts';

describe('comparison', () => {
  it('puts what differs in slots of the shared template', () => {
    const template = buildTemplate([
      'A call with the President of Iran Hassan Rouhani took place.',
      'A call with the President of Turkey Recep Tayyip Erdogan took place.',
    ]);
    assert.equal(
      templateText(template),
      'A call with the President of [Iran Hassan Rouhani | Turkey Recep Tayyip Erdogan] took place.',
    );
  });

  it('gives several statements one template, with one variant per statement and an empty one marked', () => {
    const text = templateText(
      buildTemplate([
        'The leaders discussed trade on 3 May.',
        'The leaders discussed security on 4 May.',
        'The leaders discussed trade and energy on 5 May.',
      ]),
    );
    assert.equal(text, 'The leaders discussed [trade | security | trade and energy] on [3 | 4 | 5] May.');
    assert.equal(
      templateText(buildTemplate(['Talks ended.', 'Talks ended early.'])),
      'Talks ended [— | early].',
    );
  });

  it('marks word by word what only one of two readouts says, never splitting a word', () => {
    const parts = diffStatements(CALL_NORLAND, CALL_ESTMARK);
    const removed = parts
      .filter((p) => p.kind === 'removed')
      .map((p) => p.text)
      .join(' ');
    const added = parts
      .filter((p) => p.kind === 'added')
      .map((p) => p.text)
      .join(' ');
    assert.match(removed, /Norland Henrik Aasveen/);
    assert.match(added, /Estmark Lotte Brauner/);
    assert.doesNotMatch(removed + added, /President Aurel Vantić held/);
    assert.equal(
      parts
        .filter((p) => p.kind !== 'added')
        .map((p) => p.text)
        .join(''),
      CALL_NORLAND,
    );
    assert.equal(
      parts
        .filter((p) => p.kind !== 'removed')
        .map((p) => p.text)
        .join(''),
      CALL_ESTMARK,
    );
  });

  it('rebuilds every statement from its template (text plus its own variant in each slot)', () => {
    const word = fc.constantFrom(
      'talks',
      'on',
      'the',
      'border',
      'Minister',
      'Ruritania',
      'agreed',
      '3',
      ',',
      '.',
    );
    const sentence = fc.array(word, { minLength: 1, maxLength: 25 }).map((w) => w.join(' '));
    fc.assert(
      fc.property(fc.array(sentence, { minLength: 2, maxLength: 4 }), (texts) => {
        const segments = buildTemplate(texts);
        texts.forEach((text, i) => {
          const rebuilt = segments
            .map((s) => (s.kind === 'text' ? s.text : s.variants[i]!))
            .filter((s) => s !== '');
          const squash = (value: string) => value.replace(/\s+/g, '');
          assert.equal(squash(rebuilt.join(' ')), squash(text));
        });
      }),
    );
  });
});
