/**
 * Declarative API endpoints, in the shape of Ghost's: each route states who may call it, the zod
 * schemas of its path, query and body, its status code and OpenAPI text, and one handler that calls
 * one service. The schemas are the single source of validation (with problems naming the field, as
 * `parseInput` words them), of the handler's types, and of the OpenAPI document (openapi-document.ts).
 * An upload declares `multipart` instead of a JSON body: the kit reads the file and the text fields,
 * validates the fields with `body`, and documents both as multipart/form-data.
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
import { z } from 'zod';
import { DomainError, invalid } from '../../domain/errors.ts';
import type { Role } from '../../domain/types.ts';
import type { Store } from '../../store/store.ts';
import { parseInput } from './parse-input.ts';
import { schema } from './openapi-parts.ts';
import { requireRole, type Principal } from '../auth.ts';
import { refuseNul } from '../refuse-nul-input.ts';

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
  /** Component schemas the responses refer to (`#/components/schemas/<name>`), added to the document. */
  schemas?: Record<string, object>;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set on declared endpoints: what the OpenAPI transform (openapi-document.ts) documents. */
    endpointDocs?: EndpointDocs;
  }
}

/**
 * A JSON body whose schema depends on what the path names (PATCH /updates/{id}: a published update or
 * a submission waiting for an editor). `choose` runs after the caller's permissions and the path's
 * validation, so nobody hears 400 before 401 or 403; the handler gets `{ kind, value }`.
 */
export interface BodyChoice<C extends Record<string, z.ZodType>, K extends string = keyof C & string> {
  schemas: C;
  /** Which schema applies to this request (its params are validated and its caller known by then). */
  choose: (request: FastifyRequest, principal: Principal | undefined) => Promise<K>;
  /** The schema the OpenAPI document shows as the request body. */
  documented: K;
}

/** Declares a body chosen by what the path names (see BodyChoice). */
export function bodyChoice<C extends Record<string, z.ZodType>>(choice: BodyChoice<C>): BodyChoice<C> {
  return choice;
}

function isChoice(body: unknown): body is BodyChoice<Record<string, z.ZodType>, string> {
  return typeof body === 'object' && body !== null && !(body instanceof z.ZodType) && 'choose' in body;
}

type Chosen<C extends Record<string, z.ZodType>> = {
  [K in keyof C & string]: { kind: K; value: z.output<C[K]> };
}[keyof C & string];

type Input<S> = S extends z.ZodType
  ? z.output<S>
  : S extends BodyChoice<infer C, string>
    ? Chosen<C>
    : undefined;

/** Who may call an endpoint: the least role, or a check of its own that finds the caller or throws. */
export type Permission = Role | ((request: FastifyRequest) => Promise<Principal>);

/**
 * A multipart/form-data body of one file and the text fields `body` declares (the scope registers
 * @fastify/multipart with its part limits). The file is required; an unknown field is refused.
 */
export interface Multipart {
  /** The file's field name. */
  file: string;
  /** The largest file accepted (413 beyond it); a request larger than it with room for the fields is refused unread. */
  maxFileBytes: number;
  /** A check of the caller's own, run before the body is read (e.g. an upload quota). */
  admit?: (principal: Principal) => void | Promise<void>;
}

// Room for the text fields and multipart framing around the largest file accepted.
const FIELDS_ROOM = 64 * 1024;

/** One endpoint: permissions, schemas, status, docs, and the one call it makes. */
export interface Endpoint<P, Q, B, R extends Permission | undefined, U extends Multipart | undefined> {
  method: HTTPMethods;
  url: string;
  /** Who may call it, checked before any input is read (so nobody hears 400 before 401). */
  permissions?: R;
  params?: P;
  querystring?: Q;
  /** The JSON body (or a choice of bodies, see BodyChoice); with `multipart`, the text fields. */
  body?: B;
  /** Read the body as multipart/form-data (see Multipart); needs `permissions`. */
  multipart?: U;
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
    /** With `multipart`: the file's bytes. */
    file: U extends Multipart ? Buffer : undefined;
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
    B extends z.ZodType | BodyChoice<Record<string, z.ZodType>, string> | undefined = undefined,
    R extends Permission | undefined = undefined,
    U extends Multipart | undefined = undefined,
  >(spec: Endpoint<P, Q, B, R, U>): void {
    const { permissions, docs, multipart } = spec;
    const choice = isChoice(spec.body) ? spec.body : undefined;
    const schema: FastifySchema = {
      ...(spec.params && { params: spec.params }),
      ...(spec.querystring && { querystring: spec.querystring }),
      // A multipart body is read in the handler (it streams), and a chosen one once the choice is
      // made, so Fastify validates no body there.
      ...(spec.body && !multipart && !choice && { body: spec.body }),
    };
    const endpointDocs =
      docs && multipart
        ? { ...docs, requestBody: multipartDocs(multipart, spec.body) }
        : docs && choice
          ? { ...docs, requestBody: { required: true, content: json(choice.schemas[choice.documented]!) } }
          : docs;
    const chosen = new WeakMap<FastifyRequest, unknown>();
    app.route({
      method: spec.method,
      url: spec.url,
      schema,
      config: endpointDocs ? { endpointDocs } : {},
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
      ...(choice && {
        preHandler: async (request: FastifyRequest) => {
          const kind = await choice.choose(request, principals.get(request));
          const value = parse(choice.schemas[kind] as z.ZodType, request.body, 'body');
          chosen.set(request, { kind, value });
        },
      }),
      handler: async (request, reply) => {
        const principal = principals.get(request);
        let body: unknown = choice ? chosen.get(request) : request.body;
        let file: Buffer | undefined;
        if (multipart) {
          if (principal === undefined)
            throw new Error(`${spec.url}: a multipart endpoint declares permissions`);
          const fieldsSchema = spec.body as z.ZodType | undefined;
          const known = fieldsSchema instanceof z.ZodObject ? Object.keys(fieldsSchema.shape) : [];
          ({ file, fields: body } = await readMultipart(request, reply, multipart, principal, known));
          if (fieldsSchema) body = parse(fieldsSchema, body, 'body');
        }
        if (spec.status !== undefined) reply.code(spec.status);
        return spec.handler({
          request,
          reply,
          principal: principal as R extends Permission ? Principal : undefined,
          params: request.params as Input<P>,
          query: request.query as Input<Q>,
          body: body as Input<B>,
          file: file as U extends Multipart ? Buffer : undefined,
        });
      },
    });
  };
}

/**
 * Reads a multipart body: what can be refused without it is refused before reading it (a body over
 * the limit with the connection closed, as a proxy would; the caller's own `admit`, whose refusal
 * leaves the body to Node, which discards it unparsed, so the client still reads e.g. a 429).
 */
async function readMultipart(
  request: FastifyRequest,
  reply: FastifyReply,
  multipart: Multipart,
  principal: Principal,
  known: readonly string[],
): Promise<{ file: Buffer; fields: Record<string, string> }> {
  const name = multipart.file;
  if (!request.isMultipart())
    throw new DomainError('unsupported_media_type', `send multipart/form-data with a \`${name}\` field`, {
      field: name,
    });
  const tooLarge = () =>
    new DomainError('payload_too_large', `${name} is larger than ${multipart.maxFileBytes / 1048576} MB`, {
      field: name,
    });
  if (Number(request.headers['content-length']) > multipart.maxFileBytes + FIELDS_ROOM) {
    reply.header('connection', 'close');
    throw tooLarge();
  }
  await multipart.admit?.(principal);
  const fields: Record<string, string> = {};
  let file: Buffer | null = null;
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      if (part.fieldname !== name) throw invalid(part.fieldname, `${part.fieldname} is not a known field`);
      file = await part.toBuffer();
      if (part.file.truncated) throw tooLarge();
    } else if (known.includes(part.fieldname)) {
      const value = String(part.value);
      // Streamed after the NUL hook ran: the same check, per field, before anything is stored.
      refuseNul(value, part.fieldname);
      fields[part.fieldname] = value;
    } else {
      throw invalid(part.fieldname, `${part.fieldname} is not a known field`);
    }
  }
  if (file === null) throw invalid(name, `${name} is required`);
  return { file, fields };
}

/** JSON content of `body`'s JSON Schema (what it accepts), for the OpenAPI document. */
function json(body: z.ZodType): object {
  return { 'application/json': { schema: schema(body) } };
}

/** The OpenAPI request body of a multipart endpoint: the file, and the text fields `body` declares. */
function multipartDocs(multipart: Multipart, body: unknown): object {
  const fields = body
    ? (z.toJSONSchema(body as z.ZodType, { io: 'input', unrepresentable: 'any' }) as {
        properties?: Record<string, object>;
        required?: string[];
      })
    : {};
  return {
    required: true,
    content: {
      'multipart/form-data': {
        schema: {
          type: 'object',
          required: [multipart.file, ...(fields.required ?? [])],
          properties: {
            [multipart.file]: { type: 'string', format: 'binary' },
            ...fields.properties,
          },
        },
      },
    },
  };
}
