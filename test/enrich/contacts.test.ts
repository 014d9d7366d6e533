import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadEnricher } from '../../src/enrich/pipeline.ts';
import { applyReviews } from '../../src/service/enrichment-worker.ts';
import type { ContactMention } from '../../src/enrich/types.ts';
import { contactItem } from '../../src/enrich/suggestions.ts';

const enricher = loadEnricher();
/** Published Monday 7 December 2026 at noon in Moscow. */
const contactsIn = (text: string): ContactMention[] =>
  enricher.enrich(text, { published: '2026-12-07T12:00:00+03:00' }).contacts ?? [];
/** Each contact as "A ↔ B kind/channel". */
const pairs = (text: string) =>
  contactsIn(text).map((c) => `${c.a.name} ↔ ${c.b.name} ${c.kind}/${c.channel ?? '-'}`);

describe('contact extraction', () => {
  it('finds a phone call with the role the text gives, dated by the sentence', () => {
    const [contact, ...rest] = contactsIn(
      "Putin spoke by phone with Iran's President Hassan Rouhani on Saturday.",
    );
    assert.deepEqual(rest, []);
    assert.deepEqual(contact, {
      kind: 'call',
      channel: 'phone',
      a: { kind: 'person', name: 'Vladimir Putin' },
      b: { kind: 'person', name: 'Hassan Rouhani', role: 'President of Iran' },
      date: '2026-12-05',
      sentence: "Putin spoke by phone with Iran's President Hassan Rouhani on Saturday.",
    });
  });

  it('finds a visit with its meeting, and where it took place', () => {
    const [contact] = contactsIn(
      'Turkish President Recep Tayyip Erdoğan visited Moscow and met Vladimir Putin.',
    );
    assert.equal(contact?.kind, 'visit');
    assert.equal(contact?.channel, 'in-person');
    assert.deepEqual(contact?.a, {
      kind: 'person',
      name: 'Recep Tayyip Erdogan',
      role: 'President of Turkey',
    });
    assert.equal(contact?.b.name, 'Vladimir Putin');
    assert.equal(contact?.place, 'Moscow');
    assert.equal(contact?.country, 'RU');
  });

  it('pairs the sides of "talks between", of "A and his counterpart B held talks" and of an agreement', () => {
    assert.deepEqual(pairs('Talks between Sergei Lavrov and Hakan Fidan took place in Sochi.'), [
      'Sergei Lavrov ↔ Hakan Fidan talks/-',
    ]);
    const [counterparts] = contactsIn(
      'Russian President Vladimir Putin and his Turkish counterpart Recep Tayyip Erdogan held talks in Sochi on Monday.',
    );
    assert.equal(counterparts?.a.role, 'President of Russia');
    assert.equal(counterparts?.b.role, 'President of Turkey');
    assert.equal(counterparts?.date, '2026-12-07');
    // A name after a title the name patterns do not know ("counterpart") is still a party.
    const [conferred] = contactsIn(
      'Russian President Vladimir Putin and his Iranian counterpart Hassan Rouhani conferred by phone.',
    );
    assert.deepEqual(
      [conferred?.kind, conferred?.a.name, conferred?.b.name, conferred?.b.role],
      ['call', 'Vladimir Putin', 'Hassan Rouhani', 'President of Iran'],
    );
    assert.deepEqual(pairs('Hamas and Fatah signed a reconciliation agreement in Cairo.'), [
      'Hamas ↔ Fatah agreement/-',
    ]);
  });

  it('takes the parties after a reporting verb, not its source, and resolves "he" to the speaker', () => {
    assert.deepEqual(
      pairs('The Kremlin said Foreign Minister Sergei Lavrov met Hakan Fidan in Ankara on Tuesday.'),
      ['Sergei Lavrov ↔ Hakan Fidan meeting/in-person'],
    );
    assert.deepEqual(pairs('Putin said he had spoken with Erdogan by phone.'), [
      'Vladimir Putin ↔ Recep Tayyip Erdogan call/phone',
    ]);
  });

  it('finds letters, calls, envoys and warnings, one contact per counterpart', () => {
    assert.deepEqual(pairs('Emmanuel Macron wrote a letter to Vladimir Putin.'), [
      'Emmanuel Macron ↔ Vladimir Putin letter/letter',
    ]);
    assert.deepEqual(pairs('Trump called Putin on Tuesday.'), ['Donald Trump ↔ Vladimir Putin call/phone']);
    assert.deepEqual(
      pairs('Putin sent his envoy Alexander Lavrentiev to meet Bashar al-Assad in Damascus.'),
      ['Vladimir Putin ↔ Bashar al-Assad meeting/envoy'],
    );
    assert.deepEqual(pairs('Biden warned Putin against an invasion.'), [
      'Joe Biden ↔ Vladimir Putin threat/statement',
    ]);
    assert.deepEqual(pairs('Lavrov met Erdogan and Putin in Ankara.'), [
      'Sergei Lavrov ↔ Recep Tayyip Erdogan meeting/in-person',
      'Sergei Lavrov ↔ Vladimir Putin meeting/in-person',
    ]);
  });

  // Sentences written for this test in the shape of government readouts (eval/contacts/real/).
  it('reads readout openings: long titles, "spoke today with", virtual meetings, regnal numbers', () => {
    assert.deepEqual(
      pairs('National Security Advisor Mara Lindqvist spoke today with Prime Minister Kishida of Japan.'),
      ['Mara Lindqvist ↔ Kishida talks/-'],
    );
    assert.deepEqual(
      pairs('President Joseph R. Biden, Jr. met virtually on Tuesday with President Xi Jinping of China.'),
      ['Joe Biden ↔ Xi Jinping call/video'],
    );
    assert.deepEqual(pairs('President Joe Biden called King Mohammed VI of Morocco this morning.'), [
      'Joe Biden ↔ Mohammed VI call/phone',
    ]);
    assert.deepEqual(
      pairs(
        'President Joseph R. Biden, Jr. and Prime Minister Tomas Varga of Slovakia met today in Bratislava.',
      ),
      ['Joe Biden ↔ Tomas Varga meeting/in-person'],
    );
    assert.deepEqual(
      pairs(
        'Deputy Advisor Ines Brandt hosted Foreign Minister Omar Haddad and Minister of Trade Lina Sabri at the White House.',
      ),
      ['Ines Brandt ↔ Omar Haddad meeting/in-person', 'Ines Brandt ↔ Lina Sabri meeting/in-person'],
    );
    assert.deepEqual(
      pairs('Vice President Kamala Harris met today with NATO Secretary General Jens Stoltenberg in Munich.'),
      ['Kamala Harris ↔ Jens Stoltenberg meeting/in-person'],
    );
  });

  it('finds no contact with a party named further on, past other words', () => {
    for (const text of [
      'Vice President Kamala Harris met today with families of Americans held hostage by Hamas.',
      'Jake Sullivan met with a delegation of teachers to discuss the plans of President Biden.',
      'President Biden welcomed the chance to speak frankly to President Xi Jinping.',
    ])
      assert.deepEqual(contactsIn(text), [], text);
  });

  it('finds no contact in talk about someone, appeals, name-calling, plans or refusals', () => {
    for (const text of [
      'Putin said Rouhani was wrong.',
      'Putin said Erdogan was wrong.',
      'Erdogan called for a ceasefire.',
      'Erdogan called on Putin to withdraw.',
      'Erdogan called Assad a terrorist.',
      'Lavrov will meet Fidan next week.',
      'Zelensky refused to meet Putin.',
      'Biden warned that Putin would invade.',
      'The UN Security Council met in New York.',
    ])
      assert.deepEqual(contactsIn(text), [], text);
  });

  it('drops the contacts of a sentence whose event an editor rejected, and keeps the others', () => {
    const text = 'Trump called Putin on Tuesday. Lavrov met Hakan Fidan in Ankara.';
    const enrichment = enricher.enrich(text, { published: '2026-12-07T12:00:00+03:00' });
    assert.equal(enrichment.contacts?.length, 2);
    const reviewed = applyReviews(enrichment, [
      {
        updateId: 'u1',
        item: 'events:Trump called Putin on Tuesday.',
        verdict: 'rejected',
        value: null,
        actor: 'editor',
        at: '2026-12-07T12:00:00Z',
      },
    ]);
    assert.deepEqual(
      reviewed.contacts?.map((c) => c.b.name),
      ['Hakan Fidan'],
    );
  });

  it('drops a contact an editor rejected and marks one confirmed, by pair and sentence', () => {
    const text = 'Lavrov met Hakan Fidan and Bashar al-Assad in Ankara. Trump called Putin on Tuesday.';
    const enrichment = enricher.enrich(text, { published: '2026-12-07T12:00:00+03:00' });
    const review = (item: string, verdict: 'confirmed' | 'rejected') => ({
      updateId: 'u1',
      item,
      verdict,
      value: null,
      actor: 'editor',
      at: '2026-12-07T12:00:00Z',
    });
    const [fidan, assad, trump] = enrichment.contacts ?? [];
    assert.deepEqual(
      [fidan?.b.name, assad?.b.name, trump?.a.name],
      ['Hakan Fidan', 'Bashar al-Assad', 'Donald Trump'],
    );
    const reviewed = applyReviews(enrichment, [
      review(contactItem(fidan!), 'rejected'),
      review(contactItem(trump!), 'confirmed'),
    ]);
    // The other pair of the same sentence stays as extracted.
    assert.deepEqual(
      reviewed.contacts?.map((c) => [c.a.name, c.b.name, c.source ?? 'extracted']),
      [
        ['Sergei Lavrov', 'Bashar al-Assad', 'extracted'],
        ['Donald Trump', 'Vladimir Putin', 'confirmed'],
      ],
    );
  });
});
