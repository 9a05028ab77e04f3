// Reading numbers the way people type them in their locale (decimal comma, grouping spaces, Arabic
// digits) and writing numbers, shares, durations and money for a locale with Intl. Pure functions.

const DURATION_FACTORS = { s: 1, min: 60, h: 3600, d: 86400 };
export const DURATION_UNITS = Object.keys(DURATION_FACTORS);
export function durationFactor(unit) { return DURATION_FACTORS[unit] ?? 1; }

const separatorCache = new Map();
/** The decimal and grouping characters of a locale, e.g. {decimal: ',', group: ' '} for et. */
export function separators(locale) {
  if (!separatorCache.has(locale)) {
    const parts = new Intl.NumberFormat(locale, { useGrouping: true }).formatToParts(12345.6);
    const decimal = parts.find((part) => part.type === 'decimal')?.value ?? '.';
    const group = parts.find((part) => part.type === 'group')?.value ?? ',';
    separatorCache.set(locale, { decimal: normaliseSeparator(decimal), group: normaliseSeparator(group) });
  }
  return separatorCache.get(locale);
}

function normaliseSeparator(character) {
  if (character === '٫') return '.';
  if (character === '٬') return ',';
  if (/\s/.test(character) || character === '\u202f' || character === '\u00a0') return ' ';
  return character;
}

/** True when the locale writes decimals with a comma (et, fi, ro, tr). */
export function usesDecimalComma(locale) { return separators(locale).decimal === ','; }

// Arabic-Indic and Eastern Arabic-Indic digits, the Arabic decimal and thousands marks, and the
// typographic minus all become their ASCII forms before parsing.
function asciiDigits(text) {
  return text
    .replace(/[\u0660-\u0669]/g, (digit) => String(digit.charCodeAt(0) - 0x0660))
    .replace(/[\u06f0-\u06f9]/g, (digit) => String(digit.charCodeAt(0) - 0x06f0))
    .replace(/\u066b/g, '.')
    .replace(/\u066c/g, ',')
    .replace(/[\u2212\u2012\u2013\uFE63\uFF0D]/g, '-')
    .replace(/[\u200e\u200f\u061c]/g, '');
}

const GROUPED = { ',': /^\d{1,3}(,\d{3})+$/, '.': /^\d{1,3}(\.\d{3})+$/ };

/**
 * Parses one number typed in `locale`. Accepts the locale's decimal mark, a dot or comma decimal
 * when unambiguous, grouping by spaces or by the locale's grouping mark, a leading sign, an
 * exponent, Arabic digits and a trailing % sign. Returns a finite number, or null when the text is
 * not a number (the caller then passes the text on, and the core reports it as not a number).
 * A number too large for a double comes back as ±Infinity, which the core reports as not finite.
 */
export function parseNumber(input, locale) {
  if (typeof input === 'number') return Number.isFinite(input) ? input : null;
  let text = asciiDigits(String(input ?? '')).trim();
  if (!text) return null;
  text = text.replace(/%$/, '').trim();
  // Spaces (or apostrophes) may group thousands: "12 345,6"; anything else with a space is not a number.
  if (/[\s\u00a0\u202f\u2009']/.test(text)) {
    if (!/^[+-]?\d{1,3}([\s\u00a0\u202f\u2009']\d{3})+([.,]\d+)?$/.test(text)) return null;
    text = text.replace(/[\s\u00a0\u202f\u2009']/g, '');
  }
  const match = /^([+-]?)([\d.,]*\d[\d.,]*|[\d.,]*\.\d+)(e[+-]?\d+)?$/i.exec(text);
  if (!match) return null;
  const [, sign, body, exponent = ''] = match;
  const { group } = separators(locale);
  let digits = body;
  const hasDot = body.includes('.');
  const hasComma = body.includes(',');
  if (hasDot && hasComma) {
    // Both marks: the last one is the decimal mark, the other groups thousands.
    const decimalMark = body.lastIndexOf('.') > body.lastIndexOf(',') ? '.' : ',';
    const groupMark = decimalMark === '.' ? ',' : '.';
    const [whole, fraction, extra] = body.split(decimalMark);
    if (extra !== undefined || !GROUPED[groupMark].test(whole) && whole.includes(groupMark)) return null;
    digits = `${whole.split(groupMark).join('')}.${fraction}`;
    if (fraction.includes(groupMark)) return null;
  } else if (hasDot || hasComma) {
    const mark = hasDot ? '.' : ',';
    const count = body.split(mark).length - 1;
    if (mark === group && GROUPED[mark].test(body)) digits = body.split(mark).join('');
    else if (count === 1) digits = body.replace(mark, '.');
    else return null;
  }
  const value = Number(`${sign}${digits}${exponent}`);
  // An overflow ("1e400") stays infinite so the core reports "must be a finite number".
  return Number.isNaN(value) ? null : value;
}

/**
 * Splits a list typed in a textarea into items: whitespace, new lines, semicolons (and the Arabic
 * comma) always separate; a comma separates too, except in decimal-comma locales where "2,5" is a
 * number (there a comma followed by a space still separates). Each item is a number or, when it
 * cannot be read, the text as typed.
 */
export function parseList(input, locale) {
  let text = asciiDigits(String(input ?? ''));
  text = text.replace(/\u060c/g, ';');
  text = usesDecimalComma(locale) ? text.replace(/,(?=\s|$)/g, ';') : text.replace(/,/g, ';');
  return text
    .split(/[\s;\t]+/)
    .map((item) => item.trim())
    .filter(Boolean)
    // "10,9,8" cannot be one number even where the comma is the decimal mark: its commas separate.
    .flatMap((item) => ((item.match(/,/g) ?? []).length > 1 && !item.includes('.') ? item.split(',') : [item]))
    .filter(Boolean)
    .map((item) => {
      const value = parseNumber(item, locale);
      return value === null ? item : value;
    });
}

/** Parses the rows of a score table: one row per line. */
export function parseTable(input, locale) {
  return String(input ?? '')
    .split(/\r?\n/)
    .map((line) => parseList(line, locale))
    .filter((row) => row.length > 0);
}

/** The separator used when writing a list back into a textarea for this locale. */
export function listSeparator(locale) { return usesDecimalComma(locale) ? '; ' : ', '; }

const formatCache = new Map();
function formatter(locale, options) {
  const key = `${locale}|${JSON.stringify(options)}`;
  if (!formatCache.has(key)) {
    let made;
    try {
      made = new Intl.NumberFormat(locale, options);
    } catch {
      made = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
    }
    formatCache.set(key, made);
  }
  return formatCache.get(key);
}

export const DASH = '—';

/** A plain number for an input field: no grouping, locale decimal mark, up to 10 decimals. */
export function formatInput(value, locale) {
  if (typeof value !== 'number' || !Number.isFinite(value)) return value === null || value === undefined ? '' : String(value);
  const rounded = Number(value.toPrecision(12));
  return formatter(locale, { useGrouping: false, maximumFractionDigits: 10 }).format(rounded);
}

export function formatNumber(value, locale, { min = 0, max = 2, grouping = true } = {}) {
  if (typeof value !== 'number' || !Number.isFinite(value)) return DASH;
  return formatter(locale, { minimumFractionDigits: min, maximumFractionDigits: max, useGrouping: grouping }).format(value);
}

/** value is a percentage 0..100. */
export function formatPercent(value, locale, { min = 0, max = 2 } = {}) {
  if (typeof value !== 'number' || !Number.isFinite(value)) return DASH;
  return formatter(locale, { style: 'percent', minimumFractionDigits: min, maximumFractionDigits: max }).format(value / 100);
}

/** Money in a currency (ISO code) or, with no code, as a plain number with two decimals. */
export function formatMoney(value, locale, currency) {
  if (typeof value !== 'number' || !Number.isFinite(value)) return DASH;
  if (!currency) return formatNumber(value, locale, { min: 2, max: 2 });
  return formatter(locale, { style: 'currency', currency, minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
}

/** The unit a duration in seconds reads best in. */
export function bestDurationUnit(seconds) {
  const size = Math.abs(seconds);
  if (size < 60) return 's';
  if (size < 3600) return 'min';
  if (size < 86400 * 2) return 'h';
  return 'd';
}

const INTL_UNITS = { s: 'second', min: 'minute', h: 'hour', d: 'day' };

/** A duration in seconds in a human unit: "45 sec", "2.5 min", "2 days". */
export function formatDuration(seconds, locale, unit = bestDurationUnit(seconds)) {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) return DASH;
  const amount = seconds / durationFactor(unit);
  const size = Math.abs(amount);
  const max = size === 0 ? 0 : size < 10 ? 2 : size < 100 ? 1 : 0;
  const options = { style: 'unit', unit: INTL_UNITS[unit], maximumFractionDigits: max };
  const text = formatter(locale, { ...options, unitDisplay: 'short' }).format(amount);
  // Arabic writes "two days" as one word with no numeral; the narrow form always keeps the figure.
  return /[0-9\u0660-\u0669\u06f0-\u06f9]/.test(text) ? text : formatter(locale, { ...options, unitDisplay: 'narrow' }).format(amount);
}

/** The name of a duration unit in the locale ("min", "h"), for unit selectors. */
export function durationUnitName(unit, locale, display = 'long') {
  // 5, not 1 or 2: Arabic writes one and two of a unit as a single word without the number.
  const parts = formatter(locale, { style: 'unit', unit: INTL_UNITS[unit], unitDisplay: display }).formatToParts(5);
  const name = parts.filter((part) => part.type === 'unit').map((part) => part.value).join('').trim();
  return name || unit;
}

/**
 * Formats a value for a placeholder format of the catalogue templates:
 * int, dec1, dec2, percent, duration, money (anything else: up to 2 decimals).
 */
export function formatPlaceholder(value, format, { locale, currency, durationUnit } = {}) {
  if (typeof value === 'string') return value;
  if (typeof value !== 'number' || !Number.isFinite(value)) return DASH;
  switch (format) {
    case 'duration': return formatDuration(value, locale, durationUnit ?? bestDurationUnit(value));
    case 'int': return formatNumber(value, locale, { max: 0 });
    case 'dec1': return formatNumber(value, locale, { min: 1, max: 1 });
    case 'dec2': return formatNumber(value, locale, { min: 2, max: 2 });
    case 'percent': return formatPercent(value, locale);
    case 'money': return formatMoney(value, locale, currency);
    default: return formatNumber(value, locale, { max: 2 });
  }
}

/** The main value of a result in its unit, at the precision the product promises. */
export function formatValue(value, unit, { locale, currency } = {}) {
  switch (unit) {
    case 'percent': return formatPercent(value, locale, { max: 2 });
    case 'score': return formatNumber(value, locale, { max: 1 });
    case 'rating': return formatNumber(value, locale, { min: 1, max: 2 });
    case 'seconds': return formatDuration(value, locale);
    case 'money': return formatMoney(value, locale, currency);
    case 'count': return formatNumber(value, locale, { max: 0 });
    case 'agents': return formatNumber(value, locale, { max: 0 });
    case 'ratio': return formatNumber(value, locale, { max: 2 });
    default: return formatNumber(value, locale, { max: 2 });
  }
}
