// The figures every benchmarked implementation must agree on, how plain JS computes them from
// parsed rows (shared by the PapaParse and d3-dsv peers), how the engine's report maps onto them,
// and the comparison that decides whether two implementations agree.
//
// Definitions (spec/metrics.md):
//   first_response  first reply − created, seconds, over tickets with a first reply
//   resolution      solved − created, seconds, over tickets with a solved time
//   fcr             one_touch: tickets with status solved/closed and fewer than 2 agent replies,
//                   as a percentage of tickets with status solved/closed
//   csat            ratings 4–5 as a percentage of ratings 1–5
//   volume          tickets per channel (Via), per category, per ISO week of creation (UTC, %G-W%V)
//   agents          per assignee (unassigned tickets are left out): tickets, median first
//                   response (null without replies), CSAT (null without ratings)
// Medians interpolate linearly between the closest ranks (numpy's default, quantile_cont).

export const COLUMNS = {
  created: 'Created at',
  firstReply: 'First reply at',
  solved: 'Solved at',
  status: 'Status',
  channel: 'Via',
  category: 'Category',
  agent: 'Assignee',
  rating: 'Satisfaction Score',
  replies: 'Replies',
};

/** The linearly interpolated quantile of sorted values (position p·(n−1)). */
export function quantileSorted(sorted, p) {
  if (sorted.length === 0) return null;
  const position = p * (sorted.length - 1);
  const low = Math.floor(position);
  const fraction = position - low;
  if (fraction === 0 || low + 1 >= sorted.length) return sorted[low];
  return sorted[low] + fraction * (sorted[low + 1] - sorted[low]);
}

/** A growable Float64Array: a million durations cost 8 MB rather than a boxed JS array. */
class Values {
  constructor(capacity = 1024) {
    this.data = new Float64Array(capacity);
    this.length = 0;
  }
  push(value) {
    if (this.length === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }
  summary() {
    const sorted = this.data.slice(0, this.length).sort();
    let sum = 0;
    for (let index = 0; index < sorted.length; index += 1) sum += sorted[index];
    return { n: sorted.length, mean: sorted.length ? sum / sorted.length : null, median: quantileSorted(sorted, 0.5) };
  }
}

const DAY_MS = 86_400_000;
const weekByDay = new Map();
/** ISO 8601 week of an epoch-milliseconds instant in UTC, as `2024-W09` (strftime '%G-W%V'). */
export function isoWeek(milliseconds) {
  const day = Math.floor(milliseconds / DAY_MS);
  let week = weekByDay.get(day);
  if (week === undefined) {
    const weekday = (((day + 3) % 7) + 7) % 7; // 1970-01-01 was a Thursday; Monday = 0
    const thursday = new Date((day - weekday + 3) * DAY_MS);
    const year = thursday.getUTCFullYear();
    const dayOfYear = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY_MS);
    week = `${year}-W${String(Math.floor(dayOfYear / 7) + 1).padStart(2, '0')}`;
    weekByDay.set(day, week);
  }
  return week;
}

/** Column positions from a header row; throws when one is missing. */
export function columnIndexes(header) {
  const indexes = {};
  for (const [role, name] of Object.entries(COLUMNS)) {
    const index = header.indexOf(name);
    if (index < 0) throw new Error(`column "${name}" not found in the header`);
    indexes[role] = index;
  }
  return indexes;
}

function increment(counts, key) {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

/** Plain-JS accumulation over parsed rows (arrays of strings), as a developer would write it. */
export class TicketFigures {
  constructor(indexes) {
    this.columns = indexes;
    this.rows = 0;
    this.firstResponse = new Values(1 << 16);
    this.resolution = new Values(1 << 16);
    this.resolved = 0;
    this.oneTouch = 0;
    this.ratings = 0;
    this.satisfied = 0;
    this.byChannel = new Map();
    this.byCategory = new Map();
    this.byWeek = new Map();
    this.agents = new Map();
  }

  add(row) {
    const columns = this.columns;
    const created = Date.parse(row[columns.created]);
    const firstReplyText = row[columns.firstReply];
    const solvedText = row[columns.solved];
    const status = row[columns.status];
    const ratingText = row[columns.rating];
    const agentName = row[columns.agent];
    this.rows += 1;

    increment(this.byChannel, row[columns.channel]);
    increment(this.byCategory, row[columns.category]);
    increment(this.byWeek, isoWeek(created));

    let agent = null;
    if (agentName) {
      agent = this.agents.get(agentName);
      if (!agent) {
        agent = { handled: 0, firstResponse: new Values(256), ratings: 0, satisfied: 0 };
        this.agents.set(agentName, agent);
      }
      agent.handled += 1;
    }
    if (firstReplyText) {
      const seconds = (Date.parse(firstReplyText) - created) / 1000;
      this.firstResponse.push(seconds);
      if (agent) agent.firstResponse.push(seconds);
    }
    if (solvedText) this.resolution.push((Date.parse(solvedText) - created) / 1000);
    if (status === 'solved' || status === 'closed') {
      this.resolved += 1;
      if (Number(row[columns.replies]) < 2) this.oneTouch += 1;
    }
    if (ratingText) {
      const rating = Number(ratingText);
      if (rating >= 1 && rating <= 5) {
        const satisfied = rating >= 4 ? 1 : 0;
        this.ratings += 1;
        this.satisfied += satisfied;
        if (agent) {
          agent.ratings += 1;
          agent.satisfied += satisfied;
        }
      }
    }
  }

  figures() {
    const agents = {};
    for (const [name, agent] of this.agents) {
      agents[name] = {
        handled: agent.handled,
        first_response_median: agent.firstResponse.summary().median,
        csat: agent.ratings ? (agent.satisfied / agent.ratings) * 100 : null,
      };
    }
    return normalise({
      rows: this.rows,
      first_response: this.firstResponse.summary(),
      resolution: this.resolution.summary(),
      fcr: { value: this.resolved ? (this.oneTouch / this.resolved) * 100 : null, n: this.resolved },
      csat: { value: this.ratings ? (this.satisfied / this.ratings) * 100 : null, n: this.ratings },
      volume: {
        by_channel: Object.fromEntries(this.byChannel),
        by_category: Object.fromEntries(this.byCategory),
        by_week: Object.fromEntries(this.byWeek),
      },
      agents,
    });
  }
}

function sortedObject(object) {
  return Object.fromEntries(Object.entries(object).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Sorts keyed sections so that printed figures of two implementations line up. */
export function normalise(figures) {
  return {
    ...figures,
    volume: {
      by_channel: sortedObject(figures.volume.by_channel),
      by_category: sortedObject(figures.volume.by_category),
      by_week: sortedObject(figures.volume.by_week),
    },
    agents: sortedObject(figures.agents),
  };
}

// ---------------------------------------------------------------------------------------------
// The engine's report (spec/api.md, analysis) → figures. The report's keyed series may come as an
// object ({key: count}) or as an array of {key-ish field, count-ish field}; both are accepted so the
// bench does not dictate the engine's representation, and anything unreadable is reported.

const KEY_FIELDS = ['key', 'week', 'date', 'channel', 'category', 'name', 'value', 'label', 'period'];
const COUNT_FIELDS = ['count', 'tickets', 'n', 'value', 'total'];

function seriesToObject(series, what, notes) {
  if (series == null) {
    notes.push(`report has no ${what}`);
    return {};
  }
  if (!Array.isArray(series)) {
    if (typeof series === 'object') {
      const result = {};
      for (const [key, value] of Object.entries(series)) {
        result[key] = typeof value === 'object' && value !== null ? pickCount(value, key) : value;
      }
      return result;
    }
    notes.push(`${what} is neither an object nor an array`);
    return {};
  }
  const result = {};
  for (const entry of series) {
    if (Array.isArray(entry)) {
      result[entry[0]] = entry[1];
      continue;
    }
    const keyField = KEY_FIELDS.find((field) => typeof entry[field] === 'string');
    if (!keyField) {
      notes.push(`${what}: cannot find the key in ${JSON.stringify(entry)}`);
      continue;
    }
    result[entry[keyField]] = pickCount(entry, keyField);
  }
  return result;
}

function pickCount(entry, keyField) {
  const field = COUNT_FIELDS.find((name) => name !== keyField && typeof entry[name] === 'number');
  return field ? entry[field] : undefined;
}

// A week may be keyed as `2024-W09`, `2024-W9` or by the date of its Monday.
function weekKey(key) {
  const week = /^(\d{4})-?W(\d{1,2})$/.exec(key);
  if (week) return `${week[1]}-W${week[2].padStart(2, '0')}`;
  if (/^\d{4}-\d{2}-\d{2}/.test(key)) return isoWeek(Date.parse(`${key.slice(0, 10)}T00:00:00Z`));
  return key;
}

function duration(section) {
  if (!section) return null;
  return { n: section.n, mean: section.mean ?? null, median: section.median ?? null };
}

/**
 * The figures held in an analysis report, plus `notes` on what had to be guessed or was missing.
 * Unassigned tickets (an empty or null agent) are left out of `agents`, as in the peers.
 */
export function figuresFromReport(report) {
  const notes = [];
  if (!report || report.ok === false) {
    const error = report?.error ? `${report.error.code}: ${report.error.message}` : 'no report';
    return { figures: null, notes: [`the engine returned no report (${error})`] };
  }
  const metrics = report.metrics ?? {};
  for (const section of ['first_response', 'resolution', 'fcr', 'csat', 'volume', 'agents']) {
    if (metrics[section] === undefined) notes.push(`report.metrics.${section} is missing`);
  }
  const volume = metrics.volume ?? {};
  const byWeek = {};
  for (const [key, count] of Object.entries(seriesToObject(volume.by_week, 'metrics.volume.by_week', notes))) {
    if (count === 0) continue; // a continuous series lists empty weeks; the peers only see weeks with tickets
    const week = weekKey(key);
    byWeek[week] = (byWeek[week] ?? 0) + count;
  }
  const agents = {};
  let agentList = metrics.agents ?? [];
  if (!Array.isArray(agentList)) agentList = Object.entries(agentList).map(([agent, value]) => ({ agent, ...value }));
  for (const entry of agentList) {
    const name = entry.agent ?? entry.name;
    if (name === '' || name == null) {
      notes.push(`report.metrics.agents has an unassigned entry (${entry.handled} tickets), left out`);
      continue;
    }
    const median = entry.first_response_median;
    const csat = entry.csat;
    agents[name] = {
      handled: entry.handled,
      first_response_median: typeof median === 'object' && median !== null ? median.value ?? median.median ?? null : median ?? null,
      csat: typeof csat === 'object' && csat !== null ? csat.value ?? null : csat ?? null,
    };
  }
  const figures = normalise({
    rows: report.rows?.used ?? report.rows?.read,
    first_response: duration(metrics.first_response),
    resolution: duration(metrics.resolution),
    fcr: metrics.fcr ? { value: metrics.fcr.value ?? null, n: metrics.fcr.n } : null,
    csat: metrics.csat ? { value: metrics.csat.value ?? null, n: metrics.csat.n } : null,
    volume: {
      by_channel: seriesToObject(volume.by_channel, 'metrics.volume.by_channel', notes),
      by_category: seriesToObject(volume.by_category, 'metrics.volume.by_category', notes),
      by_week: byWeek,
    },
    agents,
  });
  if (metrics.fcr?.definition && metrics.fcr.definition !== 'one_touch') {
    notes.push(`report.metrics.fcr.definition is "${metrics.fcr.definition}", the bench expects "one_touch"`);
  }
  if (report.rows?.skipped) notes.push(`the engine skipped ${report.rows.skipped} rows: ${JSON.stringify(report.rows.reasons ?? {})}`);
  return { figures, notes };
}

// ---------------------------------------------------------------------------------------------

/**
 * Differences between two figure sets: counts must be equal, real numbers equal to `tolerance`
 * relative. Returns [{ path, expected, actual }] (empty when they agree).
 */
export function compareFigures(expected, actual, tolerance = 1e-6) {
  const differences = [];
  const visit = (path, a, b) => {
    if (typeof a === 'number' && typeof b === 'number') {
      const integral = Number.isInteger(a) && /(^|\.)(rows|n|handled)$|by_(channel|category|week)\./.test(path);
      const agree = integral ? a === b : Math.abs(a - b) <= tolerance * Math.max(Math.abs(a), Math.abs(b), 1e-12);
      if (!agree) differences.push({ path, expected: a, actual: b });
      return;
    }
    if (a && b && typeof a === 'object' && typeof b === 'object') {
      const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
      for (const key of keys) {
        const child = path ? `${path}.${key}` : key;
        if (!(key in b)) differences.push({ path: child, expected: a[key], actual: 'missing' });
        else if (!(key in a)) differences.push({ path: child, expected: 'absent', actual: b[key] });
        else visit(child, a[key], b[key]);
      }
      return;
    }
    if (a !== b) differences.push({ path, expected: a, actual: b });
  };
  visit('', expected, actual);
  return differences;
}
