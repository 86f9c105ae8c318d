// Is the From address of an inbound message really its sender's? SPF, DKIM and DMARC as checked by mailauth
// (postalsys), reduced to one word (decision 0026):
//   'pass'      — the From domain's DMARC record passes, or (no DMARC record) SPF or DKIM passes for a domain
//                 aligned with the From domain (relaxed alignment: same organisational domain);
//   'fail'      — anything else that DNS answered: the From address may be forged;
//   'temperror' — DNS did not answer (no resolver, a time-out): we cannot tell.
// Only 'pass' earns a receipt and joins an existing request by its reference.
//
// The DNS resolver is mailauth's own seam: production uses the system resolver (dns.promises.resolve); tests
// give one that answers from a small zone.
import { authenticate, type DNSResolver } from 'mailauth';

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

export async function checkSender(raw: Buffer, facts: SmtpFacts, resolver?: DNSResolver): Promise<SenderCheck> {
  let result: Awaited<ReturnType<typeof authenticate>>;
  try {
    result = await authenticate(raw, {
      ip: facts.clientAddress.replace(/^::ffff:/, ''),
      helo: facts.helo,
      sender: facts.envelopeFrom,
      mta: facts.mta,
      disableArc: true,
      disableBimi: true,
      ...(resolver ? { resolver } : {}),
    });
  } catch {
    return 'temperror';
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
