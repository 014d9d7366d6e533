/**
 * The newsroom's enrichment suggestions over HTTP, for editors and admins only:
 * - `GET /updates/{id}/suggestions`: what was extracted from an update, with the verdicts so far;
 * - `POST /updates/{id}/suggestions`: confirm, reject or correct one suggestion. Rejections and
 *   corrections of names and places are kept per deployment and used by every later enrichment;
 *   the update is enriched again at once and the fresh suggestions returned; or clear them all;
 * - `GET /enrichment/places?q=`, `GET /enrichment/names?q=`: gazetteer and name look-ups for corrections;
 * - `GET /enrichment/corrections`, `DELETE /enrichment/corrections/{id}`: the deployment's corrections;
 * - `GET /stories/{id}/suggestions/live`: Server-Sent Events, one `suggestions` event each time an
 *   update of the story is enriched.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { DomainError, invalid, notFound } from '../../domain/errors.ts';
import type { Story, Update } from '../../domain/types.ts';
import {
  NewNameSchema,
  PlaceChoiceSchema,
  normaliseSurface,
  type NewCorrection,
  type ReviewVerdict,
} from '../../enrich/corrections.ts';
import { enrichmentText, type EnrichmentWorker } from '../../service/enrichment-worker.ts';
import { EVENT_TYPES } from '../../enrich/events/taxonomy.ts';
import type { Enricher } from '../../enrich/pipeline.ts';
import { ImportedPlaces } from '../../enrich/places/imported-places.ts';
import { buildSuggestions, type SuggestionItem, type Suggestions } from '../../enrich/suggestions.ts';
import type { LiveBus } from '../../live/bus.ts';
import { createSseFrame } from '../../live/sse-frame.ts';
import type { Store } from '../../store/store.ts';
import { requireDesk, type Principal } from '../auth.ts';
import { newsroomStreams } from '../kit/newsroom-streams.ts';
import { endpoints, type EndpointDocs } from '../kit/endpoint.ts';
import { problem } from '../kit/openapi-parts.ts';

/** What the suggestion routes need, built by the composition root. */
export interface SuggestionDeps {
  store: Store;
  bus: LiveBus;
  enrichment: EnrichmentWorker;
  enricher: Enricher;
}

const IdParams = z.object({ id: z.string().min(1).max(64) });
const item = z.string().min(3).max(2000);
const surface = z
  .string()
  .trim()
  .min(2, 'must be at least 2 characters')
  .max(200, 'must be at most 200 characters');

/** Body of POST /updates/{id}/suggestions: one verdict or correction. */
export const SuggestionActionSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('confirm'), item }),
  /** Names and places: never suggested again for that spelling; dates and events: dropped from this update. */
  z.strictObject({ action: z.literal('reject'), item }),
  /** A spelling (the one matched, or another one to add) names this person or organisation. */
  z.strictObject({
    action: z.literal('alias'),
    item,
    surface,
    entity: z.strictObject({ kind: z.enum(['person', 'organization']), name: z.string().min(2).max(200) }),
  }),
  /** A "new name?" is a new person or organisation. */
  z.strictObject({ action: z.literal('add-name'), item, name: NewNameSchema }),
  /** A place's spelling is this gazetteer entry. */
  z.strictObject({ action: z.literal('choose-place'), item, place: PlaceChoiceSchema }),
  /** An event's sentence is of this type. */
  z.strictObject({ action: z.literal('event-type'), item, type: z.enum(EVENT_TYPES) }),
  /** Every open suggestion of the update is cleared from view (`dismissed`); nothing is rejected. */
  z.strictObject({ action: z.literal('clear') }),
]);
type SuggestionAction = z.infer<typeof SuggestionActionSchema>;

const LookupQuery = z.object({
  q: z.string().trim().min(2, 'must be at least 2 characters').max(200, 'must be at most 200 characters'),
});

const errors = {
  '400': problem('Invalid input; `field` names what is wrong'),
  '401': problem('Missing or invalid credentials'),
  '403': problem('Editors and admins only (and only on their desks)'),
  '404': problem('No such update, story or correction, or not enriched yet'),
};
const jsonObject = { 'application/json': { schema: { type: 'object' } } };
const lookup = (summary: string): EndpointDocs => ({
  summary,
  secured: true,
  responses: { '200': { description: '`{ items }`', content: jsonObject }, ...errors },
});

/** Registers the suggestion routes under /api/v1. */
export async function registerSuggestionRoutes(app: FastifyInstance, deps: SuggestionDeps): Promise<void> {
  const { store, enricher, enrichment } = deps;
  const define = endpoints(app, store);

  /** The update, for an editor assigned to its story's desk. */
  async function editable(principal: Principal, id: string): Promise<Update> {
    const update = await store.updates.getById(id);
    if (!update || update.deletedAt !== null) throw notFound('update');
    const story = await store.stories.getById(update.storyId);
    if (!story) throw notFound('update');
    requireDesk(principal, story.deskId);
    return update;
  }

  async function suggestionsOf(update: Update): Promise<Suggestions> {
    const [stored, corrections, reviews] = await Promise.all([
      store.enrichments.get(update.id),
      store.corrections.list(),
      store.corrections.reviewsOf(update.id),
    ]);
    if (!stored) throw notFound('enrichment');
    return buildSuggestions({
      updateId: update.id,
      updateVersion: stored.updateVersion,
      current: stored.updateVersion === update.version,
      enrichedAt: stored.enrichedAt,
      enrichment: stored.enrichment,
      newNames: enricher.suggest(enrichmentText(update), enricher.compile(corrections)),
      reviews,
    });
  }

  define({
    method: 'GET',
    url: '/updates/:id/suggestions',
    permissions: 'editor',
    params: IdParams,
    docs: {
      summary:
        'What was extracted from an update (people, organisations, places, dates, events, "new name?" hints) as suggestions with the editors’ verdicts so far; editors only',
      secured: true,
      responses: {
        '200': {
          description: '`{ updateId, updateVersion, current, enrichedAt, items }`',
          content: jsonObject,
        },
        ...errors,
      },
    },
    handler: async ({ principal, params }) => suggestionsOf(await editable(principal, params.id)),
  });

  define({
    method: 'POST',
    url: '/updates/:id/suggestions',
    permissions: 'editor',
    params: IdParams,
    body: SuggestionActionSchema,
    docs: {
      summary:
        'Confirm, reject or correct one suggestion, or `clear` every open one (dismissed from view; nothing rejected). Rejected and corrected names and places are kept per deployment and applied to every later enrichment; the update is enriched again and its fresh suggestions returned',
      secured: true,
      responses: {
        '200': { description: 'The update’s suggestions after the change', content: jsonObject },
        ...errors,
      },
    },
    handler: async ({ principal, params, body }) =>
      act(principal, await editable(principal, params.id), body),
  });

  async function act(principal: Principal, update: Update, action: SuggestionAction): Promise<Suggestions> {
    if (action.action === 'clear') return clearAll(principal, update);
    const found = (await suggestionsOf(update)).items.find((s) => s.item === action.item);
    if (!found) throw invalid('item', 'item is not one of this update’s suggestions (reload them)');
    const compiled = enricher.compile(await store.corrections.list());
    const known = (kind: 'person' | 'organization', name: string) =>
      enricher.findNames(name, 50, compiled).some((c) => c.kind === kind && c.name === name);
    const { corrections, verdict, value } = correctionsFor(action, found, principal, update.id, known);
    for (const correction of corrections) await store.corrections.put(correction);
    await store.corrections.review({
      updateId: update.id,
      item: action.item,
      verdict,
      value,
      actor: principal.name,
      at: new Date().toISOString(),
    });
    await store.audit.record({
      actor: principal.name,
      actorKey: principal.key,
      action: `enrichment.${action.action}`,
      target: update.id,
      detail: { item: action.item, ...(value !== null && { value }) },
    });
    // Enrich the update again with the correction in force, so what the editor sees next is its effect;
    // earlier updates with the same spelling follow in the background.
    await enrichment.refresh(update);
    enrichment.refreshNaming(
      corrections.map((c) => c.surface),
      update.id,
    );
    return suggestionsOf(update);
  }

  /** Marks every suggestion of `update` without a verdict as dismissed, in one go. */
  async function clearAll(principal: Principal, update: Update): Promise<Suggestions> {
    const open = (await suggestionsOf(update)).items.filter((s) => s.verdict === null);
    const at = new Date().toISOString();
    for (const s of open)
      await store.corrections.review({
        updateId: update.id,
        item: s.item,
        verdict: 'dismissed',
        value: null,
        actor: principal.name,
        at,
      });
    await store.audit.record({
      actor: principal.name,
      actorKey: principal.key,
      action: 'enrichment.clear',
      target: update.id,
      detail: { items: open.length },
    });
    // Other editors' open pages hide them too (best-effort, like every private event).
    void deps.bus
      .publishPrivate({ kind: 'reviewed', storyId: update.storyId, updateId: update.id })
      .catch(() => {});
    return suggestionsOf(update);
  }

  // Its own cache of imported spellings: editors' look-ups are few and must not evict the worker's.
  const importedPlaces = new ImportedPlaces(store.gazetteer, { maxCached: 5_000 });
  define({
    method: 'GET',
    url: '/enrichment/places',
    permissions: 'editor',
    querystring: LookupQuery,
    docs: lookup('Gazetteer entries (countries, regions, towns) with this name, biggest first; editors only'),
    handler: async ({ query: { q } }) => {
      const [corrections, imported] = await Promise.all([
        store.corrections.list(),
        importedPlaces.lexiconFor(q.trim()),
      ]);
      return { items: enricher.placeCandidates(q, 20, enricher.compile(corrections), imported) };
    },
  });

  define({
    method: 'GET',
    url: '/enrichment/names',
    permissions: 'editor',
    querystring: LookupQuery,
    docs: lookup(
      'People and organisations (curated or added by editors) whose name or an alias starts with q; editors only',
    ),
    handler: async ({ query: { q } }) => {
      const corrections = enricher.compile(await store.corrections.list());
      return { items: enricher.findNames(q, 20, corrections) };
    },
  });

  define({
    method: 'GET',
    url: '/enrichment/corrections',
    permissions: 'editor',
    docs: {
      summary: 'Every correction of this deployment, oldest first; editors only',
      secured: true,
      responses: { '200': { description: '`{ items }`', content: jsonObject }, ...errors },
    },
    handler: async () => ({ items: await store.corrections.list() }),
  });

  define({
    method: 'DELETE',
    url: '/enrichment/corrections/:id',
    permissions: 'editor',
    params: IdParams,
    status: 204,
    docs: {
      summary: 'Removes a correction (later enrichments no longer apply it); editors only',
      secured: true,
      responses: { '204': { description: 'Removed' }, ...errors },
    },
    handler: async ({ principal, params: { id }, reply }) => removeCorrection(principal, id, reply),
  });

  async function removeCorrection(principal: Principal, id: string, reply: FastifyReply) {
    const correction = (await store.corrections.list()).find((c) => c.id === id);
    if (!correction) throw notFound('correction');
    // Corrections apply to every desk, so one made on an update belongs to that update's desk, and
    // one made elsewhere (no update) only to editors of every desk.
    const update = correction.updateId === null ? null : await store.updates.getById(correction.updateId);
    const story = update ? await store.stories.getById(update.storyId) : null;
    if (principal.desks !== null && principal.role !== 'admin' && !story)
      throw new DomainError('forbidden', 'only an editor of every desk can remove this correction');
    if (story) requireDesk(principal, story.deskId);
    if (!(await store.corrections.remove(id))) throw notFound('correction');
    await store.audit.record({
      actor: principal.name,
      actorKey: principal.key,
      action: 'enrichment.correction_removed',
      target: id,
      detail: {},
    });
    return reply.send();
  }

  const streams = newsroomStreams(app, store, deps.bus);

  define({
    method: 'GET',
    url: '/stories/:id/suggestions/live',
    permissions: 'editor',
    params: IdParams,
    docs: {
      summary:
        'Server-Sent Events for the newsroom: a `suggestions` event (the update’s suggestions as JSON) each time an update of the story is enriched; editors only',
      secured: true,
      responses: {
        '200': {
          description: 'An event stream',
          content: { 'text/event-stream': { schema: { type: 'string' } } },
        },
        ...errors,
      },
    },
    handler: async ({ request, reply, principal, params }) =>
      suggestionStream(request, reply, principal, params.id),
  });

  async function suggestionStream(
    request: FastifyRequest,
    reply: FastifyReply,
    principal: Principal,
    id: string,
  ) {
    const story: Story | null = await store.stories.getById(id);
    if (!story) throw notFound('story');
    requireDesk(principal, story.deskId);
    const res = streams.start(request, reply, 'suggestions', 'editor');
    let closed = false;
    // Versions already sent, so a local notice and the wait for a remote one never send twice.
    const sent = new Map<string, string>();
    const send = async (updateId: string, minVersion: number): Promise<boolean> => {
      const update = await store.updates.getById(updateId);
      const stored = await store.enrichments.get(updateId);
      if (closed || !update || update.deletedAt !== null || !stored || stored.updateVersion < minVersion)
        return false;
      const key = `${stored.updateVersion}@${stored.enrichedAt}`;
      if (sent.get(updateId) === key) return true;
      sent.set(updateId, key);
      const suggestions = await suggestionsOf(update);
      if (!closed) res.write(createSseFrame({ event: 'suggestions', data: JSON.stringify(suggestions) }));
      return true;
    };
    const fail = (error: unknown) => request.log.error({ err: error }, 'suggestions stream');
    // Whichever node enriched the update, its private `enriched` event reaches this one on the bus;
    // `reviewed` (suggestions cleared) changes what is shown without a new enrichment, so it is resent.
    const stopBus = deps.bus.subscribePrivate((event) => {
      if (event.storyId !== story.id) return;
      if (event.kind === 'reviewed') {
        sent.delete(event.updateId);
        void send(event.updateId, 0).catch(fail);
      } else if (event.kind === 'enriched') void send(event.updateId, event.updateVersion).catch(fail);
    });
    res.on('close', () => {
      closed = true;
      stopBus();
    });
    return reply;
  }
}

/** The corrections an action stores, and the verdict it records on the update's item. */
function correctionsFor(
  action: Exclude<SuggestionAction, { action: 'clear' }>,
  found: SuggestionItem,
  principal: Principal,
  updateId: string,
  known: (kind: 'person' | 'organization', name: string) => boolean,
): { corrections: NewCorrection[]; verdict: ReviewVerdict; value: unknown } {
  const base = { updateId, actor: principal.name };
  const spellings = [...new Set(found.matched.map(normaliseSurface))];
  const onlyFor = (fields: SuggestionItem['field'][]) => {
    if (!fields.includes(found.field))
      throw new DomainError('validation', `${action.action} does not apply to ${found.field}`, {
        field: 'action',
      });
  };
  switch (action.action) {
    case 'confirm':
      return { corrections: [], verdict: 'confirmed', value: null };
    case 'reject': {
      const field = found.field;
      const corrections: NewCorrection[] =
        field === 'people' || field === 'organizations' || field === 'names'
          ? spellings.map((s) => ({ ...base, field: 'name', action: 'reject', target: null, surface: s }))
          : field === 'places'
            ? spellings.map((s) => ({ ...base, field: 'place', action: 'reject', target: null, surface: s }))
            : [];
      return { corrections, verdict: 'rejected', value: null };
    }
    case 'alias': {
      onlyFor(['people', 'organizations', 'names']);
      if (!known(action.entity.kind, action.entity.name))
        throw invalid('entity.name', `no ${action.entity.kind} called "${action.entity.name}" is known`);
      return {
        corrections: [
          {
            ...base,
            field: 'name',
            action: 'alias',
            target: action.entity,
            surface: normaliseSurface(action.surface),
          },
        ],
        verdict: 'corrected',
        value: { surface: normaliseSurface(action.surface), ...action.entity },
      };
    }
    case 'add-name':
      onlyFor(['names']);
      return {
        corrections: [
          {
            ...base,
            field: 'name',
            action: 'add',
            target: action.name,
            surface: normaliseSurface(found.label),
          },
        ],
        verdict: 'corrected',
        value: action.name,
      };
    case 'choose-place':
      onlyFor(['places', 'names']);
      return {
        corrections: spellings.map((s) => ({
          ...base,
          field: 'place',
          action: 'choose',
          target: action.place,
          surface: s,
        })),
        verdict: 'corrected',
        value: action.place,
      };
    case 'event-type':
      onlyFor(['events']);
      return { corrections: [], verdict: 'corrected', value: action.type };
  }
}
