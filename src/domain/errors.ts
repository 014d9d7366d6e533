/** Typed domain errors with stable codes; the HTTP layer maps them to problem+json. */

/** Stable error codes callers branch on. */
export const ERROR_CODES = [
  'validation',
  'not_found',
  'conflict',
  'unauthorized',
  'forbidden',
  'payload_too_large',
  'rate_limited',
  'unsupported_media_type',
] as const;
/** One stable error code. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** An error a client caused, with a stable code and, for validation, the offending field. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** `retryAfter`: seconds a refused (`rate_limited`) caller should wait, sent as Retry-After. */
    readonly details: { field?: string; current?: unknown; retryAfter?: number } = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** The input named by `field` is invalid. */
export function invalid(field: string, message: string): DomainError {
  return new DomainError('validation', message, { field });
}

/** Nothing exists by that id or slug. */
export function notFound(what: string): DomainError {
  return new DomainError('not_found', `${what} not found`);
}

/** The edit was based on an old version; `current` is what is stored now. */
export function conflict(message: string, current: unknown): DomainError {
  return new DomainError('conflict', message, { current });
}
