/** Which X and Telegram links show as embedded posts, and that only a validated id reaches the frame URL. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { postEmbed } from '../../src/media/post-embeds.ts';
import { linkHrefs } from '../../src/http/reader/html-text.ts';
import { renderMarkdown } from '../../src/render/markdown.ts';

describe('postEmbed', () => {
  it('frames posts on X from any of its link forms', () => {
    const src = 'https://platform.twitter.com/embed/Tweet.html?id=1790000000000000000&dnt=true';
    for (const url of [
      'https://x.com/someone/status/1790000000000000000',
      'https://twitter.com/someone/status/1790000000000000000?s=20',
      'https://www.twitter.com/someone/status/1790000000000000000/photo/1',
      'https://mobile.twitter.com/i/web/status/1790000000000000000',
    ])
      assert.deepEqual(postEmbed(url), { provider: 'X', src }, url);
  });

  it('frames public Telegram channel posts', () => {
    const src = 'https://t.me/frontline/4521?embed=1';
    for (const url of [
      'https://t.me/frontline/4521',
      'https://t.me/s/frontline/4521',
      'https://telegram.me/frontline/4521?single',
    ])
      assert.deepEqual(postEmbed(url), { provider: 'Telegram', src }, url);
  });

  it('leaves everything else a link, including ids that are not the platform’s shape', () => {
    for (const url of [
      'https://x.com/someone',
      'https://x.com/someone/status/12ab',
      'https://x.com/someone/status/1790000000000000000"onload="x',
      'https://evil.example/x.com/someone/status/1',
      'https://x.com.evil.example/someone/status/1',
      'https://t.me/c/123456/7',
      'https://t.me/joinchat/AAAA',
      'https://t.me/frontline',
      'https://t.me/front%22line/1',
      'javascript:alert(1)//t.me/frontline/1',
      'not a url',
    ])
      assert.equal(postEmbed(url), null, url);
  });

  it('finds the links in sanitised update text', () => {
    const html = renderMarkdown(
      'See [the post](https://x.com/a/status/1?x=1&y=2) and <https://t.me/frontline/4521>.',
    );
    assert.deepEqual(linkHrefs(html), ['https://x.com/a/status/1?x=1&y=2', 'https://t.me/frontline/4521']);
  });
});
