// Is the From address of an inbound message really its sender's? SPF, DKIM and DMARC as checked by mailauth
// (postalsys), reduced to one word (decision 0026):
//   'pass'      — the From domain's DMARC record passes, or (no DMARC record) SPF or DKIM passes for a domain
//                 aligned with the From domain (relaxed alignment: same organisational domain);
//   'fail'      — anything else that DNS answered: the From address may be forged;
//   'temperror' — DNS did not answer (no resolver, a time-out): we cannot tell.
// Only 'pass' earns a receipt and joins an existing request by its reference.
//
// The DNS resolver is mailauth's own seam: production uses the system's name servers with short time-outs
// (systemResolver); tests give one that answers from a small zone. The whole check is bounded by
// CHECK_TIMEOUT_MS: a DNS server that hangs makes 'temperror', never a sending server waiting on us.
import { Resolver } from 'node:dns/promises';
import { authenticate, type DNSResolver } from 'mailauth';

export const CHECK_TIMEOUT_MS = 15_000;

export type SenderCheck = 'pass' | 'fail' | 'temperror';
export type { DNSResolver };

export interface SmtpFacts {
  /** The client's IP address. */
  clientAddress: string;
  /** The name the client gave in HELO/EHLO. */
  helo: string;
  /** The envelope sender (MAIL FROM); empty for bounces. */
  envelopeFrom: string;
  /** Our own name in the Authentication-Results. */
  mta: string;
}

/** Whether `domain` is `orgDomain` or one of its subdomains (relaxed alignment). */
function alignedWith(domain: string | undefined, orgDomain: string): boolean {
  const d = (domain ?? '').toLowerCase().replace(/\.$/, '');
  return d === orgDomain || d.endsWith(`.${orgDomain}`);
}

/** The system's name servers (/etc/resolv.conf), each query given up after 2 s and one retry. */
export function systemResolver(): DNSResolver {
  const resolver = new Resolver({ timeout: 2000, tries: 2 });
  return (name, rrtype) => resolver.resolve(name, rrtype) as ReturnType<DNSResolver>;
}

export async function checkSender(raw: Buffer, facts: SmtpFacts, resolver: DNSResolver = systemResolver(), timeoutMs = CHECK_TIMEOUT_MS): Promise<SenderCheck> {
  let result: Awaited<ReturnType<typeof authenticate>>;
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('sender check timed out')), timeoutMs);
    });
    const check = authenticate(raw, {
      ip: facts.clientAddress.replace(/^::ffff:/, ''),
      helo: facts.helo,
      sender: facts.envelopeFrom,
      mta: facts.mta,
      disableArc: true,
      disableBimi: true,
      resolver,
    });
    result = await Promise.race([check, timeout]);
  } catch {
    return 'temperror';
  } finally {
    clearTimeout(timer);
  }
  const dmarc = result.dmarc;
  if (!dmarc) return 'fail'; // no single From address to check
  const status = dmarc.status?.result;
  if (status === 'pass') return 'pass';
  if (status === 'temperror') return 'temperror';
  if (status !== 'none') return 'fail';
  // No DMARC record: SPF or DKIM must still pass for the From address's organisational domain.
  const orgDomain = String(dmarc.domain ?? '').toLowerCase();
  if (!orgDomain) return 'fail';
  const spf = result.spf;
  if (spf && spf.status?.result === 'pass' && alignedWith(spf.domain, orgDomain)) return 'pass';
  const dkim = (result.dkim?.results ?? []).some((r) => r.status?.result === 'pass' && alignedWith(r.signingDomain, orgDomain));
  if (dkim) return 'pass';
  if (spf && spf.status?.result === 'temperror') return 'temperror';
  return 'fail';
}
