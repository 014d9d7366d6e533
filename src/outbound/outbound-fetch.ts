/**
 * One outbound HTTP exchange that cannot reach an address the policy refuses. Node's `fetch` resolves and
 * connects in one step we cannot see into (its undici Agent is not exposed without the undici package),
 * so this goes through node:http/https with a `lookup` hook: the addresses DNS gives are checked, and the
 * socket connects to exactly those, so a name cannot resolve to a public address for the check and a
 * private one for the connection (DNS rebinding). Literal addresses skip `lookup` in node:net, so they
 * are checked before the request. Redirects are never followed here: a caller that follows one calls
 * again with the new URL, which is checked the same way.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { Readable } from 'node:stream';
import { normalHost, OutboundRefusedError, type OutboundPolicy } from './outbound-policy.ts';

/** What one exchange sends. */
export interface OutboundInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

// Statuses whose Response may not carry a body (the Fetch standard's "null body status").
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/** Sends one request to `url` if `policy` lets it reach the host's addresses; redirects are returned as is. */
export function outboundFetch(url: string, init: OutboundInit, policy: OutboundPolicy): Promise<Response> {
  const target = new URL(url);
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    return Promise.reject(new OutboundRefusedError(`refused: not an http(s) address (${target.protocol})`));
  }
  const host = normalHost(target.hostname);
  const allowed = policy.allowsHost(host);
  if (!allowed && isIpLiteral(host)) {
    const refusal = policy.refusal(host);
    if (refusal !== null) return Promise.reject(new OutboundRefusedError(`${refusal} (${host})`));
  }
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const outgoing = request(
      target,
      {
        method: init.method ?? 'GET',
        headers: init.headers ?? {},
        // A socket of its own: one pooled by another request was never checked by this policy.
        agent: false,
        ...(init.signal && { signal: init.signal }),
        ...(!allowed && { lookup: checkedLookup(policy, host) }),
      },
      (incoming) => {
        try {
          resolve(toResponse(incoming));
        } catch (error) {
          // A status outside 200–599 or a header the Fetch API refuses: not an answer we can use.
          incoming.destroy();
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      },
    );
    // An abort says why (a TimeoutError from AbortSignal.timeout), as fetch does, not just "aborted".
    outgoing.on('error', (error) => reject(init.signal?.aborted ? init.signal.reason : error));
    outgoing.end(init.body);
  });
}

function isIpLiteral(host: string): boolean {
  return /^[\d.]+$/.test(host) || host.includes(':');
}

/** dns.lookup, failing when any address it gives is refused (a name that mixes them is not trusted). */
function checkedLookup(policy: OutboundPolicy, host: string): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      for (const { address } of addresses) {
        const refusal = policy.refusal(address);
        if (refusal !== null) return callback(new OutboundRefusedError(`${refusal} (${host})`), '', 0);
      }
      if (options.all) return (callback as unknown as AllCallback)(null, addresses);
      const first = addresses[0];
      if (!first)
        return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
      callback(null, first.address, first.family);
    });
  };
}

type AllCallback = (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void;

function toResponse(incoming: IncomingMessage): Response {
  const headers = new Headers();
  for (let i = 0; i + 1 < incoming.rawHeaders.length; i += 2) {
    headers.append(incoming.rawHeaders[i]!, incoming.rawHeaders[i + 1]!);
  }
  const status = incoming.statusCode ?? 502;
  if (NULL_BODY.has(status)) {
    incoming.resume();
    return new Response(null, { status, headers });
  }
  return new Response(Readable.toWeb(incoming) as ReadableStream<Uint8Array>, { status, headers });
}
