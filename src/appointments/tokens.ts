// The secret of a manage link is stored only as its hash; the reference is what people read out at a counter.
import { createHash, randomBytes } from 'node:crypto';

const REFERENCE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
export const newManageToken = () => randomBytes(24).toString('base64url');

export function newReference(): string {
  const bytes = randomBytes(8);
  let out = '';
  for (const byte of bytes) out += REFERENCE_ALPHABET[byte % REFERENCE_ALPHABET.length];
  return `RDV-${out.slice(0, 4)}-${out.slice(4)}`;
}
