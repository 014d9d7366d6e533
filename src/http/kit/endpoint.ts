/**
 * Declarative API endpoints, in the shape of Ghost's: each route states who may call it, the zod
 * schemas of its path, query and body, its status code and OpenAPI text, and one handler that calls
 * one service. The schemas are the single source of validation (with problems naming the field, as
 * `parseInput` words them), of the handler's types, and of the OpenAPI document (openapi-document.ts).
 */
import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  FastifySchema,
  FastifySchemaCompiler,
  HTTPMethods,
  RouteShorthandOptions,
} from 'fastify';
import type { z } from 'zod';
import type { Role } from '../../domain/types.ts';
import type { Store } from '../../store/store.ts';
import { parseInput } from '../api/schemas.ts';
import { requireRole, type Principal } from '../auth.ts';

/** What the OpenAPI document says about an endpoint beyond its schemas (responses are written out). */
export interface EndpointDocs {
  summary: string;
  description?: string;
  /** Needs a token or session: documented with the bearer scheme. */
  secured?: boolean;
  /** Parameters the schemas do not validate (e.g. a header read by the live hub). */
  parameters?: object[];
  /** Documents the body as optional (see `emptyBody`). */
  bodyOptional?: boolean;
  /** The request body, for an endpoint that parses its body itself (it depends on what the path names). */
  requestBody?: object;
  responses: Record<string, object>;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set on declared endpoints: what the OpenAPI transform (openapi-document.ts) documents. */
    endpointDocs?: EndpointDocs;
  }
}

type Input<S> = S extends z.ZodType ? z.output<S> : undefined;

/** Who may call an endpoint: the least role, or a check of its own that finds the caller or throws. */
export type Permission = Role | ((request: FastifyRequest) => Promise<Principal>);

/** One endpoint: permissions, schemas, status, docs, and the one call it makes. */
export interface Endpoint<P, Q, B, R extends Permission | undefined> {
  method: HTTPMethods;
  url: string;
  /** Who may call it, checked before any input is read (so nobody hears 400 before 401). */
  permissions?: R;
  params?: P;
  querystring?: Q;
  body?: B;
  /** What a request without a body is validated as (e.g. `{}`); without it, a missing body is refused. */
  emptyBody?: object;
  /** The success status (default 200). */
  status?: number;
  /** Largest body in bytes, when it is not the server's (map drawings are bigger than updates). */
  bodyLimit?: number;
  /** Hooks that run first (e.g. the live stream admission). */
  onRequest?: RouteShorthandOptions['onRequest'];
  /** Omitted: left out of the public document (the newsroom browser's own routes). */
  docs?: EndpointDocs;
  handler: (input: {
    request: FastifyRequest;
    reply: FastifyReply;
    principal: R extends Permission ? Principal : undefined;
    params: Input<P>;
    query: Input<Q>;
    body: Input<B>;
  }) => Promise<unknown>;
}

const WHERE: Record<string, string> = {
  body: 'body',
  querystring: 'query',
  params: 'path',
  headers: 'header',
};

/** Parses a request part, or throws the domain's validation error naming the field (as parseInput). */
export type Parse = (schema: z.ZodType, input: unknown, where: string) => unknown;

// A schema that fails throws the domain's validation error, so the one error handler answers it with
// the same problem document (field and wording) the hand calls to parseInput gave.
const validatorCompilerOf =
  (parse: Parse): FastifySchemaCompiler<FastifySchema> =>
  ({ schema, httpPart }) =>
  (data) => {
    try {
      return { value: parse(schema as z.ZodType, data, WHERE[httpPart ?? 'body'] ?? 'body') };
    } catch (error) {
      return { error: error as Error };
    }
  };

/**
 * Returns `define`, which registers endpoints on `app`; `store` resolves callers for permissions, and
 * `parse` words validation errors (the statements API keeps its own wording, see statement-service.ts).
 */
export function endpoints(app: FastifyInstance, store: Store, parse: Parse = parseInput) {
  const validatorCompiler = validatorCompilerOf(parse);
  const principals = new WeakMap<FastifyRequest, Principal>();
  return function define<
    P extends z.ZodType | undefined = undefined,
    Q extends z.ZodType | undefined = undefined,
    B extends z.ZodType | undefined = undefined,
    R extends Permission | undefined = undefined,
  >(spec: Endpoint<P, Q, B, R>): void {
    const { permissions, docs } = spec;
    const schema: FastifySchema = {
      ...(spec.params && { params: spec.params }),
      ...(spec.querystring && { querystring: spec.querystring }),
      ...(spec.body && { body: spec.body }),
    };
    app.route({
      method: spec.method,
      url: spec.url,
      schema,
      config: docs ? { endpointDocs: docs } : {},
      validatorCompiler,
      ...(spec.bodyLimit !== undefined && { bodyLimit: spec.bodyLimit }),
      ...(spec.onRequest && { onRequest: spec.onRequest }),
      preValidation: async (request) => {
        if (permissions !== undefined) {
          const principal =
            typeof permissions === 'function'
              ? await permissions(request)
              : await requireRole(store, request, permissions);
          principals.set(request, principal);
        }
        if (spec.emptyBody !== undefined && request.body === undefined) request.body = { ...spec.emptyBody };
      },
      handler: async (request, reply) => {
        if (spec.status !== undefined) reply.code(spec.status);
        return spec.handler({
          request,
          reply,
          principal: principals.get(request) as R extends Permission ? Principal : undefined,
          params: request.params as Input<P>,
          query: request.query as Input<Q>,
          body: request.body as Input<B>,
        });
      },
    });
  };
}
