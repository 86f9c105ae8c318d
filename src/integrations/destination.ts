// Where webhooks may go (decision 0036): outside development, only https to public addresses, unless the
// host is on WEBHOOK_ALLOWED_HOSTS; in development also http to the loopback. Checked when a subscription is
// made and again at each delivery, on the addresses the connection really uses (the DNS answer is checked in
// the connection's own lookup), so a name that later resolves to an internal address is refused too.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

export interface DestinationPolicy {
  development: boolean;
  allowedHosts: readonly string[];
}

export type DestinationRefusal = 'invalid' | 'scheme' | 'address' | 'unresolved';

export class DestinationRefused extends Error {
  constructor(
    readonly reason: DestinationRefusal,
    detail: string,
  ) {
    super(`webhook destination refused (${reason}): ${detail}`);
    this.name = 'DestinationRefused';
  }
}

const blocked = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  blocked.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
  ['100::', 64],
  ['2001::', 23],
  ['2001:db8::', 32],
  ['2002::', 16],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const)
  blocked.addSubnet(network, prefix, 'ipv6');

/** An address of the public internet: not private, loopback, link-local, shared, documentation or multicast. */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return !blocked.check(address, 'ipv4');
  if (family !== 6) return false;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return isPublicAddress(mapped[1]!);
  if (/^::ffff:/i.test(address)) return false; // mapped in hexadecimal form: not worth the risk
  return !blocked.check(address, 'ipv6');
}

const isLoopback = (address: string) => (isIP(address) === 4 ? address.startsWith('127.') : address === '::1');
const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, '').toLowerCase();

/**
 * Checks the URL's form: http(s), no credentials, and https unless the host is allowed or (in development) a
 * loopback name. Returns the URL. The addresses are checked by `addressCheck` (at subscription and delivery).
 */
export function checkUrl(raw: string, policy: DestinationPolicy): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new DestinationRefused('invalid', 'not a URL');
  }
  if (url.username || url.password || (url.protocol !== 'https:' && url.protocol !== 'http:')) throw new DestinationRefused('invalid', 'scheme or credentials');
  const host = hostOf(url);
  if (policy.allowedHosts.includes(host)) return url;
  const loopbackName = host === 'localhost' || (isIP(host) !== 0 && isLoopback(host));
  if (url.protocol === 'http:' && !(policy.development && loopbackName)) throw new DestinationRefused('scheme', 'https is required');
  return url;
}

/** Whether a resolved address may be connected to for this host. */
function addressAllowed(host: string, address: string, policy: DestinationPolicy): boolean {
  if (policy.allowedHosts.includes(host)) return true;
  if (policy.development && isLoopback(address)) return true;
  return isPublicAddress(address);
}

/** Resolves the host and refuses it when any address is not allowed (at subscription time). */
export async function checkAddresses(url: URL, policy: DestinationPolicy): Promise<void> {
  const host = hostOf(url);
  const addresses = isIP(host) ? [host] : await resolveAll(host);
  if (addresses.length === 0) throw new DestinationRefused('unresolved', host);
  if (!addresses.every((address) => addressAllowed(host, address, policy))) throw new DestinationRefused('address', host);
}

function resolveAll(host: string): Promise<string[]> {
  return new Promise((resolve) => {
    dnsLookup(host, { all: true }, (error, addresses: LookupAddress[]) => resolve(error ? [] : addresses.map((a) => a.address)));
  });
}

/**
 * The `lookup` of the delivery's connection: the system resolver, then the same refusal, so the address
 * connected to is the address checked (no second resolution in between).
 */
export function guardedLookup(policy: DestinationPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const host = hostname.toLowerCase();
      const refused = addresses.find((a) => !addressAllowed(host, a.address, policy));
      if (refused || addresses.length === 0) return callback(new DestinationRefused('address', hostname), '', 0);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      return callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

/** A literal address in the URL never goes through lookup: checked here before connecting. */
export function checkLiteralAddress(url: URL, policy: DestinationPolicy): void {
  const host = hostOf(url);
  if (isIP(host) && !addressAllowed(host, host, policy)) throw new DestinationRefused('address', host);
}
