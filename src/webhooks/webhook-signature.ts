/**
 * Signing of webhook POSTs: `X-Dateline-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`
 * with the subscriber's secret, and the Unix timestamp in `X-Dateline-Timestamp`. Signing the
 * timestamp lets a subscriber refuse replays older than a few minutes.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Header names subscribers read. */
export const WEBHOOK_HEADERS = {
  signature: 'x-dateline-signature',
  timestamp: 'x-dateline-timestamp',
  delivery: 'x-dateline-delivery',
  event: 'x-dateline-event',
} as const;

/** The signature header value for `body` sent at `timestamp` (Unix seconds). */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * Whether `signature` is this body's, signed with `secret`, at a timestamp within `toleranceSeconds`
 * of `now` (Unix seconds). What a subscriber runs on every POST.
 */
export function verifyWebhook(
  secret: string,
  headers: { signature: string | undefined; timestamp: string | undefined },
  body: string,
  now = Math.floor(Date.now() / 1000),
  toleranceSeconds = 300,
): boolean {
  if (headers.signature === undefined || headers.timestamp === undefined) return false;
  const timestamp = Number(headers.timestamp);
  if (!Number.isInteger(timestamp) || Math.abs(now - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(headers.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
