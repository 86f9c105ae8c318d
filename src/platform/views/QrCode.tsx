// A QR code drawn on the server as inline SVG (no image request, no script, prints sharply). The matrix comes
// from the `qrcode` package; the SVG is built here from numbers only and rendered through Preact, so the
// encoded address and the text alternative are escaped like any other text: nothing is injected raw.
// Accessible: role="img" with a text alternative (aria-label and <title>), and the link written out beside it
// for those who cannot scan.
import QRCode from 'qrcode';

/** Modules of white border around the code (the specification asks for four). */
const QUIET_ZONE = 4;

/** The dark modules of a QR code for `value`, row by row (error correction M: survives a smudged print). */
export function qrMatrix(value: string): boolean[][] {
  const { modules } = QRCode.create(value, { errorCorrectionLevel: 'M' });
  const rows: boolean[][] = [];
  for (let row = 0; row < modules.size; row++) {
    const cells: boolean[] = [];
    for (let col = 0; col < modules.size; col++) cells.push(!!modules.get(row, col));
    rows.push(cells);
  }
  return rows;
}

/**
 * The SVG path of the dark modules, offset by the quiet zone: one rectangle per horizontal run of dark modules
 * (`M{x} {y}h{run}v1h-{run}z`). Only integers reach the attribute.
 */
export function qrPath(matrix: boolean[][]): string {
  const parts: string[] = [];
  matrix.forEach((cells, row) => {
    let col = 0;
    while (col < cells.length) {
      if (!cells[col]) {
        col++;
        continue;
      }
      const start = col;
      while (col < cells.length && cells[col]) col++;
      const run = col - start;
      parts.push(`M${start + QUIET_ZONE} ${row + QUIET_ZONE}h${run}v1h-${run}z`);
    }
  });
  return parts.join('');
}

/**
 * A QR code for an address, with its text alternative and the address itself as a link under it.
 * `label` says what scanning does ("Scan to follow your ticket on your phone"); `size` is the drawn width in
 * CSS pixels.
 */
export function QrCode({ value, label, size = 192, linkText }: { value: string; label: string; size?: number; linkText?: string | undefined }) {
  const matrix = qrMatrix(value);
  const side = matrix.length + 2 * QUIET_ZONE;
  return (
    <figure class="irisdesk-qr">
      <svg
        xmlns="http://www.w3.org/2000/svg"
        viewBox={`0 0 ${side} ${side}`}
        width={size}
        height={size}
        role="img"
        aria-label={label}
        shape-rendering="crispEdges"
        class="irisdesk-qr__code"
      >
        <title>{label}</title>
        <rect width={side} height={side} fill="#fff" />
        <path d={qrPath(matrix)} fill="#000" />
      </svg>
      <figcaption class="irisdesk-qr__link">
        <a class="utrecht-link" href={value}>
          {linkText ?? value}
        </a>
      </figcaption>
    </figure>
  );
}
