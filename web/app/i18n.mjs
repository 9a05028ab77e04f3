// Language choice and translation: t(key, values) looks a key up in the chosen language, falls back
// to English (and records the key as missing, so tests and translators can see gaps), and fills
// {name} / {name:format} placeholders with numbers formatted for the locale.
import { formatPlaceholder, DASH } from './numbers.mjs';

/** The six languages, with their own names (endonyms are not translated) and writing direction. */
export const LANGUAGES = [
  { code: 'en', name: 'English', dir: 'ltr' },
  { code: 'et', name: 'Eesti', dir: 'ltr' },
  { code: 'fi', name: 'Suomi', dir: 'ltr' },
  { code: 'ro', name: 'Română', dir: 'ltr' },
  { code: 'tr', name: 'Türkçe', dir: 'ltr' },
  { code: 'ar', name: 'العربية', dir: 'rtl' },
];

/** The default currency (ISO 4217) for money when the user has not chosen one. */
export const DEFAULT_CURRENCY = { en: 'USD', et: 'EUR', fi: 'EUR', ro: 'RON', tr: 'TRY', ar: 'SAR' };
export const CURRENCIES = ['', 'EUR', 'USD', 'GBP', 'RON', 'TRY', 'SAR', 'AED', 'EGP'];

export function isLanguage(code) {
  return LANGUAGES.some((language) => language.code === code);
}

/** ?lang= wins; then the browser's preferred languages; then English. */
export function pickLanguage(search, preferred = []) {
  const asked = new URLSearchParams(search ?? '').get('lang');
  if (asked && isLanguage(asked.toLowerCase())) return asked.toLowerCase();
  for (const tag of preferred ?? []) {
    const primary = String(tag).toLowerCase().split('-')[0];
    if (isLanguage(primary)) return primary;
  }
  return 'en';
}

const PLACEHOLDER = /\{(\w+)(?::(\w+))?\}/g;

/**
 * A translator for one language. english: every English text (catalogue texts and en.json);
 * dictionary: the chosen language's table. currency: ISO code for {x:money}.
 */
export function createI18n({ lang, dictionary, english, currency = '' }) {
  const language = LANGUAGES.find((item) => item.code === lang) ?? LANGUAGES[0];
  const missing = new Set();
  const table = language.code === 'en' ? english : dictionary ?? {};
  const i18n = {
    lang: language.code,
    locale: language.code,
    dir: language.dir,
    currency,
    missing,
    /** True when the key has an English text (so it is a real key). */
    known(key) {
      return Boolean(key) && typeof english[key] === 'string';
    },
    text(key) {
      if (!key) return '';
      const own = table[key];
      if (typeof own === 'string' && own !== '') return own;
      missing.add(key);
      const fallback = english[key];
      return typeof fallback === 'string' ? fallback : key;
    },
    /**
     * Fills a template's placeholders; strings are inserted as they are, numbers formatted. In
     * right-to-left languages each value is a bidi isolate, so "3 min / 30 min" keeps its order.
     */
    fill(template, values = {}, { durationUnits = {} } = {}) {
      const [open, close] = language.dir === 'rtl' ? ['\u2068', '\u2069'] : ['', ''];
      return String(template).replace(PLACEHOLDER, (whole, name, format) => {
        if (!(name in (values ?? {}))) return DASH;
        const options = { locale: language.code, currency: i18n.currency, durationUnit: durationUnits[name] };
        return `${open}${formatPlaceholder(values[name], format, options)}${close}`;
      });
    },
    /** durationUnits: {placeholder: 's'|'min'|'h'|'d'} shows a duration in the unit it was typed in. */
    t(key, values, options) {
      return i18n.fill(i18n.text(key), values, options);
    },
  };
  return i18n;
}
