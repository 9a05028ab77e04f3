#!/usr/bin/env node
// The complete list of translation keys with their English texts: every text of the core's
// catalogue (metric names, inputs, formulas, interpretations, warnings, errors, ...) plus the page's
// own strings (web/i18n/en.json). Translators fill web/i18n/<lang>.json with the same keys.
//
//   node scripts/i18n-keys.mjs                  print {key: English text} as JSON (sorted)
//   node scripts/i18n-keys.mjs --out FILE       write it to FILE
//   node scripts/i18n-keys.mjs --missing et     print the keys et.json lacks, with English text (a template to fill)
//   node scripts/i18n-keys.mjs --check          one line per language: missing/empty/unknown keys; exit 1 if any is missing
//   --dist DIR                                   where servicekpi.mjs is (default: dist)
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const LANGUAGES = ['en', 'et', 'fi', 'ro', 'tr', 'ar'];

/** {key: English text} for every key a translation must hold. */
export async function englishTexts(distDir = join(root, 'dist')) {
  const modulePath = resolve(distDir, 'servicekpi.mjs');
  if (!existsSync(modulePath)) throw new Error(`${modulePath} is missing: run scripts/build first`);
  const { load } = await import(pathToFileURL(modulePath).href);
  const kpi = await load();
  const texts = { ...kpi.catalogue().texts, ...readTable('en') };
  return Object.fromEntries(Object.keys(texts).sort().map((key) => [key, texts[key]]));
}

export function readTable(lang) {
  const file = join(root, 'web', 'i18n', `${lang}.json`);
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
}

/** {missing, empty, unknown} keys of one language against the English texts. */
export function coverage(lang, english) {
  const table = readTable(lang);
  const missing = Object.keys(english).filter((key) => !(key in table));
  const empty = Object.keys(english).filter((key) => key in table && (typeof table[key] !== 'string' || table[key].trim() === ''));
  const unknown = Object.keys(table).filter((key) => !(key in english));
  // A translation must keep the placeholders of the English text, or the numbers would not appear.
  const placeholders = (text) => [...String(text).matchAll(/\{(\w+)(?::\w+)?\}/g)].map((match) => match[0]).sort().join(' ');
  const brokenPlaceholders = Object.keys(english).filter((key) => typeof table[key] === 'string' && table[key].trim() !== '' && placeholders(table[key]) !== placeholders(english[key]));
  return { missing, empty, unknown, brokenPlaceholders };
}

async function main(argv) {
  const option = (name) => {
    const index = argv.indexOf(name);
    return index >= 0 ? argv[index + 1] : undefined;
  };
  const english = await englishTexts(option('--dist') ? resolve(option('--dist')) : undefined);
  if (argv.includes('--check')) {
    let bad = false;
    for (const lang of LANGUAGES.slice(1)) {
      const { missing, empty, unknown, brokenPlaceholders } = coverage(lang, english);
      bad ||= missing.length + empty.length + brokenPlaceholders.length > 0;
      console.log(`${lang}: ${Object.keys(english).length - missing.length - empty.length}/${Object.keys(english).length} translated, ${missing.length} missing, ${empty.length} empty, ${brokenPlaceholders.length} with changed placeholders, ${unknown.length} unknown`);
    }
    process.exitCode = bad ? 1 : 0;
    return;
  }
  const lang = option('--missing');
  const out = lang ? Object.fromEntries(coverage(lang, english).missing.map((key) => [key, english[key]])) : english;
  const text = `${JSON.stringify(out, null, 2)}\n`;
  if (option('--out')) writeFileSync(option('--out'), text);
  else process.stdout.write(text);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((problem) => {
    console.error(problem.message);
    process.exitCode = 2;
  });
}
