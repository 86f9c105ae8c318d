import { describe, expect, it } from 'vitest';
import { safeNext } from './routes.tsx';

describe('safeNext', () => {
  it('follows local paths only', () => {
    expect(safeNext('/fr/admin/accounts', '/fr/back-office')).toBe('/fr/admin/accounts');
    expect(safeNext('//evil.example/x', '/fr/back-office')).toBe('/fr/back-office');
    expect(safeNext('https://evil.example', '/fr/back-office')).toBe('/fr/back-office');
    expect(safeNext('/\\evil.example', '/fr/back-office')).toBe('/fr/back-office');
    expect(safeNext(undefined, '/nl/back-office')).toBe('/nl/back-office');
  });
});
