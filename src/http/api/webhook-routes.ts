/** Admin API for outbound webhooks: add, list and remove subscribers, and read the delivery log. */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { notFound } from '../../domain/errors.ts';
import { assertOutboundUrl, type OutboundPolicy } from '../../outbound/outbound-policy.ts';
import type { Store } from '../../store/store.ts';
import type { WebhookDelivery, WebhookSubscriber } from '../../store/webhooks.ts';
import { requireRole } from '../auth.ts';
import { parseInput } from './schemas.ts';

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

  app.post('/webhooks', async (request, reply) => {
    await requireRole(store, request, 'admin');
    const input = parseInput(CreateWebhookSchema, request.body);
    assertOutboundUrl(input.url, outbound, 'url');
    const secret = input.secret ?? randomBytes(24).toString('base64url');
    const subscriber = await store.webhooks.addSubscriber({ url: input.url, secret });
    return reply
      .code(201)
      .header('location', `/api/v1/webhooks/${subscriber.id}`)
      .send({ ...subscriberJson(subscriber), secret });
  });

  app.get('/webhooks', async (request) => {
    await requireRole(store, request, 'admin');
    return { items: (await store.webhooks.listSubscribers()).map(subscriberJson), nextCursor: null };
  });

  app.delete('/webhooks/:id', async (request, reply) => {
    await requireRole(store, request, 'admin');
    const { id } = parseInput(IdParams, request.params, 'path');
    if (!(await store.webhooks.removeSubscriber(id))) throw notFound('webhook');
    return reply.code(204).send();
  });

  app.get('/webhooks/:id/deliveries', async (request) => {
    await requireRole(store, request, 'admin');
    const { id } = parseInput(IdParams, request.params, 'path');
    const { limit } = parseInput(LogQuery, request.query, 'query');
    if (!(await store.webhooks.getSubscriber(id))) throw notFound('webhook');
    const items = await store.webhooks.listDeliveries({ subscriberId: id, limit });
    return { items: items.map(deliveryJson), nextCursor: null };
  });
}
