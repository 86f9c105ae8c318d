#!/usr/bin/env node
// Adds interface texts to the three catalogues at once, keeping them sorted:
//   node scripts/add-messages.mjs new-messages.json
// where the file holds { "module.key": { "fr": "…", "nl": "…", "en": "…" }, … }.
// Each catalogue is read and written in one step, so several people adding keys do not overwrite each other.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '../src/platform/i18n/locales');
const input = JSON.parse(readFileSync(process.argv[2] ?? 0, 'utf8'));
for (const lang of ['fr', 'nl', 'en']) {
  const file = path.join(dir, `${lang}.json`);
  const catalogue = JSON.parse(readFileSync(file, 'utf8'));
  for (const [key, texts] of Object.entries(input)) {
    if (typeof texts[lang] !== 'string') throw new Error(`${key} has no ${lang} text`);
    catalogue[key] = texts[lang];
  }
  const sorted = Object.fromEntries(Object.entries(catalogue).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  writeFileSync(file, `${JSON.stringify(sorted, null, 2)}\n`);
}
console.log(`added ${Object.keys(input).length} keys`);
