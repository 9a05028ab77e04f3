// Charts as inline SVG built from the core's chart descriptions (stack, bars, curve). Colours and
// fonts are presentation attributes, not CSS classes, so the same SVG works inside a downloaded
// self-contained report. No metric knowledge: labels come from keys, inputs or literal text.
import { s, h } from './dom.mjs';
import { formatValue, formatPercent, formatNumber, formatDuration, bestDurationUnit, durationFactor } from './numbers.mjs';

export const TONES = {
  good: { fill: '#1f7a3a', text: '#ffffff' },
  neutral: { fill: '#8fa3b8', text: '#10202f' },
  bad: { fill: '#b3261e', text: '#ffffff' },
  line: ['#1d5fa8', '#a0522d', '#6a3d9a'],
};
// Several neutral parts of one whole (talk, hold, wrap-up) need colours that tell them apart.
const NEUTRAL_SERIES = [
  { fill: '#4f7cac', text: '#ffffff' }, { fill: '#8fa3b8', text: '#10202f' }, { fill: '#c9a227', text: '#10202f' },
  { fill: '#6a4c93', text: '#ffffff' }, { fill: '#2a7f86', text: '#ffffff' }, { fill: '#b86b3a', text: '#ffffff' },
];
const INK = '#1b2430';
const MUTED = '#4a5665';
const GRID = '#d5dbe3';
const WIDTH = 440;
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Arabic", sans-serif';

/** The visible label of a chart item: a text key, an input's label, or literal text. */
export function itemLabel(item, { i18n, inputLabel }) {
  if (item.key) return i18n.t(item.key);
  if (item.input) return inputLabel(item.input);
  return item.label ?? '';
}

function formatFor(unit, value, i18n) {
  if (unit === 'percent') return formatPercent(value, i18n.locale, { max: 1 });
  return formatValue(value, unit, { locale: i18n.locale, currency: i18n.currency });
}

// Drawn at the width it is shown at (so 13px text stays 13px); the report uses a fixed width.
function chartWidth(context) {
  return Math.round(Math.min(640, Math.max(280, context.width ?? WIDTH)));
}

function svgRoot(width, height, label, direction = 'ltr') {
  return s('svg', {
    xmlns: 'http://www.w3.org/2000/svg', viewBox: `0 0 ${width} ${height}`, width: '100%', direction,
    role: 'img', 'aria-label': label, 'font-family': FONT, 'font-size': 13, fill: INK,
    preserveAspectRatio: 'xMidYMid meet', class: 'chart-svg',
  }, s('title', null, label));
}

// In right-to-left languages the stack and bar charts read from the right: positions are mirrored,
// and text anchors need no change because the svg's direction makes "start" the right edge.
function placer(width, rtl) {
  return {
    x: (x, w = 0) => (rtl ? width - x - w : x),
    anchor: (anchor) => anchor,
  };
}

function stackChart(chart, context) {
  const { i18n } = context;
  const items = (chart.items ?? []).filter((item) => Number.isFinite(item.value) && item.value > 0);
  const labels = items.map((item) => itemLabel(item, context));
  const described = items.map((item, index) => `${labels[index]} ${formatFor(chart.unit ?? 'percent', item.value, i18n)}`).join(', ');
  const width = chartWidth(context);
  const barHeight = 44;
  const legendRow = 24;
  const height = barHeight + 16 + legendRow * Math.ceil(items.length / 2) + 4;
  const svg = svgRoot(width, height, described, i18n.dir);
  const place = placer(width, i18n.dir === 'rtl');
  const total = items.reduce((sum, item) => sum + item.value, 0) || 1;
  const neutrals = items.filter((item) => (item.tone ?? 'neutral') === 'neutral').length;
  const tones = [];
  let neutralIndex = 0;
  for (const item of items) {
    const plain = (item.tone ?? 'neutral') === 'neutral' || !TONES[item.tone];
    tones.push(plain && neutrals > 1 ? NEUTRAL_SERIES[neutralIndex++ % NEUTRAL_SERIES.length] : TONES[item.tone] ?? TONES.neutral);
  }
  let offset = 0;
  items.forEach((item, index) => {
    const tone = tones[index];
    const w = (item.value / total) * width;
    svg.append(s('rect', { x: place.x(offset, w), y: 0, width: Math.max(w, 0.5), height: barHeight, fill: tone.fill }));
    const text = formatFor(chart.unit ?? 'percent', item.value, i18n);
    if (w > text.length * 8 + 10) {
      svg.append(s('text', { x: place.x(offset + w / 2), y: barHeight / 2 + 5, 'text-anchor': 'middle', fill: tone.text, 'font-weight': 600 }, text));
    }
    offset += w;
  });
  items.forEach((item, index) => {
    const tone = tones[index];
    const column = index % 2;
    const row = Math.floor(index / 2);
    const x = column * (width / 2);
    const y = barHeight + 16 + row * legendRow;
    svg.append(s('rect', { x: place.x(x, 14), y, width: 14, height: 14, fill: tone.fill, rx: 2 }));
    svg.append(s('text', { x: place.x(x + 20), y: y + 12, 'text-anchor': place.anchor('start') },
      `${labels[index]}: ${formatFor(chart.unit ?? 'percent', item.value, i18n)}`));
  });
  return svg;
}

function barsChart(chart, context) {
  const { i18n } = context;
  const items = (chart.items ?? []).filter((item) => Number.isFinite(item.value));
  const labels = items.map((item) => itemLabel(item, context));
  const values = items.map((item) => formatFor(chart.unit, item.value, i18n));
  const described = items.map((item, index) => `${labels[index]} ${values[index]}`).join(', ');
  const width = chartWidth(context);
  const row = 28;
  const labelWidth = Math.min(170, Math.max(40, Math.max(0, ...labels.map((label) => label.length)) * 7.2 + 12));
  const valueWidth = Math.max(48, Math.max(0, ...values.map((value) => value.length)) * 7.5 + 10);
  const plot = width - labelWidth - valueWidth;
  const height = items.length * row + 8;
  const svg = svgRoot(width, height, described, i18n.dir);
  const place = placer(width, i18n.dir === 'rtl');
  const max = Math.max(0, ...items.map((item) => item.value)) || 1;
  items.forEach((item, index) => {
    const tone = TONES[item.tone] ?? TONES.neutral;
    const y = index * row + 4;
    const w = Math.max(0, (item.value / max) * plot);
    const fits = Math.floor((labelWidth - 12) / 7.2);
    const label = labels[index].length > fits ? `${labels[index].slice(0, fits - 1)}…` : labels[index];
    svg.append(s('text', { x: place.x(labelWidth - 8), y: y + row / 2 + 4, 'text-anchor': place.anchor('end') }, label));
    svg.append(s('rect', { x: place.x(labelWidth, Math.max(w, 1)), y: y + 3, width: Math.max(w, 1), height: row - 8, fill: tone.fill === TONES.neutral.fill ? '#4f7cac' : tone.fill, rx: 2 }));
    svg.append(s('text', { x: place.x(labelWidth + w + 6), y: y + row / 2 + 4, 'text-anchor': place.anchor('start'), fill: MUTED }, values[index]));
  });
  return svg;
}

// The curve chart keeps its axes left to right in every language; right-to-left labels are bidi
// isolates so "الهدف 80%" keeps its own order inside the left-to-right drawing.
function label(text, i18n) {
  return i18n.dir === 'rtl' ? `\u2067${text}\u2069` : text;
}

function niceTicks(low, high, count = 4) {
  if (!(high > low)) return [low];
  const raw = (high - low) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((factor) => factor * power).find((candidate) => candidate >= raw) ?? raw;
  const ticks = [];
  for (let tick = Math.ceil(low / step) * step; tick <= high + step * 1e-9; tick += step) ticks.push(Number(tick.toPrecision(12)));
  return ticks;
}

// One small line chart per series (each has its own unit), sharing the x axis: a target line on
// the series the target belongs to, a vertical marker at the chosen x.
function curveChart(chart, context) {
  const { i18n } = context;
  const series = (chart.series ?? []).filter((item) => Array.isArray(item.points) && item.points.some(([x, y]) => Number.isFinite(x) && Number.isFinite(y)));
  const xLabel = chart.x_key ? i18n.t(chart.x_key) : '';
  const width = chartWidth(context);
  const panel = context.panelHeight ?? 160;  // the report draws shorter panels next to a table
  const gap = 26;
  const left = 58;
  const right = 16;
  const height = series.length * (panel + gap) + 24;
  const summary = series.map((item) => i18n.t(item.key)).join(', ');
  const svg = svgRoot(width, height, `${summary} — ${xLabel}`);
  series.forEach((item, index) => {
    const points = item.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
    const top = index * (panel + gap) + 18;
    const bottom = top + panel - 24;
    const xs = points.map(([x]) => x);
    const ys = points.map(([, y]) => y);
    const target = chart.target && chart.target.series === item.key && Number.isFinite(chart.target.value) ? chart.target.value : null;
    const xMin = Math.min(...xs);
    const xMax = Math.max(...xs);
    let yMin = Math.min(0, ...ys);
    let yMax = Math.max(...ys, target ?? -Infinity);
    if (item.unit === 'percent') { yMin = 0; yMax = Math.max(100, yMax); }
    if (yMax === yMin) yMax = yMin + 1;
    const sx = (x) => left + (xMax === xMin ? (width - left - right) / 2 : ((x - xMin) / (xMax - xMin)) * (width - left - right));
    const sy = (y) => bottom - ((y - yMin) / (yMax - yMin)) * (bottom - top);
    svg.append(s('text', { x: left, y: top - 6, 'font-weight': 600 }, label(i18n.t(item.key), i18n)));
    // Durations get round ticks in one readable unit (0, 1, 2 min), not round numbers of seconds.
    const tickUnit = item.unit === 'seconds' ? bestDurationUnit(yMax) : null;
    const factor = tickUnit ? durationFactor(tickUnit) : 1;
    for (const tick of niceTicks(yMin / factor, yMax / factor).map((value) => value * factor)) {
      if (tick > yMax + 1e-9) continue;
      const tickText = tickUnit ? formatDuration(tick, i18n.locale, tickUnit) : formatFor(item.unit, tick, i18n);
      svg.append(s('line', { x1: left, x2: width - right, y1: sy(tick), y2: sy(tick), stroke: GRID, 'stroke-width': 1 }));
      svg.append(s('text', { x: left - 6, y: sy(tick) + 4, 'text-anchor': 'end', fill: MUTED, 'font-size': 12 }, tickText));
    }
    const room = Math.max(3, Math.floor((width - left - right) / 34));
    const xTicks = xs.length <= room ? xs : niceTicks(xMin, xMax, Math.min(6, room)).filter((tick) => Number.isInteger(tick));
    for (const tick of xTicks) {
      svg.append(s('text', { x: sx(tick), y: bottom + 16, 'text-anchor': 'middle', fill: MUTED, 'font-size': 12 }, formatNumber(tick, i18n.locale, { max: 2 })));
    }
    if (target !== null) {
      svg.append(s('line', { x1: left, x2: width - right, y1: sy(target), y2: sy(target), stroke: TONES.bad.fill, 'stroke-width': 1.5, 'stroke-dasharray': '6 4' }));
      const targetText = `${chart.target.key ? i18n.t(chart.target.key) : ''} ${formatFor(item.unit, target, i18n)}`.trim();
      svg.append(s('text', { x: width - right, y: sy(target) - 5, 'text-anchor': 'end', fill: TONES.bad.fill, 'font-size': 12 }, label(targetText, i18n)));
    }
    if (Number.isFinite(chart.marker)) {
      svg.append(s('line', { x1: sx(chart.marker), x2: sx(chart.marker), y1: top, y2: bottom, stroke: INK, 'stroke-width': 1, 'stroke-dasharray': '2 3' }));
    }
    const colour = TONES.line[index % TONES.line.length];
    svg.append(s('polyline', { points: points.map(([x, y]) => `${sx(x).toFixed(1)},${sy(y).toFixed(1)}`).join(' '), fill: 'none', stroke: colour, 'stroke-width': 2.5 }));
    for (const [x, y] of points) {
      const chosen = Number.isFinite(chart.marker) && x === chart.marker;
      svg.append(s('circle', { cx: sx(x), cy: sy(y), r: chosen ? 5 : 3, fill: chosen ? INK : colour }));
    }
  });
  if (xLabel) svg.append(s('text', { x: (left + width - right) / 2, y: height - 4, 'text-anchor': 'middle', fill: MUTED }, label(xLabel, i18n)));
  return svg;
}

/**
 * Draws a chart description as an SVG element (or null when there is nothing to draw).
 * context: {i18n, inputLabel(name)}.
 */
export function drawChart(chart, context) {
  if (!chart || typeof chart !== 'object') return null;
  try {
    if (chart.type === 'stack' && chart.items?.length) return stackChart(chart, context);
    if (chart.type === 'bars' && chart.items?.length) return barsChart(chart, context);
    if (chart.type === 'curve' && chart.series?.length) return curveChart(chart, context);
  } catch {
    return null;
  }
  return null;
}

/** A figure with the chart and a caption, for the page. */
export function chartFigure(chart, context, caption) {
  const svg = drawChart(chart, context);
  if (!svg) return null;
  return h('figure', { class: 'chart' }, svg, caption ? h('figcaption', null, caption) : null);
}
