import { describe, expect, it } from 'vitest';
import { renderToString } from 'preact-render-to-string';
import QRCode from 'qrcode';
import { QrCode, qrMatrix, qrPath } from './QrCode.tsx';

/** Reads the dark modules back from the drawn path (the inverse of qrPath, quiet zone of 4 removed). */
function matrixFromPath(d: string, size: number): boolean[][] {
  const matrix = Array.from({ length: size }, () => Array.from({ length: size }, () => false));
  for (const [, x, y, run] of d.matchAll(/M(\d+) (\d+)h(\d+)v1h-\3z/g)) {
    for (let i = 0; i < Number(run); i++) matrix[Number(y) - 4]![Number(x) - 4 + i] = true;
  }
  return matrix;
}

describe('QrCode', () => {
  const url = 'https://irisdesk.example/fr/tickets/abc_DEF-123';

  it('draws exactly the modules of the QR code, quiet zone included in the view box', () => {
    const html = renderToString(<QrCode value={url} label="Scan" />);
    const d = /<path d="([^"]+)"/.exec(html)![1]!;
    const reference = QRCode.create(url, { errorCorrectionLevel: 'M' }).modules;
    const expected = qrMatrix(url);
    expect(expected.length).toBe(reference.size);
    expect(matrixFromPath(d, reference.size)).toEqual(expected);
    // The three finder patterns: a 7×7 dark square ring at three corners.
    expect(expected[0]!.slice(0, 7).every(Boolean)).toBe(true);
    expect(expected[0]!.slice(-7).every(Boolean)).toBe(true);
    expect(expected[reference.size - 1]!.slice(0, 7).every(Boolean)).toBe(true);
    const side = reference.size + 8;
    expect(html).toContain(`viewBox="0 0 ${side} ${side}"`);
  });

  it('is deterministic', () => {
    expect(renderToString(<QrCode value={url} label="Scan" />)).toBe(renderToString(<QrCode value={url} label="Scan" />));
    expect(qrPath(qrMatrix(url))).not.toBe(qrPath(qrMatrix(`${url}x`)));
  });

  it('has a text alternative and writes the link out', () => {
    const html = renderToString(<QrCode value={url} label="Scannez pour suivre votre ticket" />);
    expect(html).toMatch(/<svg[^>]*role="img"/);
    expect(html).toMatch(/<svg[^>]*aria-label="Scannez pour suivre votre ticket"/);
    expect(html).toContain('<title>Scannez pour suivre votre ticket</title>');
    expect(html).toContain(`<a class="utrecht-link" href="${url}">${url}</a>`);
  });

  it('escapes the address and the label', () => {
    const nasty = 'https://x.example/"><script>alert(1)</script>';
    const html = renderToString(<QrCode value={nasty} label={'<b onload="x">&'} />);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b ');
    expect(html).toContain('&lt;script>');
    expect(html).toContain('aria-label="&lt;b onload=&quot;x&quot;>&amp;"');
    // Only numbers and path commands in the drawing.
    expect(/<path d="([^"]+)"/.exec(html)![1]).toMatch(/^[Mhvz0-9 -]+$/);
  });
});
