/**
 * One error envelope for HTTP: RFC 9457 `application/problem+json`. Domain errors map by their stable
 * code; unknown errors become a generic 500 and are logged, never leaked.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, type ErrorCode } from '../domain/errors.ts';

/** The problem document sent to clients. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  field?: string;
  current?: unknown;
}

const STATUS: Record<ErrorCode, { status: number; title: string }> = {
  validation: { status: 400, title: 'Invalid request' },
  unauthorized: { status: 401, title: 'Authentication required' },
  forbidden: { status: 403, title: 'Not allowed' },
  not_found: { status: 404, title: 'Not found' },
  conflict: { status: 409, title: 'Conflict' },
  payload_too_large: { status: 413, title: 'Request too large' },
  rate_limited: { status: 429, title: 'Too many attempts' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type' },
};

/** Problem type URIs are relative to the API's own docs. */
function typeUri(code: string): string {
  return `/api/v1/problems/${code}`;
}

/** Builds the problem for a domain error. */
export function problemFromDomainError(error: DomainError): Problem {
  const { status, title } = STATUS[error.code];
  const problem: Problem = { type: typeUri(error.code), title, status, detail: error.message };
  if (error.details.field !== undefined) problem.field = error.details.field;
  if (error.details.current !== undefined) problem.current = error.details.current;
  return problem;
}

/** Sends `problem` with the right content type. */
export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  if (problem.status === 401) reply.header('www-authenticate', 'Bearer realm="dateline"');
  return reply.code(problem.status).type('application/problem+json').send(problem);
}

// Fastify's own client errors (bad JSON, wrong content type, too large) keep their 4xx status.
function problemFromFastifyError(error: FastifyError): Problem | null {
  const status = error.statusCode ?? 500;
  if (status < 400 || status >= 500) return null;
  const code =
    status === 413
      ? 'payload_too_large'
      : status === 415
        ? 'unsupported_media_type'
        : status === 404
          ? 'not_found'
          : 'malformed';
  const detail =
    error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
      ? 'send JSON with content-type: application/json'
      : error instanceof SyntaxError || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
        ? `request body is not valid JSON: ${error.message}`
        : error.message;
  return {
    type: typeUri(code),
    title: status === 413 ? 'Request too large' : 'Malformed request',
    status,
    detail,
  };
}

/**
 * Fastify's `frameworkErrors`: errors raised before a route runs (a path that is not valid UTF-8 once
 * percent-decoded, a parameter over the length limit), answered as a problem like every other 4xx.
 */
export function sendFrameworkProblem(
  error: FastifyError,
  _request: FastifyRequest,
  reply: FastifyReply,
): void {
  void sendProblem(
    reply,
    problemFromFastifyError(error) ?? {
      type: typeUri('malformed'),
      title: 'Malformed request',
      status: 400,
      detail: error.message,
    },
  );
}

/** Installs the central error handler on `app`. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof DomainError) {
      if (error.details.retryAfter !== undefined)
        reply.header('retry-after', String(error.details.retryAfter));
      return sendProblem(reply, problemFromDomainError(error));
    }
    const client = problemFromFastifyError(error);
    if (client) return sendProblem(reply, client);
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(reply, {
      type: typeUri('internal'),
      title: 'Internal error',
      status: 500,
      detail: 'something went wrong on our side; it has been logged',
    });
  });
}
