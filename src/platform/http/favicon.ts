// The site icon in the Brussels theme: the logo's asterisk (✱) in iris yellow on Brussels blue. One drawing,
// given twice: as SVG (linked from every page) and as a 32×32 ICO at /favicon.ico, the address that browsers,
// feed readers and crawlers ask for without reading a page.

const BLUE = [0x0b, 0x4a, 0x8f] as const; // --brussels-color-primary
const YELLOW = [0xff, 0xd2, 0x00] as const; // --brussels-color-accent
const SIZE = 32;
const RADIUS = 6; // corners of the square
const STROKE = 4; // width of the asterisk's strokes
// The asterisk: three strokes through the centre, 20 units long, at 90°, 30° and −30°.
const STROKES: Array<[number, number, number, number]> = [
  [16, 6, 16, 26],
  [7.34, 11, 24.66, 21],
  [7.34, 21, 24.66, 11],
];

const hex = (rgb: readonly number[]) => `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`;

export const faviconSvg =
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${SIZE} ${SIZE}">` +
  `<rect width="${SIZE}" height="${SIZE}" rx="${RADIUS}" fill="${hex(BLUE)}"/>` +
  `<g stroke="${hex(YELLOW)}" stroke-width="${STROKE}" stroke-linecap="round">` +
  STROKES.map(([x1, y1, x2, y2]) => `<path d="M${x1} ${y1}L${x2} ${y2}"/>`).join('') +
  '</g></svg>\n';

function distanceToSegment(px: number, py: number, [x1, y1, x2, y2]: [number, number, number, number]): number {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const t = Math.max(0, Math.min(1, ((px - x1) * dx + (py - y1) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (x1 + t * dx), py - (y1 + t * dy));
}

function insideSquare(x: number, y: number): boolean {
  const cx = Math.min(Math.max(x, RADIUS), SIZE - RADIUS);
  const cy = Math.min(Math.max(y, RADIUS), SIZE - RADIUS);
  return Math.hypot(x - cx, y - cy) <= RADIUS;
}

/** The drawing rasterised (4×4 samples a pixel) as straight RGBA rows, top row first. */
function rasterise(): Uint8Array {
  const pixels = new Uint8Array(SIZE * SIZE * 4);
  const samples = 4;
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      let square = 0;
      let star = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const px = x + (sx + 0.5) / samples;
          const py = y + (sy + 0.5) / samples;
          if (!insideSquare(px, py)) continue;
          square++;
          if (STROKES.some((stroke) => distanceToSegment(px, py, stroke) <= STROKE / 2)) star++;
        }
      }
      const i = (y * SIZE + x) * 4;
      for (let c = 0; c < 3; c++) pixels[i + c] = square === 0 ? 0 : Math.round((BLUE[c]! * (square - star) + YELLOW[c]! * star) / square);
      pixels[i + 3] = Math.round((255 * square) / (samples * samples));
    }
  }
  return pixels;
}

/** A one-image ICO file: a 32-bit BMP (bottom-up BGRA, height doubled for the mask) and an empty AND mask. */
export function faviconIco(): Buffer {
  const rgba = rasterise();
  const maskRow = Math.ceil(SIZE / 32) * 4;
  const imageSize = 40 + SIZE * SIZE * 4 + maskRow * SIZE;
  const ico = Buffer.alloc(6 + 16 + imageSize);
  ico.writeUInt16LE(0, 0);
  ico.writeUInt16LE(1, 2); // an icon
  ico.writeUInt16LE(1, 4); // one image
  ico.writeUInt8(SIZE, 6);
  ico.writeUInt8(SIZE, 7);
  ico.writeUInt16LE(1, 10); // colour planes
  ico.writeUInt16LE(32, 12); // bits per pixel
  ico.writeUInt32LE(imageSize, 14);
  ico.writeUInt32LE(22, 18); // offset of the image
  const bmp = 22;
  ico.writeUInt32LE(40, bmp); // BITMAPINFOHEADER
  ico.writeInt32LE(SIZE, bmp + 4);
  ico.writeInt32LE(SIZE * 2, bmp + 8);
  ico.writeUInt16LE(1, bmp + 12);
  ico.writeUInt16LE(32, bmp + 14);
  ico.writeUInt32LE(SIZE * SIZE * 4 + maskRow * SIZE, bmp + 20);
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const from = ((SIZE - 1 - y) * SIZE + x) * 4; // BMP rows go bottom-up
      const to = bmp + 40 + (y * SIZE + x) * 4;
      ico[to] = rgba[from + 2]!;
      ico[to + 1] = rgba[from + 1]!;
      ico[to + 2] = rgba[from]!;
      ico[to + 3] = rgba[from + 3]!;
    }
  }
  return ico; // the AND mask stays zero: transparency comes from the alpha channel
}
