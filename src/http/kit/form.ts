/**
 * Declarative forms of server-rendered pages, the HTML twin of endpoint.ts: each form states who may use
 * it, the zod schemas of its path and fields (declared beside the route), and one handler. A POST form's
 * fields are its posted text fields; a GET form's (a search or filter form) its query string. Input is
 * parsed with the API's wording (parse-input.ts). A path that does not parse is a problem document, as
 * in the API; fields that do not parse, and the refusals the handler throws of the codes named, show the
 * form again with the reason (`refused`), or are a problem document where the form has nothing to show.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { DomainError, invalid, type ErrorCode } from '../../domain/errors.ts';
import { parseInput } from './parse-input.ts';

type Output<S> = S extends z.ZodType ? z.output<S> : undefined;

/**
 * A posted field that carries a JSON document (the composer's update, posted as a form to open in a
 * new tab): parsed as JSON, then with `schema`, whose problems name the document's own fields (`body`,
 * as the API names them, not `payload.body`).
 */
export interface JsonField<J> {
  /** The field's name; its length limit belongs in `fields`. */
  field: string;
  schema: J;
  /** What the document is, for the problem when it is not JSON ("payload: must be the update as JSON"). */
  what: string;
}

/** One form post: who, schemas, the one call it makes, and how a refusal is shown. */
export interface Form<W, P, F, J = undefined> {
  /** POST (the default) or GET: a form that only reads, whose fields come in the query string. */
  method?: 'POST' | 'GET';
  url: string;
  /** Who may post it, checked before any input is read: the caller, or null once it has answered (a sign-in redirect). */
  who?: (request: FastifyRequest, reply: FastifyReply) => Promise<W | null>;
  params?: P;
  /** The fields: the text fields posted (anything else a crafted request sends is as absent), or the query. */
  fields?: F;
  /** A field holding a JSON document, parsed after `fields` (see JsonField). */
  json?: JsonField<J>;
  handler: (input: {
    request: FastifyRequest;
    reply: FastifyReply;
    who: W;
    params: Output<P>;
    fields: Output<F>;
    json: Output<J>;
  }) => Promise<unknown>;
  /** Shows the form again, for fields that do not parse and the handler's refusals of `codes`. */
  refused?: {
    /** Refusals of the handler shown on the form (default: validation only). */
    codes?: readonly ErrorCode[];
    render: (input: {
      request: FastifyRequest;
      reply: FastifyReply;
      who: W;
      params: Output<P>;
      error: DomainError;
      /** What was typed, to fill the form again (the CSRF token left out). */
      values: Record<string, string>;
    }) => Promise<unknown>;
  };
}

/** The text fields of a posted body: only strings count. */
function textFields(body: unknown): Record<string, string> {
  if (body === null || typeof body !== 'object') return {};
  return Object.fromEntries(
    Object.entries(body).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

/** Returns `form`, which registers form posts on `app`. */
export function forms(app: FastifyInstance) {
  return function form<
    W = undefined,
    P extends z.ZodType | undefined = undefined,
    F extends z.ZodType | undefined = undefined,
    J extends z.ZodType | undefined = undefined,
  >(spec: Form<W, P, F, J>): void {
    app.route({
      method: spec.method ?? 'POST',
      url: spec.url,
      handler: async (request, reply) => {
        let who = undefined as W;
        if (spec.who) {
          const found = await spec.who(request, reply);
          if (found === null) return reply;
          who = found;
        }
        const params = (
          spec.params ? parseInput(spec.params, request.params, 'path') : undefined
        ) as Output<P>;
        const reading = spec.method === 'GET';
        const values = textFields(reading ? request.query : request.body);
        try {
          const fields = (
            spec.fields
              ? parseInput(spec.fields, reading ? request.query : values, reading ? 'query' : 'body')
              : undefined
          ) as Output<F>;
          const json = (spec.json ? parseJsonField(spec.json, values) : undefined) as Output<J>;
          return await spec.handler({ request, reply, who, params, fields, json });
        } catch (error) {
          const shown = spec.refused?.codes ?? ['validation'];
          if (!spec.refused || !(error instanceof DomainError) || !shown.includes(error.code)) throw error;
          const { _csrf: _token, ...typed } = values;
          return spec.refused.render({ request, reply, who, params, error, values: typed });
        }
      },
    });
  };
}

/** The document in `values[json.field]`, parsed with its schema, or the validation error naming the field at fault. */
function parseJsonField<J>(json: JsonField<J>, values: Record<string, string>): unknown {
  let document: unknown;
  try {
    document = JSON.parse(values[json.field] ?? '');
  } catch {
    throw invalid(json.field, `${json.field}: must be ${json.what} as JSON`);
  }
  return parseInput(json.schema as z.ZodType, document);
}
