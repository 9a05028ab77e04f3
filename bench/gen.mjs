// Deterministic generator of a Zendesk-like ticket export for the benchmark (scripts/bench).
// The same rows and seed give a byte-identical file on every machine and Node version.
//
//   node bench/gen.mjs --rows 1000000 --out build/bench/tickets-1000000.csv [--seed 20240301]
//
// Only integer arithmetic and IEEE basic operations (+ − × ÷, correctly rounded everywhere) are
// used: Math.log/exp and friends are not guaranteed to give the same bits on every engine, so the
// skewed distributions below are piecewise-uniform tables instead of formulas. Rows are written in
// slices with writeSync, so a 10M-row file never sits in memory.

import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';

export const GENERATOR_VERSION = 3;
export const DEFAULT_SEED = 20240301;
// What this generator wrote on the reference machine: another machine must produce the same bytes.
export const KNOWN_SHA256 = {
  10000: '06ee1fabf6f8b94a83f2fffe2eaa533783a7c9a8204cabdce517b259e582baec',
  100000: '023e6b6a7cae901b153e164442709ff9bb48e95a5ea4a57cf57a49f8223dddab',
  1000000: '1a849f398811e2728afb7a55be5e71bfb21f1203724b22634f1d8447a08f227a',
  10000000: 'd396d1b6b9b211db93970727f4387c8afc1f38427289ab7e39ccda36f730623c',
};
export const HEADER = 'Id,Created at,First reply at,Solved at,Status,Via,Category,Assignee,Priority,Satisfaction Score,Replies';

const DAY = 86400;
const HOUR = 3600;
const YEAR_START = Date.UTC(2024, 0, 1) / 1000; // Monday, 2024-W01
const YEAR_DAYS = 366;                         // 2024 is a leap year
const EXPORTED_AT = Date.UTC(2025, 0, 3, 8, 0, 0) / 1000;
const FIRST_ID = 104_857;

/** mulberry32: a 32-bit state PRNG whose steps are exact integer operations in any JS engine. */
function mulberry32(seed) {
  let state = seed >>> 0;
  return function next() {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

// A weighted choice over integer weights; `items` pairs [weight, value].
function table(items) {
  const cumulative = [];
  let total = 0;
  for (const [weight] of items) cumulative.push((total += weight));
  return { cumulative, values: items.map((item) => item[1]), total };
}

// Piecewise-uniform durations in seconds: [weight, low, high] buckets.
function durations(buckets) {
  return table(buckets.map(([weight, low, high]) => [weight, [low, high]]));
}

const CHANNELS = table([[38, 'email'], [27, 'web'], [18, 'chat'], [10, 'phone'], [7, 'api']]);
const CATEGORIES = table([
  [18, 'Billing'], [22, 'Technical issue'], [14, 'Account access'], [12, 'Shipping'],
  [10, 'Returns, refunds'], [12, 'Product question'], [5, 'Feature request'], [7, 'Other'],
]);
const PRIORITIES = table([[15, 'low'], [58, 'normal'], [21, 'high'], [6, 'urgent']]);

// 40 agents with uneven workloads (weight) and speed (percent of the channel's usual reply time).
const AGENT_ROWS = [
  ['Maria Garcia', 14, 80], ['James Smith', 12, 95], ['Aisha Khan', 13, 70], ['Liam O\'Connor', 9, 120],
  ['Sofia Rossi', 11, 90], ['Mateo Fernández', 10, 105], ['Emma Johansson', 12, 85], ['Noah Müller', 8, 130],
  ['Olivia Brown', 14, 75], ['Lucas Silva', 9, 110], ['Mia Kowalski', 10, 100], ['Ethan Nguyen', 11, 95],
  ['Chloé Dubois', 7, 140], ['Daniel Kim', 13, 80], ['Anna Tamm', 10, 90], ['Oskar Lindqvist', 6, 125],
  ['Fatima Zahra', 12, 85], ['Hiro Tanaka', 9, 100], ['Priya Patel', 15, 70], ['Jonas Becker', 8, 115],
  ['Isabella Costa', 11, 95], ['Mikko Virtanen', 7, 120], ['Zoe Williams', 10, 90], ['Ahmed Hassan', 9, 105],
  ['Elena Popescu', 12, 80], ['Kerem Yılmaz', 8, 110], ['Grace Lee', 13, 75], ['Tomás Novák', 6, 135],
  ['Hannah Schmidt', 10, 95], ['Rafael Torres', 9, 100], ['Ingrid Berg', 8, 115], ['Kwame Mensah', 11, 90],
  ['Laura Martin', 12, 85], ['Pavel Ivanov', 7, 125], ['Nora Fischer', 10, 100], ['Diego Ramírez', 9, 105],
  ['Yuki Sato', 11, 85], ['Sara Andersen', 10, 95], ['Kaito Mori', 8, 110], ['Léa Moreau', 9, 100],
];
const AGENTS = table(AGENT_ROWS.map(([name, weight, speed]) => [weight, { name, speed }]));

// First reply delay by channel: chat and phone are answered in minutes, mail-like channels in hours.
const FIRST_REPLY = {
  chat: durations([[40, 20, 120], [35, 120, 600], [18, 600, HOUR], [7, HOUR, 8 * HOUR]]),
  phone: durations([[50, 15, 60], [35, 60, 300], [15, 300, HOUR]]),
  mail: durations([[15, 300, 1800], [15, 1800, HOUR], [30, HOUR, 4 * HOUR], [20, 4 * HOUR, 12 * HOUR],
    [15, 12 * HOUR, 2 * DAY], [5, 2 * DAY, 5 * DAY]]),
};
// Time from the first reply to solved, before the per-reply back-and-forth is added.
const SOLVE_AFTER_REPLY = durations([[25, 60, HOUR], [25, HOUR, 8 * HOUR], [25, 8 * HOUR, 2 * DAY],
  [18, 2 * DAY, 7 * DAY], [7, 7 * DAY, 30 * DAY]]);
const SOLVE_WITHOUT_REPLY = durations([[50, 60, HOUR], [35, HOUR, DAY], [15, DAY, 3 * DAY]]);
// Agent replies on a ticket that got at least one.
const REPLIES = table([[46, 1], [27, 2], [13, 3], [7, 4], [4, 5], [2, 6], [1, 8]]);
const RATINGS_QUICK = table([[52, 5], [21, 4], [8, 3], [6, 2], [13, 1]]);
const RATINGS_SLOW = table([[33, 5], [20, 4], [12, 3], [11, 2], [24, 1]]);

// Daily volume: weekday shape × slow growth × season (a summer dip, the November sales peak)
// × ±15% day-to-day noise, quiet holidays.
const MONTH_WEIGHT = [100, 96, 98, 97, 95, 90, 84, 86, 99, 102, 121, 112];
const WEEKDAY_WEIGHT = [118, 112, 108, 104, 96, 38, 34]; // Monday first
const HOLIDAYS = new Set([0, 358, 359, 360, 365]);       // Jan 1, Dec 24–26, Dec 31
const HOURS = table([6, 4, 3, 3, 3, 5, 10, 22, 40, 55, 60, 58, 52, 54, 56, 52, 46, 38, 28, 22, 18, 14, 10, 8]
  .map((weight, hour) => [weight, hour]));

class Random {
  constructor(seed) {
    this.next = mulberry32(seed);
  }
  /** An integer in [0, n); exact for n < 2^21 and deterministic for any n. */
  below(n) {
    return Math.floor((this.next() * n) / 4294967296);
  }
  pick({ cumulative, values, total }) {
    const draw = this.below(total);
    let index = 0;
    while (cumulative[index] <= draw) index += 1;
    return values[index];
  }
  span(buckets) {
    const [low, high] = this.pick(buckets);
    return low + this.below(high - low);
  }
}

function dayWeights(random) {
  const weights = [];
  for (let day = 0; day < YEAR_DAYS; day += 1) {
    const month = new Date((YEAR_START + day * DAY) * 1000).getUTCMonth();
    let weight = WEEKDAY_WEIGHT[day % 7] * (1500 + day) * MONTH_WEIGHT[month] * (85 + random.below(31));
    if (HOLIDAYS.has(day)) weight = Math.floor((weight * 3) / 10);
    weights.push(weight);
  }
  return weights;
}

// `2024-03-01T09:15:27Z`; the date part is cached per day because formatting dominates otherwise.
const PAD = Array.from({ length: 60 }, (_, value) => String(value).padStart(2, '0'));
const dateCache = new Map();
function timestamp(seconds) {
  const day = Math.floor(seconds / DAY);
  let date = dateCache.get(day);
  if (date === undefined) {
    date = new Date(day * DAY * 1000).toISOString().slice(0, 11);
    dateCache.set(day, date);
  }
  const rest = seconds - day * DAY;
  const hour = Math.floor(rest / HOUR);
  const minute = Math.floor((rest - hour * HOUR) / 60);
  return `${date}${PAD[hour]}:${PAD[minute]}:${PAD[rest % 60]}Z`;
}

function quote(value) {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
const CATEGORY_TEXT = new Map(CATEGORIES.values.map((value) => [value, quote(value)]));
const AGENT_TEXT = new Map(AGENTS.values.map((agent) => [agent.name, quote(agent.name)]));

/** One ticket created at `created` (epoch seconds) → its CSV line without the newline. */
function ticket(random, id, created) {
  const via = random.pick(CHANNELS);
  const category = random.pick(CATEGORIES);
  const priority = random.pick(PRIORITIES);
  const agent = random.pick(AGENTS);
  const kind = random.below(1000); // the ticket's path through the helpdesk

  let status;
  let firstReply = -1;
  let solved = -1;
  let replies = 0;
  let assignee = agent.name;

  if (kind < 25) {
    // Spam, duplicates, "never mind" follow-ups: solved without any agent reply.
    solved = created + random.span(SOLVE_WITHOUT_REPLY);
  } else if (kind < 37) {
    // Fell through the cracks: nobody replied yet.
    status = random.below(2) === 0 ? 'new' : 'open';
  } else {
    const reply_table = via === 'chat' ? FIRST_REPLY.chat : via === 'phone' ? FIRST_REPLY.phone : FIRST_REPLY.mail;
    let delay = random.span(reply_table);
    delay = Math.floor((delay * agent.speed) / 100);
    if (priority === 'urgent') delay = Math.floor(delay / 4);
    else if (priority === 'high') delay = Math.floor((delay * 2) / 3);
    else if (priority === 'low') delay = Math.floor((delay * 3) / 2);
    firstReply = created + Math.max(delay, 10);
    replies = random.pick(REPLIES);
    if (replies === 8) replies = 6 + random.below(7);
    if (kind < 67) {
      // Waiting on the customer or a third party for a long time.
      status = random.below(5) < 3 ? 'pending' : 'open';
    } else {
      solved = firstReply + random.span(SOLVE_AFTER_REPLY) + (replies - 1) * random.below(DAY);
    }
  }

  // The export is a snapshot: what had not happened by then is not in it.
  if (firstReply > EXPORTED_AT) {
    firstReply = -1;
    solved = -1;
    replies = 0;
    status = 'new';
  }
  if (solved > EXPORTED_AT) {
    solved = -1;
    status = replies > 0 ? 'open' : 'new';
  }
  if (status === 'new') assignee = '';

  let rating = '';
  if (solved >= 0) {
    // Zendesk closes solved tickets after a few days (4 by default, up to 28).
    status = solved + 4 * DAY + random.below(24 * DAY) < EXPORTED_AT ? 'closed' : 'solved';
    if (random.below(100) < 17) rating = String(random.pick(solved - created > 3 * DAY ? RATINGS_SLOW : RATINGS_QUICK));
  }

  return `${id},${timestamp(created)},${firstReply >= 0 ? timestamp(firstReply) : ''},${solved >= 0 ? timestamp(solved) : ''},` +
    `${status},${via},${CATEGORY_TEXT.get(category)},${assignee === '' ? '' : AGENT_TEXT.get(assignee)},${priority},${rating},${replies}`;
}

/**
 * Writes `rows` tickets to `out` (through a temporary file, renamed at the end) and returns
 * { rows, bytes, sha256, seed, version }. Tickets are spread over 2024 by a daily and hourly
 * pattern and numbered in creation order, as a helpdesk export is.
 */
export function generate({ rows, out, seed = DEFAULT_SEED }) {
  if (!Number.isInteger(rows) || rows < 1) throw new Error(`--rows must be a positive integer, not ${rows}`);
  mkdirSync(dirname(out), { recursive: true });
  const temporary = `${out}.partial`;
  const fd = openSync(temporary, 'w');
  const hash = createHash('sha256');
  let bytes = 0;
  const flush = (text) => {
    const buffer = Buffer.from(text, 'utf8');
    hash.update(buffer);
    bytes += buffer.length;
    writeSync(fd, buffer);
  };

  const random = new Random(seed);
  const weights = dayWeights(random);
  const totalWeight = weights.reduce((sum, weight) => sum + weight, 0);
  let lines = [HEADER];
  let id = FIRST_ID;
  let cumulativeWeight = 0;
  let start = 0;
  for (let day = 0; day < YEAR_DAYS; day += 1) {
    cumulativeWeight += weights[day];
    const end = Number((BigInt(rows) * BigInt(cumulativeWeight)) / BigInt(totalWeight)); // exact: the products pass 2^53
    const times = new Int32Array(end - start);
    for (let index = 0; index < times.length; index += 1) {
      times[index] = random.pick(HOURS) * HOUR + random.below(HOUR);
    }
    times.sort();
    const dayStart = YEAR_START + day * DAY;
    for (let index = 0; index < times.length; index += 1) {
      lines.push(ticket(random, id, dayStart + times[index]));
      id += 1;
      if (lines.length >= 8192) {
        lines.push('');
        flush(lines.join('\n'));
        lines = [];
      }
    }
    start = end;
  }
  lines.push('');
  flush(lines.join('\n'));
  closeSync(fd);
  renameSync(temporary, out);
  return { rows, bytes, sha256: hash.digest('hex'), seed, version: GENERATOR_VERSION };
}

function parseArguments(argv) {
  const options = { rows: 1_000_000, out: null, seed: DEFAULT_SEED };
  for (let index = 0; index < argv.length; index += 1) {
    const name = argv[index];
    const value = argv[index + 1];
    if (name === '--rows') options.rows = Number(value);
    else if (name === '--out') options.out = value;
    else if (name === '--seed') options.seed = Number(value);
    else throw new Error(`unknown option ${name} (use --rows N --out FILE [--seed S])`);
    index += 1;
  }
  options.out ??= `build/bench/tickets-${options.rows}.csv`;
  return options;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const options = parseArguments(process.argv.slice(2));
  const started = performance.now();
  const result = generate(options);
  const seconds = (performance.now() - started) / 1000;
  console.log(`${options.out}: ${result.rows} rows, ${(result.bytes / 1e6).toFixed(1)} MB, sha256 ${result.sha256} (${seconds.toFixed(1)} s)`);
}
