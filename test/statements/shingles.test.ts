import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  decodeFingerprint,
  encodeFingerprint,
  fingerprint,
  normalisedWords,
  shingleStrings,
  similarityOf,
  shareTemplate,
} from '../../src/statements/shingles.ts';
import { CALL_ESTMARK, CALL_NORLAND, MEETING_TRADE, MINISTRY_CEASEFIRE } from './readouts.ts';

describe('shingles', () => {
  it('ignores case, punctuation and the digits of dates and counts', () => {
    assert.deepEqual(normalisedWords('On 12 March, the PRESIDENT—spoke!'), [
      'on',
      '#',
      'march',
      'the',
      'president',
      'spoke',
    ]);
    assert.deepEqual(shingleStrings('Talks on 3 May.'), shingleStrings('talks, on 28 may'));
  });

  it('masks runs of names so one template matches across counterparts', () => {
    const a = normalisedWords('He called the President of Iran Hassan Rouhani today.', { maskNames: true });
    const b = normalisedWords('He called the President of Turkey Recep Tayyip Erdogan today.', {
      maskNames: true,
    });
    assert.deepEqual(a, b);
    assert.equal(a.includes('president'), true, 'titles are template words, kept');
    assert.notDeepEqual(
      normalisedWords('He called the President of Iran Hassan Rouhani today.'),
      normalisedWords('He called the President of Turkey Recep Tayyip Erdogan today.'),
    );
  });

  it('scores two readouts from one template far above unrelated statements', () => {
    const norland = fingerprint(CALL_NORLAND);
    const template = similarityOf(fingerprint(CALL_ESTMARK), norland);
    assert.ok(template.jaccard > 0.4 && template.jaccard < 0.9, `template pair ${template.jaccard}`);
    assert.ok(template.containment > template.jaccard);
    for (const other of [MEETING_TRADE, MINISTRY_CEASEFIRE]) {
      assert.ok(similarityOf(fingerprint(other), norland).jaccard < 0.05);
    }
    const masked = similarityOf(
      fingerprint(CALL_ESTMARK, { maskNames: true }),
      fingerprint(CALL_NORLAND, { maskNames: true }),
    );
    assert.ok(masked.jaccard > template.jaccard);
  });

  it('keeps fingerprints sorted and distinct, and stores them without loss', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const print = fingerprint(text);
        assert.deepEqual(
          print,
          [...new Set(print)].sort((a, b) => a - b),
        );
        assert.ok(print.every((h) => Number.isSafeInteger(h) && h >= 0));
        assert.deepEqual(decodeFingerprint(encodeFingerprint(print)), print);
        assert.equal(print.length, shingleStrings(text).size);
      }),
    );
  });

  it('takes two contact sentences for one template only when more than a phrase is shared, names aside', () => {
    const print = (text: string) => fingerprint(text, { maskNames: true });
    const rouhani = print("Putin spoke by phone with Iran's President Hassan Rouhani on Saturday.");
    const same = (text: string) => shareTemplate(rouhani, print(text));
    assert.equal(same("Putin spoke by phone with Turkey's President Recep Tayyip Erdoğan."), true);
    // "spoke by phone with" alone is how calls are reported, not a template.
    assert.equal(same('Putin spoke by phone with Erdogan about Syria.'), false);
    // Short sentences share everything and still say nothing about a template.
    assert.equal(shareTemplate(print('Putin met Erdogan.'), print('Putin met Rouhani.')), false);
    assert.equal(same('Lavrov met Hakan Fidan in Ankara to discuss the Astana talks.'), false);
  });
});
