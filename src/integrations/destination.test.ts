import { describe, expect, it } from 'vitest';
import { checkUrl, DestinationRefused, isPublicAddress } from './destination.ts';

const strict: { development: boolean; allowedHosts: string[] } = { development: false, allowedHosts: [] };
const reason = (url: string, policy = strict) => {
  try {
    checkUrl(url, policy);
    return 'ok';
  } catch (error) {
    return (error as DestinationRefused).reason;
  }
};

describe('webhook destinations', () => {
  it('tell public addresses from private, loopback, link-local, shared and documentation ones', () => {
    for (const address of ['8.8.8.8', '185.60.216.35', '2a00:1450:4001:80e::200e', '::ffff:8.8.8.8']) expect(isPublicAddress(address), address).toBe(true);
    for (const address of [
      '127.0.0.1',
      '10.0.0.1',
      '172.16.5.4',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '255.255.255.255',
      '192.0.2.10',
      '::1',
      '::',
      'fe80::1',
      'fd00::1',
      'fc00::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '64:ff9b::a00:1',
      '2001:db8::1',
      'not-an-address',
    ])
      expect(isPublicAddress(address), address).toBe(false);
  });

  it('require https outside development, allow loopback http in development, and trust the allow-list', () => {
    expect(reason('https://crm.example.org/hooks')).toBe('ok');
    expect(reason('http://crm.example.org/hooks')).toBe('scheme');
    expect(reason('http://127.0.0.1:8080/hooks')).toBe('scheme');
    expect(reason('http://127.0.0.1:8080/hooks', { development: true, allowedHosts: [] })).toBe('ok');
    expect(reason('http://localhost:8080/hooks', { development: true, allowedHosts: [] })).toBe('ok');
    expect(reason('http://[::1]:8080/hooks', { development: true, allowedHosts: [] })).toBe('ok');
    expect(reason('http://crm.example.org/hooks', { development: true, allowedHosts: [] })).toBe('scheme');
    expect(reason('http://crm.internal/hooks', { development: false, allowedHosts: ['crm.internal'] })).toBe('ok');
    expect(reason('https://user:pw@crm.example.org/')).toBe('invalid');
    expect(reason('file:///etc/passwd')).toBe('invalid');
    expect(reason('not a url')).toBe('invalid');
  });
});
