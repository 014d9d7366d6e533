/** Which links play in the page, and that nothing but a validated id reaches the player URL. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { videoEmbed } from '../../src/media/video-embeds.ts';

describe('videoEmbed', () => {
  it('plays YouTube through the no-cookie domain, whatever form the link takes', () => {
    const src = 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&rel=0';
    for (const url of [
      'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
      'https://m.youtube.com/watch?v=dQw4w9WgXcQ&feature=share',
      'https://youtu.be/dQw4w9WgXcQ',
      'https://www.youtube.com/shorts/dQw4w9WgXcQ',
      'https://www.youtube.com/live/dQw4w9WgXcQ',
      'https://www.youtube.com/embed/dQw4w9WgXcQ',
    ])
      assert.deepEqual(videoEmbed(url), { provider: 'YouTube', src }, url);
    assert.equal(
      videoEmbed('https://youtu.be/dQw4w9WgXcQ?t=1m30s')?.src,
      'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&rel=0&start=90',
    );
  });

  it('plays Vimeo with do-not-track', () => {
    for (const url of [
      'https://vimeo.com/76979871',
      'https://vimeo.com/channels/staffpicks/76979871',
      'https://player.vimeo.com/video/76979871',
    ])
      assert.equal(videoEmbed(url)?.src, 'https://player.vimeo.com/video/76979871?autoplay=1&dnt=1', url);
  });

  it('leaves every other platform, and anything malformed, as a link', () => {
    for (const url of [
      'https://x.com/someone/status/1790000000000000000',
      'https://t.me/channel/1234',
      'https://www.facebook.com/watch/?v=123',
      'https://www.tiktok.com/@user/video/7300000000000000000',
      'https://example.org/video.mp4',
      'https://www.youtube.com/watch?v=short',
      'https://www.youtube.com/watch?v=dQw4w9WgXcQ"><script>alert(1)</script>',
      'https://youtu.be/dQw4w9WgXc%22onload',
      'https://evil.example/youtube.com/watch?v=dQw4w9WgXcQ',
      'https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ',
      'javascript:alert(1)//youtube.com/watch?v=dQw4w9WgXcQ',
      'https://vimeo.com/about',
      'not a url',
    ])
      assert.equal(videoEmbed(url), null, url);
  });
});
