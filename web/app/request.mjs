// The calculator state (what the user typed, as typed) and how it becomes a core request. Pure
// functions over the catalogue: no metric is named here. Typed text is parsed in the user's locale;
// text that is not a number is passed through so the core reports input.not_a_number for it.
import { parseNumber, parseList, parseTable, durationFactor, formatInput, listSeparator } from './numbers.mjs';

export const SCALAR_KINDS = new Set(['count', 'number', 'percent', 'fraction', 'seconds', 'money']);
export const TEXT_LIST_KINDS = new Set(['rating_list', 'number_list', 'seconds_list', 'money_list']);
export const DURATION_KINDS = new Set(['seconds', 'seconds_list']);
export const MONEY_KINDS = new Set(['money', 'money_list']);
export const COMPONENT_FIELDS = ['name', 'weight', 'rate', 'part', 'whole'];

export function findMetric(catalogue, id) {
  return catalogue.metrics.find((metric) => metric.id === id) ?? null;
}

export function findVariant(metric, id) {
  return metric.variants.find((variant) => variant.id === id) ?? metric.variants[0];
}

export function setIds(variant) {
  return variant.input_sets.map((set) => set.id);
}

/** The inputs shown for an input set: those of the set and those shared by every set. */
export function activeInputs(variant, set) {
  return variant.inputs.filter((input) => input.set === '' || input.set === set);
}

/** The input of that name in the given set (an input name such as "start" can live in several sets). */
export function inputByName(variant, name, set) {
  return variant.inputs.find((input) => input.name === name && (input.set === '' || input.set === set))
    ?? variant.inputs.find((input) => input.name === name) ?? null;
}

export function isDurationOption(option) {
  return option.kind === 'number' && option.unit === 'seconds';
}

export function usesMoney(variant) {
  return variant.unit === 'money' || variant.inputs.some((input) => MONEY_KINDS.has(input.kind));
}

/** The point range of a count list: fixed, or taken from the chosen choice of its scale option. */
export function pointsOf(input, variant, options) {
  if (input.points) return input.points;
  if (!input.points_option) return null;
  const option = variant.options.find((item) => item.name === input.points_option);
  if (!option) return null;
  const chosen = options?.[option.name] ?? option.default;
  const choice = option.choices.find((item) => item.id === chosen) ?? option.choices.find((item) => item.id === option.default);
  return choice?.points ?? null;
}

/** A fresh state for a metric variant: defaults pre-filled, first input set, default options. */
export function initialState(metric, variantId, locale) {
  const variant = findVariant(metric, variantId);
  const state = {
    metric: metric.id, variant: variant.id, set: setIds(variant)[0] ?? '', compare: false,
    values: { a: {}, b: {} }, units: {}, options: {}, currency: null,
  };
  // Durations start in seconds, the unit of the catalogue; the selector next to each field switches
  // to minutes, hours or days.
  for (const input of variant.inputs) {
    if (DURATION_KINDS.has(input.kind)) state.units[input.name] = 's';
    if (Number.isFinite(input.default) && SCALAR_KINDS.has(input.kind)) {
      const unit = state.units[input.name];
      state.values.a[input.name] = formatInput(unit ? input.default / durationFactor(unit) : input.default, locale);
    }
  }
  for (const option of variant.options) {
    if (isDurationOption(option)) state.units[`option.${option.name}`] = 's';
    if (option.kind === 'choice') state.options[option.name] = option.default ?? option.choices[0]?.id ?? '';
    else if (Number.isFinite(option.default)) {
      const unit = state.units[`option.${option.name}`];
      state.options[option.name] = formatInput(unit ? option.default / durationFactor(unit) : option.default, locale);
    } else state.options[option.name] = '';
  }
  state.values.b = { ...state.values.a };
  return state;
}

function isBlank(value) {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.every((item) => (typeof item === 'object' && item !== null ? COMPONENT_FIELDS.every((field) => isBlank(item[field])) : isBlank(item)));
  return String(value).trim() === '';
}

function scaled(value, factor) {
  return typeof value === 'number' ? value * factor : value;
}

function readScalar(text, locale, factor = 1) {
  const value = parseNumber(text, locale);
  return value === null ? String(text).trim() : scaled(value, factor);
}

/**
 * The inputs object for one side (a or b). Empty fields are left out; a count list with some cells
 * filled counts the empty cells as 0; a component row left entirely empty is dropped.
 */
export function buildInputs(variant, state, side = 'a', locale = 'en') {
  const values = state.values?.[side] ?? {};
  const inputs = {};
  for (const input of activeInputs(variant, state.set)) {
    const raw = values[input.name];
    if (isBlank(raw)) continue;
    const factor = DURATION_KINDS.has(input.kind) ? durationFactor(state.units?.[input.name] ?? 's') : 1;
    if (SCALAR_KINDS.has(input.kind)) {
      inputs[input.name] = readScalar(raw, locale, factor);
    } else if (input.kind === 'count_list') {
      inputs[input.name] = Array.isArray(raw)
        ? raw.map((cell) => (isBlank(cell) ? 0 : readScalar(cell, locale)))
        : parseList(raw, locale);
    } else if (TEXT_LIST_KINDS.has(input.kind)) {
      inputs[input.name] = parseList(raw, locale).map((item) => scaled(item, factor));
    } else if (input.kind === 'score_table') {
      const rows = parseTable(raw, locale);
      inputs[input.name] = rows;
    } else if (input.kind === 'component_list') {
      const rows = (Array.isArray(raw) ? raw : []).filter((row) => !isBlank([row]));
      if (!rows.length) continue;
      inputs[input.name] = rows.map((row) => {
        const item = {};
        if (!isBlank(row.name)) item.name = String(row.name).trim();
        for (const field of ['weight', 'rate', 'part', 'whole']) {
          if (!isBlank(row[field])) item[field] = readScalar(row[field], locale);
        }
        return item;
      });
    }
  }
  return inputs;
}

export function buildOptions(variant, state, locale = 'en') {
  const options = {};
  for (const option of variant.options) {
    const raw = state.options?.[option.name];
    if (isBlank(raw)) continue;
    if (option.kind === 'choice') options[option.name] = raw;
    else {
      const factor = isDurationOption(option) ? durationFactor(state.units?.[`option.${option.name}`] ?? 's') : 1;
      options[option.name] = readScalar(raw, locale, factor);
    }
  }
  return options;
}

/** True when the user has filled in at least one input of the active set (on either side). */
export function hasInputs(variant, state) {
  const sides = state.compare ? ['a', 'b'] : ['a'];
  return sides.some((side) => activeInputs(variant, state.set).some((input) => !isBlank(state.values?.[side]?.[input.name])));
}

/** {kind: 'compute'|'compare', request} for the current state. */
export function buildRequest(catalogue, state, locale = 'en') {
  const metric = findMetric(catalogue, state.metric);
  const variant = findVariant(metric, state.variant);
  const options = buildOptions(variant, state, locale);
  if (state.compare && variant.comparison) {
    return {
      kind: 'compare',
      request: { metric: metric.id, variant: variant.id, a: buildInputs(variant, state, 'a', locale), b: buildInputs(variant, state, 'b', locale), options },
    };
  }
  return { kind: 'compute', request: { metric: metric.id, variant: variant.id, inputs: buildInputs(variant, state, 'a', locale), options } };
}

/** Puts core-unit values (e.g. a worked example, in seconds) into a state, as the form would show them. */
export function stateFromInputs(metric, variantId, inputs, options, locale) {
  const variant = findVariant(metric, variantId);
  const state = initialState(metric, variant.id, locale);
  state.values.a = {};
  const given = Object.keys(inputs ?? {});
  // The set holding most of the given names (an input name such as "start" can live in several sets).
  const score = (item) => given.filter((name) => item.inputs.includes(name)).length;
  const set = [...variant.input_sets].sort((x, y) => score(y) - score(x))[0];
  if (set) state.set = set.id;
  for (const option of variant.options) {
    if (!(option.name in (options ?? {}))) continue;
    const value = options[option.name];
    if (option.kind === 'choice') state.options[option.name] = value;
    else {
      const key = `option.${option.name}`;
      if (isDurationOption(option)) state.units[key] = tidyUnit([value]);
      state.options[option.name] = formatInput(isDurationOption(option) ? value / durationFactor(state.units[key]) : value, locale);
    }
  }
  // One unit for all durations when they share one (talk, hold and wrap-up all in minutes), else
  // each its own (an interval of 30 min next to a target of 20 s).
  const durations = activeInputs(variant, state.set).filter((input) => DURATION_KINDS.has(input.kind) && input.name in (inputs ?? {}));
  const shared = tidyUnit(durations.flatMap((input) => [inputs[input.name]].flat()));
  for (const input of activeInputs(variant, state.set)) {
    if (!(input.name in (inputs ?? {}))) continue;
    const value = inputs[input.name];
    if (DURATION_KINDS.has(input.kind)) state.units[input.name] = shared !== 's' ? shared : tidyUnit([value].flat());
    const factor = DURATION_KINDS.has(input.kind) ? durationFactor(state.units[input.name]) : 1;
    const show = (item) => (typeof item === 'number' ? formatInput(item / factor, locale) : String(item));
    if (SCALAR_KINDS.has(input.kind)) state.values.a[input.name] = show(value);
    else if (input.kind === 'count_list') state.values.a[input.name] = [value].flat().map(show);
    else if (TEXT_LIST_KINDS.has(input.kind)) state.values.a[input.name] = [value].flat().map(show).join(listSeparator(locale));
    else if (input.kind === 'score_table') {
      const rows = Array.isArray(value?.[0]) ? value : [value];
      state.values.a[input.name] = rows.map((row) => [row].flat().map(show).join(listSeparator(locale))).join('\n');
    } else if (input.kind === 'component_list') {
      state.values.a[input.name] = [value].flat().map((item) => Object.fromEntries(COMPONENT_FIELDS.map((field) => [field, item?.[field] === undefined ? '' : show(item[field])])));
    }
  }
  state.values.b = structuredClone(state.values.a);
  return state;
}

/** The unit in which every duration reads as a whole number (1800 s → 30 min), else one decimal (150 s → 2.5 min). */
function tidyUnit(values) {
  const numbers = values.filter((value) => typeof value === 'number' && value > 0);
  if (!numbers.length) return 's';
  for (const decimals of [1, 10]) {
    for (const unit of ['d', 'h', 'min']) {
      const factor = durationFactor(unit);
      if (numbers.every((value) => Number.isInteger(Number(((value / factor) * decimals).toFixed(9))))) return unit;
    }
  }
  return 's';
}
