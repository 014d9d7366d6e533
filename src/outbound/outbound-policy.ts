/**
 * Which addresses Dateline's own outbound requests (statement feeds, webhooks) may reach. An admin types
 * those URLs, but the server makes the request, from inside the network: without a check a feed URL can
 * read an internal service into public statements, and a webhook's delivery log becomes a port scanner.
 * Only public unicast addresses are reachable, unless the operator names a host or address in
 * DATELINE_OUTBOUND_ALLOW. The classification is ipaddr.js's (the one Fastify's proxy-addr uses), which
 * knows the special-purpose registries of both families and unwraps IPv4-mapped IPv6.
 */
import ipaddr from 'ipaddr.js';
import { invalid } from '../domain/errors.ts';

/** An outbound request refused because of where it would go; its message is fit for a status line. */
export class OutboundRefusedError extends Error {
  override name = 'OutboundRefusedError';
}

/** Decides whether an outbound request may reach a host or an address. */
export interface OutboundPolicy {
  /** True when the operator allowed this host name or address literally (then no address check). */
  allowsHost(hostname: string): boolean;
  /** Null when `address` (an IP, as resolved) may be reached; otherwise why not. */
  refusal(address: string): string | null;
}

const REFUSED = 'refused: private address';

/**
 * The policy for `allow`: host names (exact, case-insensitive), IP addresses and CIDR ranges that may be
 * reached even though they are private (a feed on the intranet, a loopback fixture in tests).
 */
export function createOutboundPolicy(allow: readonly string[] = []): OutboundPolicy {
  const names = new Set<string>();
  const ranges: [ipaddr.IPv4 | ipaddr.IPv6, number][] = [];
  for (const entry of allow) {
    const kind = outboundAllowEntryKind(entry);
    if (kind === 'name') names.add(normalHost(entry));
    else if (kind === 'address') {
      const address = ipaddr.process(entry);
      ranges.push([address, address.kind() === 'ipv4' ? 32 : 128]);
    } else if (kind === 'range') {
      const [address, bits] = ipaddr.parseCIDR(entry);
      ranges.push(
        address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress()
          ? [(address as ipaddr.IPv6).toIPv4Address(), bits - 96]
          : [address, bits],
      );
    } else throw new Error(`not a host name, address or CIDR range: ${entry}`);
  }
  const allowedAddress = (address: ipaddr.IPv4 | ipaddr.IPv6) =>
    ranges.some(([range, bits]) => range.kind() === address.kind() && address.match(range, bits));
  return {
    allowsHost(hostname) {
      const host = normalHost(hostname);
      if (names.has(host)) return true;
      return ipaddr.isValid(host) && allowedAddress(ipaddr.process(host));
    },
    refusal(text) {
      if (!ipaddr.isValid(text)) return REFUSED;
      const address = ipaddr.process(text);
      if (allowedAddress(address)) return null;
      // Anything but public unicast: loopback, private, link-local (cloud metadata), unique-local,
      // unspecified (0.0.0.0 reaches the local host), multicast, CGNAT, reserved, and the IPv6 forms
      // that tunnel to an IPv4 address of their choosing (6to4, Teredo, NAT64).
      return address.range() === 'unicast' ? null : REFUSED;
    },
  };
}

/** What an entry of DATELINE_OUTBOUND_ALLOW is, or null when it is none of a name, address or range. */
export function outboundAllowEntryKind(entry: string): 'name' | 'address' | 'range' | null {
  const host = normalHost(entry);
  if (ipaddr.isValid(host)) return 'address';
  if (entry.includes('/')) return ipaddr.isValidCIDR(entry) ? 'range' : null;
  return /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(host) ? 'name' : null;
}

/**
 * Why `url` may not be saved, when that is known without resolving its name: a literal address that is
 * not public, or `localhost` (RFC 6761 names it loopback whatever DNS says). Null otherwise; names are
 * checked again, after resolution, on every request.
 */
export function literalUrlRefusal(url: string, policy: OutboundPolicy): string | null {
  let hostname: string;
  try {
    hostname = new URL(url).hostname;
  } catch {
    return null; // the URL's own validation says what is wrong with it
  }
  const host = normalHost(hostname);
  if (policy.allowsHost(host)) return null;
  if (host === 'localhost' || host.endsWith('.localhost')) return REFUSED;
  return ipaddr.isValid(host) ? policy.refusal(host) : null;
}

/** Throws a validation error naming `field` when `url` is refused before any request (see above). */
export function assertOutboundUrl(url: string, policy: OutboundPolicy, field: string): void {
  const refusal = literalUrlRefusal(url, policy);
  if (refusal !== null) {
    throw invalid(
      field,
      `${field}: ${refusal}; Dateline does not fetch from loopback, private or link-local addresses unless DATELINE_OUTBOUND_ALLOW names the host`,
    );
  }
}

/** A URL's host name as compared: lower case, without IPv6 brackets or the root's trailing dot. */
export function normalHost(hostname: string): string {
  return hostname
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '');
}
