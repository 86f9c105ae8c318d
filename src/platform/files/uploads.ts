// The checks every uploaded file goes through before anything is stored (decision 0046): how many, how large,
// what it is by its content (content-type.ts), and ClamAV's verdict (scanner.ts). Each refusal is a field error
// on `attachments` that names the file, in the user's language; a scanner that is away refuses the upload with
// 503 (nothing is stored unscanned). Without a scanner configured, uploads are off (`enabled` false).
import { AppError, type FieldError } from '../http/errors.ts';
import { detectFile } from './content-type.ts';
import { ScannerUnavailable, type Scanner } from './scanner.ts';

export interface UploadLimits {
  /** Files per form. */
  maxFiles: number;
  /** Bytes per file. */
  maxFileBytes: number;
  /** Bytes of all the files of one form. */
  maxTotalBytes: number;
}

export const UPLOAD_LIMITS: UploadLimits = { maxFiles: 5, maxFileBytes: 5 * 1024 * 1024, maxTotalBytes: 10 * 1024 * 1024 };

/** A file as the multipart parser read it. */
export interface Upload {
  filename: string;
  content: Buffer;
  /** The file was cut at the parser's size limit: too large. */
  truncated: boolean;
}

/** A file that passed every check: safe to store and to serve with this content type. */
export interface AcceptedFile {
  filename: string;
  contentType: string;
  content: Buffer;
}

/** A file name that is safe to store, show and send by e-mail: one line, no path, at most 200 characters. */
export function safeFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .replace(/[\p{Cc}\p{Cf}]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200);
  return cleaned && cleaned !== '.' && cleaned !== '..' ? cleaned : 'file';
}

export function uploadChecker(scanner: Scanner | undefined, limits: UploadLimits = UPLOAD_LIMITS) {
  return {
    /** Uploads are possible only with a scanner (production refuses them otherwise, by construction). */
    enabled: scanner !== undefined,
    limits,
    /** The scanner, for callers with limits of their own (inbound mail). */
    scanner,

    /**
     * Every file checked: a list of field errors naming each refused file (422), 503 when the scanner cannot
     * answer. Returns the accepted files, in order, with their detected content types.
     */
    async accept(uploads: Upload[], field = 'attachments'): Promise<AcceptedFile[]> {
      if (uploads.length === 0) return [];
      if (!scanner) throw new AppError(422, 'validation.failed', { fields: [{ field, code: 'files.disabled' }] });
      const fields: FieldError[] = [];
      if (uploads.length > limits.maxFiles) fields.push({ field, code: 'files.too_many', values: { limit: limits.maxFiles } });
      const total = uploads.reduce((sum, upload) => sum + upload.content.byteLength, 0);
      if (total > limits.maxTotalBytes) fields.push({ field, code: 'files.total_too_large', values: { megabytes: limits.maxTotalBytes / 1024 / 1024 } });
      if (fields.length) throw new AppError(422, 'validation.failed', { fields });
      const accepted: AcceptedFile[] = [];
      for (const upload of uploads) {
        const filename = safeFilename(upload.filename);
        if (upload.truncated || upload.content.byteLength > limits.maxFileBytes) {
          fields.push({ field, code: 'files.too_large', values: { file: filename, megabytes: limits.maxFileBytes / 1024 / 1024 } });
          continue;
        }
        if (upload.content.byteLength === 0) {
          fields.push({ field, code: 'files.empty', values: { file: filename } });
          continue;
        }
        const detected = await detectFile(upload.content, filename);
        if (!detected) {
          fields.push({ field, code: 'files.type_refused', values: { file: filename } });
          continue;
        }
        let verdict;
        try {
          verdict = await scanner.scan(upload.content);
        } catch (error) {
          if (error instanceof ScannerUnavailable) throw new AppError(503, 'files.scanner_unavailable', { values: { file: filename } });
          throw error;
        }
        if (!verdict.clean) {
          fields.push({ field, code: 'files.infected', values: { file: filename } });
          continue;
        }
        accepted.push({ ...detected, content: upload.content });
      }
      if (fields.length) throw new AppError(422, 'validation.failed', { fields });
      return accepted;
    },
  };
}

export type UploadChecker = ReturnType<typeof uploadChecker>;
