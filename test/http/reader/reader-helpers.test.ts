import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { excerpt, htmlToText, storyBodyHtml } from '../../../src/http/reader/html-text.ts';
import { jsonForScript } from '../../../src/http/reader/json-ld.ts';
import { isSitePath, isWebUrl } from '../../../src/http/reader/safe-url.ts';
import { formatClock, startOfDay } from '../../../src/http/reader/time-format.ts';
import { relativeTime } from '../../../src/domain/relative-time.ts';

describe('reader helpers', () => {
  it('serialises JSON that cannot end its script element and parses back unchanged', () => {
    const value = { text: '</script><script>alert(1)</script><!-- & \u2028\u2029 "q"' };
    const json = jsonForScript(value);
    assert.doesNotMatch(json, /[<>&\u2028\u2029]/);
    assert.deepEqual(JSON.parse(json), value);
  });

  it('takes plain text from sanitised HTML, decoding entities', () => {
    assert.equal(
      htmlToText('<p>Tanks &amp; <strong>troops</strong> &lt;here&gt;</p>\n<p>&#8220;ok&#x201D;</p>'),
      'Tanks & troops <here> “ok”',
    );
    assert.equal(excerpt('one two three four', 12), 'one two…');
    assert.equal(excerpt('short', 12), 'short');
    assert.equal(
      storyBodyHtml('<h3>Analysis</h3><p>x</p><h4>Detail</h4>'),
      '<h2>Analysis</h2><p>x</p><h3>Detail</h3>',
    );
  });

  it('words relative times the same way on server and client', () => {
    const now = Date.parse('2026-05-27T12:00:00Z');
    assert.equal(relativeTime(now - 10_000, now), 'just now');
    assert.equal(relativeTime(now + 5_000, now), 'just now');
    assert.equal(relativeTime(now - 5 * 60_000, now), '5 min ago');
    assert.equal(relativeTime(now - 3 * 3_600_000, now), '3 h ago');
    assert.equal(relativeTime(now - 30 * 3_600_000, now), 'yesterday');
    assert.equal(relativeTime(now - 4 * 86_400_000, now), '4 days ago');
  });

  it('shows clock times with the desk zone’s abbreviation, or its city, and finds where a day begins, across DST', () => {
    assert.equal(formatClock('2026-12-03T07:51:00Z', 'Europe/Kyiv'), '09:51 EET');
    assert.equal(formatClock('2026-07-03T07:51:00Z', 'Europe/Kyiv'), '10:51 EEST');
    assert.equal(formatClock('2026-05-27T11:05:00Z', 'Asia/Damascus'), '14:05 Damascus time');
    assert.equal(formatClock('2026-05-27T11:05:00Z', 'America/New_York'), '07:05 New York time');
    assert.equal(formatClock('2026-05-27T11:05:00Z', 'Europe/London'), '12:05 BST');
    assert.equal(formatClock('2026-05-27T11:05:00Z', 'UTC'), '11:05 UTC');
    assert.equal(startOfDay('2026-05-27', 'Asia/Damascus'), '2026-05-26T21:00:00.000Z');
    assert.equal(startOfDay('2026-03-29', 'Europe/London'), '2026-03-29T00:00:00.000Z');
    assert.equal(startOfDay('2026-03-30', 'Europe/London'), '2026-03-29T23:00:00.000Z');
    assert.equal(startOfDay('2026-11-02', 'America/New_York'), '2026-11-02T05:00:00.000Z');
  });

  it('lets only web links and site paths through', () => {
    assert.equal(isWebUrl('https://example.org/a'), true);
    assert.equal(isWebUrl('javascript:alert(1)'), false);
    assert.equal(isWebUrl('data:text/html,x'), false);
    assert.equal(isSitePath('/media/a.jpg'), true);
    assert.equal(isSitePath('//evil.example/a.jpg'), false);
    assert.equal(isSitePath('/\\evil.example'), false);
  });
});
