// Standard Webhooks signatures (standardwebhooks.com): HMAC-SHA256 over "<msg id>.<unix seconds>.<body>"
// with the subscription's secret (`whsec_` + base64 key), sent as `webhook-signature: v1,<base64>` beside
// `webhook-id` and `webhook-timestamp`. Receivers reject stale timestamps, so every retry is re-signed
// with the time it is sent; the id stays the event's, so receivers can drop duplicates.
import { createHmac, randomBytes } from 'node:crypto';

/** A new signing secret: 32 random bytes. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** The headers that sign `body` for delivery at `nowMs`. */
export function signatureHeaders(
  secret: string,
  msgId: string,
  body: string,
  nowMs: number,
): Record<string, string> {
  const timestamp = String(Math.floor(nowMs / 1000));
  const key = new Uint8Array(Buffer.from(secret.replace(/^whsec_/, ''), 'base64'));
  const signature = createHmac('sha256', key).update(`${msgId}.${timestamp}.${body}`).digest('base64');
  return {
    'webhook-id': msgId,
    'webhook-timestamp': timestamp,
    'webhook-signature': `v1,${signature}`,
  };
}
