// The URL fragment that holds the calculator state, so a link restores the form exactly and never
// reaches a server (browsers do not send the part after #). Numbers are written in a canonical,
// locale-free form (1234.5) and shown again in the reader's locale; text that was not a number
// travels as typed. Format: #m=<metric>&v=<variant>&set=<set>&i.<input>=..&b.<input>=..&o.<option>=..&u.<field>=..&cur=..&cmp=1
import { parseNumber, parseList, formatInput, DURATION_UNITS } from './numbers.mjs';
import { SCALAR_KINDS, TEXT_LIST_KINDS, COMPONENT_FIELDS, findVariant, initialState, setIds, isDurationOption } from './request.mjs';

const CANONICAL = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i;

function canonical(text, locale) {
  const value = parseNumber(text, locale);
  return value === null || !Number.isFinite(value) ? String(text).trim() : String(value);
}

function localised(text, locale) {
  return CANONICAL.test(text) ? formatInput(Number(text), locale) : text;
}

function listCanonical(text, locale) {
  return parseList(text, locale).map((item) => (typeof item === 'number' && Number.isFinite(item) ? String(item) : String(item))).join(' ');
}

function listLocalised(text, locale) {
  return text.split(' ').filter(Boolean).map((item) => localised(item, locale)).join(' ');
}

function encodeValue(input, value, locale) {
  if (value === undefined || value === null) return null;
  if (SCALAR_KINDS.has(input.kind)) return String(value).trim() === '' ? null : canonical(value, locale);
  if (input.kind === 'count_list') {
    if (!Array.isArray(value)) return String(value).trim() ? JSON.stringify([String(value)]) : null;
    if (value.every((cell) => String(cell ?? '').trim() === '')) return null;
    return JSON.stringify(value.map((cell) => (String(cell ?? '').trim() === '' ? '' : canonical(cell, locale))));
  }
  if (TEXT_LIST_KINDS.has(input.kind)) return String(value).trim() ? listCanonical(value, locale) : null;
  if (input.kind === 'score_table') {
    const rows = String(value).split(/\r?\n/).map((row) => listCanonical(row, locale)).filter(Boolean);
    return rows.length ? rows.join('\n') : null;
  }
  if (input.kind === 'component_list') {
    if (!Array.isArray(value)) return null;
    const filled = value.filter((row) => COMPONENT_FIELDS.some((field) => String(row?.[field] ?? '').trim() !== ''));
    if (!filled.length) return null;
    return JSON.stringify(filled.map((row) => COMPONENT_FIELDS.map((field) => {
      const cell = String(row?.[field] ?? '');
      return field === 'name' || cell.trim() === '' ? cell : canonical(cell, locale);
    })));
  }
  return null;
}

function decodeValue(input, text, locale) {
  if (SCALAR_KINDS.has(input.kind)) return localised(text, locale);
  if (TEXT_LIST_KINDS.has(input.kind)) return listLocalised(text, locale);
  if (input.kind === 'score_table') return text.split('\n').map((row) => listLocalised(row, locale)).join('\n');
  try {
    const parsed = JSON.parse(text);
    if (!Array.isArray(parsed)) return undefined;
    if (input.kind === 'count_list') return parsed.map((cell) => localised(String(cell ?? ''), locale));
    if (input.kind === 'component_list') {
      return parsed.filter(Array.isArray).map((row) => Object.fromEntries(COMPONENT_FIELDS.map((field, index) => {
        const cell = String(row[index] ?? '');
        return [field, field === 'name' ? cell : localised(cell, locale)];
      })));
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/** The fragment (without #) for a state. */
export function stateToFragment(catalogueMetric, state, locale) {
  const variant = findVariant(catalogueMetric, state.variant);
  const params = new URLSearchParams();
  params.set('m', catalogueMetric.id);
  if (catalogueMetric.variants.length > 1 || variant.id !== 'default') params.set('v', variant.id);
  if (variant.input_sets.length > 1) params.set('set', state.set);
  if (state.compare && variant.comparison) params.set('cmp', '1');
  const sides = state.compare && variant.comparison ? [['a', 'i'], ['b', 'b']] : [['a', 'i']];
  for (const [side, prefix] of sides) {
    for (const input of variant.inputs) {
      if (input.set !== '' && input.set !== state.set) continue;
      const encoded = encodeValue(input, state.values?.[side]?.[input.name], locale);
      if (encoded !== null) params.set(`${prefix}.${input.name}`, encoded);
      // A pre-filled field the user emptied stays empty when the link is opened.
      else if (Number.isFinite(input.default)) params.set(`${prefix}.${input.name}`, '');
    }
  }
  for (const option of variant.options) {
    const value = state.options?.[option.name];
    if (value === undefined || value === null || String(value).trim() === '') continue;
    params.set(`o.${option.name}`, option.kind === 'choice' ? value : canonical(value, locale));
    if (isDurationOption(option)) params.set(`u.option.${option.name}`, state.units?.[`option.${option.name}`] ?? 's');
  }
  for (const input of variant.inputs) {
    if (state.units?.[input.name] && (input.set === '' || input.set === state.set)) params.set(`u.${input.name}`, state.units[input.name]);
  }
  if (state.currency) params.set('cur', state.currency);
  return params.toString();
}

/** What the fragment asks for: {view: 'home'|'formulas'|'metric', metric?, params}. */
export function parseFragment(hash) {
  const text = String(hash ?? '').replace(/^#/, '');
  const params = new URLSearchParams(text);
  if (params.get('view') === 'formulas') return { view: 'formulas', params };
  const metric = params.get('m');
  if (metric) return { view: 'metric', metric, params };
  return { view: 'home', params };
}

/** True when the fragment carries inputs or settings beyond the metric and variant. */
export function fragmentHasState(params) {
  for (const key of params.keys()) if (!['m', 'v'].includes(key)) return true;
  return false;
}

/** A state for a metric from fragment parameters (unknown names are ignored). */
export function fragmentToState(catalogueMetric, params, locale) {
  const variant = findVariant(catalogueMetric, params.get('v') ?? catalogueMetric.variants[0].id);
  const state = initialState(catalogueMetric, variant.id, locale);
  if (!fragmentHasState(params)) return state;
  // Fields the link leaves out keep their pre-filled defaults (a hand-written link need not list
  // them); every other field starts empty.
  const defaults = { ...state.values.a };
  state.values = { a: { ...defaults }, b: { ...defaults } };
  const set = params.get('set');
  if (set !== null && setIds(variant).includes(set)) state.set = set;
  state.compare = params.get('cmp') === '1' && Boolean(variant.comparison);
  for (const input of variant.inputs) {
    for (const [side, prefix] of [['a', 'i'], ['b', 'b']]) {
      const text = params.get(`${prefix}.${input.name}`);
      if (text === null) continue;
      if (text === '') { delete state.values[side][input.name]; continue; }
      const value = decodeValue(input, text, locale);
      if (value !== undefined) state.values[side][input.name] = value;
    }
    const unit = params.get(`u.${input.name}`);
    if (unit && DURATION_UNITS.includes(unit)) state.units[input.name] = unit;
  }
  for (const option of variant.options) {
    const text = params.get(`o.${option.name}`);
    if (text !== null) {
      if (option.kind === 'choice') {
        if (option.choices.some((choice) => choice.id === text)) state.options[option.name] = text;
      } else state.options[option.name] = localised(text, locale);
    }
    const unit = params.get(`u.option.${option.name}`);
    if (unit && DURATION_UNITS.includes(unit)) state.units[`option.${option.name}`] = unit;
  }
  const currency = params.get('cur');
  if (currency !== null && /^[A-Z]{3}$|^$/.test(currency)) state.currency = currency;
  return state;
}
