// What a file is, told by its content (magic bytes, the `file-type` package), never by its name or the type the
// browser or mail client declared: a program renamed "photo.jpg" is still a program. Only the kinds of files
// people send to an administration are accepted; each is stored and served with the type found here.
// (`file-type` reads the first bytes and, for ZIP-based office files, the names inside: enough to tell a PDF,
// an image or a document from a program, a script or an archive.)
import { fileTypeFromBuffer } from 'file-type';

/** The accepted kinds, by the MIME type `file-type` reports for them. */
export const ACCEPTED_TYPES: ReadonlySet<string> = new Set([
  'application/pdf',
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'image/heic',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
]);

/** An accepted file as its content shows it: the type, and the name with an extension that says the same. */
export interface DetectedFile {
  contentType: string;
  filename: string;
}

const TEXT_NAME = /(?:^[^.]*|\.txt|\.text|\.csv)$/i;

/**
 * What a file is, or null when it is not an accepted kind. Text has no magic bytes: a file with no recognised
 * signature is text/plain (text/csv when named so) only if it is UTF-8 without control characters other than
 * tab and line breaks, and named as text (or with no extension): "MZ" in "setup.exe" is refused. A name whose
 * extension says something else than the content gets the right one added ("scan.exe" holding a PDF is kept
 * as "scan.exe.pdf"), so that no program opens it as what it is not.
 */
export async function detectFile(content: Uint8Array, filename: string): Promise<DetectedFile | null> {
  const found = await fileTypeFromBuffer(content);
  if (found) {
    if (!ACCEPTED_TYPES.has(found.mime)) return null;
    const extensions = found.ext === 'jpg' ? ['jpg', 'jpeg'] : [found.ext];
    const named = extensions.some((ext) => filename.toLowerCase().endsWith(`.${ext}`));
    return { contentType: found.mime, filename: named ? filename : `${filename}.${found.ext}` };
  }
  if (!isPlainText(content) || !TEXT_NAME.test(filename)) return null;
  return /\.csv$/i.test(filename)
    ? { contentType: 'text/csv', filename }
    : { contentType: 'text/plain', filename: /\./.test(filename) ? filename : `${filename}.txt` };
}

/** The type detected, for messages: "application/x-msdownload" for a Windows program, … */
export async function describeContent(content: Uint8Array): Promise<string> {
  return (await fileTypeFromBuffer(content))?.mime ?? (isPlainText(content) ? 'text/plain' : 'application/octet-stream');
}

function isPlainText(content: Uint8Array): boolean {
  if (content.byteLength === 0) return false;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    return false;
  }
  return !/[^\P{Cc}\t\n\r]/u.test(text);
}
