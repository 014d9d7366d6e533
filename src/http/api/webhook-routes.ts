/** Admin API for outbound webhooks: add, list and remove subscribers, and read the delivery log. */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { notFound } from '../../domain/errors.ts';
import { assertOutboundUrl, type OutboundPolicy } from '../../outbound/outbound-policy.ts';
import type { Store } from '../../store/store.ts';
import type { WebhookDelivery, WebhookSubscriber } from '../../store/webhooks.ts';
import { endpoints } from '../kit/endpoint.ts';
import { problem } from '../kit/openapi-parts.ts';

const CreateWebhookSchema = z.strictObject({
  url: z
    .string()
    .max(2000, 'must be at most 2000 characters')
    .refine((value) => {
      try {
        return ['http:', 'https:'].includes(new URL(value).protocol);
      } catch {
        return false;
      }
    }, 'must be an absolute http(s) URL'),
  secret: z.string().min(16, 'must be at least 16 characters').max(200).optional(),
});
const IdParams = z.object({ id: z.string().min(1).max(64) });
const LogQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });

/** A subscriber as the API shows it: the secret only once, when it is created. */
function subscriberJson(subscriber: WebhookSubscriber) {
  return { id: subscriber.id, url: subscriber.url, createdAt: subscriber.createdAt };
}

const subscriberDoc = {
  type: 'object',
  properties: { id: { type: 'string' }, url: { type: 'string' }, createdAt: { type: 'string' } },
};

function deliveryJson(delivery: WebhookDelivery) {
  const { payload: _payload, ...rest } = delivery;
  return rest;
}

/** Registers the webhook admin routes (mounted under /api/v1). */
export async function registerWebhookRoutes(
  app: FastifyInstance,
  deps: { store: Store; outbound: OutboundPolicy },
): Promise<void> {
  const { store, outbound } = deps;
  const define = endpoints(app, store);

  define({
    method: 'POST',
    url: '/webhooks',
    permissions: 'admin',
    body: CreateWebhookSchema,
    status: 201,
    docs: {
      summary: 'Add a webhook subscriber (admin); the secret is returned once',
      description:
        'Subscribers receive POSTs for update.published, update.edited, update.claim_changed and update.deleted, signed `X-Dateline-Signature: sha256=HMAC-SHA256(secret, "{X-Dateline-Timestamp}.{body}")`, with `X-Dateline-Delivery` to dedupe by. Failures are retried with exponential backoff.',
      secured: true,
      responses: {
        '201': {
          description: 'The subscriber, with its secret',
          content: { 'application/json': { schema: subscriberDoc } },
        },
        '400': problem('Invalid input; `field` names what is wrong'),
        '403': problem('Not an admin'),
      },
    },
    handler: async ({ body, reply }) => {
      assertOutboundUrl(body.url, outbound, 'url');
      const secret = body.secret ?? randomBytes(24).toString('base64url');
      const subscriber = await store.webhooks.addSubscriber({ url: body.url, secret });
      reply.header('location', `/api/v1/webhooks/${subscriber.id}`);
      return { ...subscriberJson(subscriber), secret };
    },
  });

  define({
    method: 'GET',
    url: '/webhooks',
    permissions: 'admin',
    docs: {
      summary: 'List webhook subscribers (admin)',
      secured: true,
      responses: {
        '200': { description: 'Subscribers, without their secrets' },
        '403': problem('Not an admin'),
      },
    },
    handler: async () => ({
      items: (await store.webhooks.listSubscribers()).map(subscriberJson),
      nextCursor: null,
    }),
  });

  define({
    method: 'DELETE',
    url: '/webhooks/:id',
    permissions: 'admin',
    params: IdParams,
    status: 204,
    docs: {
      summary: 'Remove a webhook subscriber (admin); its pending deliveries are abandoned',
      secured: true,
      responses: { '204': { description: 'Removed' }, '404': problem('No such subscriber') },
    },
    handler: async ({ params, reply }) => {
      if (!(await store.webhooks.removeSubscriber(params.id))) throw notFound('webhook');
      return reply.send();
    },
  });

  define({
    method: 'GET',
    url: '/webhooks/:id/deliveries',
    permissions: 'admin',
    params: IdParams,
    querystring: LogQuery,
    docs: {
      summary: 'The delivery log of a subscriber, newest first (admin)',
      secured: true,
      responses: {
        '200': { description: 'Deliveries: state, attempts, last status and error, next attempt' },
      },
    },
    handler: async ({ params, query }) => {
      if (!(await store.webhooks.getSubscriber(params.id))) throw notFound('webhook');
      const items = await store.webhooks.listDeliveries({ subscriberId: params.id, limit: query.limit });
      return { items: items.map(deliveryJson), nextCursor: null };
    },
  });
}
