import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { snippetHtml } from '../../src/store/sql/search-text.ts';

describe('search snippets', () => {
  it('read as text: Markdown quote, list and emphasis markers are dropped, the rest escaped', () => {
    assert.equal(
      snippetHtml('took effect.\n> The ministers **agreed**\n> to meet:\n- in Port Amsel\n2. <b>soon</b>'),
      'took effect. The ministers agreed to meet: in Port Amsel &lt;b&gt;soon&lt;/b&gt;',
    );
  });
});
