// The sender check's reading of mailauth's results, against a small DNS zone (mailauth's resolver seam): SPF
// or DKIM aligned with the From domain when it has no DMARC record, DMARC when it has one, relaxed alignment
// (a subdomain of the same organisational domain), and DNS failures. DKIM signatures are made with a real key.
import { generateKeyPairSync } from 'node:crypto';
import { dkimSign } from 'mailauth';
import { describe, expect, it } from 'vitest';
import { unreachableDns, zoneResolver } from '../../../test/dns-zone.ts';
import { checkSender } from './sender-check.ts';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const publicKeyBase64 = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');

const zone = zoneResolver({
  'example.be': { TXT: ['v=spf1 ip4:192.0.2.10 -all'] },
  'bounces.example.be': { TXT: ['v=spf1 ip4:192.0.2.20 -all'] },
  'sel._domainkey.example.be': { TXT: [`v=DKIM1; k=rsa; p=${publicKeyBase64}`] },
  'strict.be': { TXT: ['v=spf1 ip4:192.0.2.30 -all'] },
  '_dmarc.strict.be': { TXT: ['v=DMARC1; p=reject'] },
  'other.be': { TXT: ['v=spf1 ip4:192.0.2.40 -all'] },
});

const message = (from: string) =>
  Buffer.from(`From: ${from}\r\nTo: contact@schaerbeek.test\r\nSubject: Bonjour\r\nMessage-ID: <m1@example.be>\r\n\r\nBonjour\r\n`);
const facts = (clientAddress: string, envelopeFrom: string) => ({ clientAddress, helo: 'mail.example.be', envelopeFrom, mta: 'irisdesk.test' });

describe('checkSender', () => {
  it('passes SPF aligned with the From domain, also from a subdomain of it, without a DMARC record', async () => {
    expect(await checkSender(message('a@example.be'), facts('192.0.2.10', 'a@example.be'), zone)).toBe('pass');
    expect(await checkSender(message('a@example.be'), facts('192.0.2.20', 'bounce-1@bounces.example.be'), zone)).toBe('pass');
  });

  it('fails SPF that passes for another domain than the From address (not aligned), or does not pass', async () => {
    expect(await checkSender(message('a@example.be'), facts('192.0.2.40', 'x@other.be'), zone)).toBe('fail');
    expect(await checkSender(message('a@example.be'), facts('198.51.100.1', 'a@example.be'), zone)).toBe('fail');
    expect(await checkSender(message('a@unknown-domain.be'), facts('198.51.100.1', 'a@unknown-domain.be'), zone)).toBe('fail');
  });

  it('passes a DKIM signature of the From domain whatever the client (mail forwarded by another server)', async () => {
    // mailauth signs with signatureData (its type definitions also ask for the fields at the top level).
    const key = { signingDomain: 'example.be', selector: 'sel', privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }) };
    const signed = await dkimSign(message('a@example.be'), { ...key, signatureData: [key] });
    expect(signed.signatures).toMatch(/^DKIM-Signature: .*d=example\.be/);
    const raw = Buffer.concat([Buffer.from(signed.signatures), message('a@example.be')]);
    expect(await checkSender(raw, facts('198.51.100.1', 'a@forwarder.be'), zone)).toBe('pass');
    // The same message changed on the way: the signature no longer passes.
    const tampered = Buffer.from(raw.toString().replace(/\r\n\r\nBonjour/, '\r\n\r\nVersez sur BE99'));
    expect(await checkSender(tampered, facts('198.51.100.1', 'a@forwarder.be'), zone)).toBe('fail');
  });

  it('follows the DMARC record of the From domain when there is one', async () => {
    expect(await checkSender(message('a@strict.be'), facts('192.0.2.30', 'a@strict.be'), zone)).toBe('pass');
    expect(await checkSender(message('a@strict.be'), facts('198.51.100.1', 'a@strict.be'), zone)).toBe('fail');
  });

  it('says temperror when DNS does not answer, or hangs', async () => {
    expect(await checkSender(message('a@example.be'), facts('192.0.2.10', 'a@example.be'), unreachableDns)).toBe('temperror');
    const hanging = () => new Promise<never>(() => undefined);
    const started = Date.now();
    expect(await checkSender(message('a@example.be'), facts('192.0.2.10', 'a@example.be'), hanging, 200)).toBe('temperror');
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
