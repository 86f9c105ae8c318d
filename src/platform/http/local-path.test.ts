import { describe, expect, it } from 'vitest';
import { localPath } from './local-path.ts';

describe('localPath', () => {
  it('keeps a path of this site, with its query and fragment', () => {
    expect(localPath('/fr/admin/accounts')).toBe('/fr/admin/accounts');
    expect(localPath('/nl/console?view=mine#top')).toBe('/nl/console?view=mine#top');
  });

  it('refuses what the URL parser turns into another site: tabs, newlines, backslashes, schemes', () => {
    for (const value of [
      '/\t/evil.example/x',
      '/\n/evil.example',
      '/\r\n/evil.example',
      '/\\evil.example',
      '\\/evil.example',
      '//evil.example',
      '///evil.example',
      'https://evil.example',
      'javascript:alert(1)',
      'fr/console',
      '',
      null,
      undefined,
    ]) {
      expect(localPath(value), JSON.stringify(value)).toBeUndefined();
    }
  });

  it('gives back what the browser would request: encoded, without CR/LF, safe in a Location header', () => {
    expect(localPath('/fr/x\r\nSet-Cookie: a=b')).toBe('/fr/xSet-Cookie:%20a=b');
    expect(localPath('/fr/\u3000x')).toBe('/fr/%E3%80%80x');
    expect(localPath(`/${'a'.repeat(600)}`)).toBeUndefined();
  });
});
