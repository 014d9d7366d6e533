import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { retryDelay } from '../../src/webhooks/webhook-dispatcher.ts';
import { signWebhook, verifyWebhook } from '../../src/webhooks/webhook-signature.ts';

describe('webhook signatures', () => {
  const secret = 'a-secret-of-sixteen-chars';
  const body = '{"type":"update.published"}';
  const now = 1_780_000_000;

  it('verifies what was signed with the secret', () => {
    const signature = signWebhook(secret, now, body);
    assert.match(signature, /^sha256=[0-9a-f]{64}$/);
    assert.equal(verifyWebhook(secret, { signature, timestamp: String(now) }, body, now), true);
  });

  it('refuses a changed body, another secret, a changed timestamp, a stale one or none', () => {
    const signature = signWebhook(secret, now, body);
    assert.equal(verifyWebhook(secret, { signature, timestamp: String(now) }, `${body} `, now), false);
    assert.equal(
      verifyWebhook('another-secret-entirely', { signature, timestamp: String(now) }, body, now),
      false,
    );
    assert.equal(verifyWebhook(secret, { signature, timestamp: String(now + 1) }, body, now), false);
    const old = signWebhook(secret, now - 600, body);
    assert.equal(verifyWebhook(secret, { signature: old, timestamp: String(now - 600) }, body, now), false);
    assert.equal(verifyWebhook(secret, { signature: undefined, timestamp: String(now) }, body, now), false);
    assert.equal(verifyWebhook(secret, { signature: 'sha256=00', timestamp: String(now) }, body, now), false);
  });
});

describe('webhook retry delay', () => {
  it('doubles with each failed attempt, within its jitter, up to the cap', () => {
    const base = 1000;
    const max = 60_000;
    assert.deepEqual(
      [1, 2, 3, 4].map((n) => retryDelay(n, base, max, 0.999_999)).map(Math.round),
      [1000, 2000, 4000, 8000],
    );
    assert.deepEqual(
      [1, 2, 3, 4].map((n) => retryDelay(n, base, max, 0)),
      [500, 1000, 2000, 4000],
    );
    assert.equal(Math.round(retryDelay(20, base, max, 0.999_999)), max);
  });
});
