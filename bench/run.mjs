// The benchmark driver behind scripts/bench: generates the ticket export, runs every
// implementation as a whole process (wall time measured here, peak RSS by /usr/bin/time),
// checks that they all compute the same figures, prints the table and the targets, and writes
// build/bench/results.md. Exits 1 when figures disagree or an implementation fails; a missed
// speed target is reported but does not fail the run (the machine is shared and noisy).
//
//   node bench/run.mjs [--rows N] [--repeat R] [--only wasm,native,d3,papaparse,duckdb]
//                      [--big] [--no-check] [--chunk BYTES]

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync, unlinkSync, readdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareFigures, figuresFromReport } from './figures.mjs';
import { DEFAULT_SEED, GENERATOR_VERSION, KNOWN_SHA256, generate } from './gen.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'build/bench');
// Overridable to measure another build (e.g. your own build directory) without touching dist/.
const NATIVE = resolve(process.env.SKPI_NATIVE ?? join(ROOT, 'build/native/skpi_analyze'));
const DIST = resolve(process.env.SKPI_DIST_MODULE ?? join(ROOT, 'dist/servicekpi.mjs'));
process.env.SKPI_DIST_MODULE = DIST; // read by bench/run-wasm.mjs
const TIME = '/usr/bin/time';
const MB = 1e6;

const TARGETS = { peerSpeedup: 5, inProcessMBps: 300, nativeRatio: 2, wasmRssMB: 200 };

// ---------------------------------------------------------------------------------------------
// Options

class UsageError extends Error {}

function parseArguments(argv) {
  const options = { rows: 1_000_000, repeat: null, only: null, big: false, check: true, chunk: 1 << 20 };
  for (let index = 0; index < argv.length; index += 1) {
    const name = argv[index];
    const value = () => {
      index += 1;
      if (index >= argv.length) throw new UsageError(`${name} needs a value`);
      return argv[index];
    };
    if (name === '--rows') options.rows = Number(value());
    else if (name === '--repeat') options.repeat = Number(value());
    else if (name === '--only') options.only = value().split(',').map((item) => item.trim());
    else if (name === '--big') options.big = true;
    else if (name === '--no-check') options.check = false;
    else if (name === '--chunk') options.chunk = Number(value());
    else if (name === '--help' || name === '-h') {
      console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(0, 9).join('\n'));
      process.exit(0);
    } else throw new UsageError(`unknown option ${name} (see --help)`);
  }
  if (!Number.isInteger(options.rows) || options.rows < 1) throw new UsageError('--rows must be a positive integer');
  // Three rounds by default (the median is reported); one for quick runs is enough to see a trend.
  options.repeat ??= options.rows >= 500_000 ? 3 : 1;
  if (!Number.isInteger(options.repeat) || options.repeat < 1) throw new UsageError('--repeat must be a positive integer');
  return options;
}

// ---------------------------------------------------------------------------------------------
// Implementations. `figures` turns the child's stdout into { figures, notes, extra }.

function childFigures(stdout) {
  const result = JSON.parse(stdout.trim().split('\n').pop());
  return { figures: result.figures, notes: result.notes ?? [], extra: result };
}

const IMPLEMENTATIONS = [
  {
    id: 'wasm',
    label: 'ServiceKPI wasm',
    engine: true,
    missing: () => (existsSync(DIST) ? null : `${relative(ROOT, DIST)} is missing (scripts/build)`),
    command: (file, options) => ['node', [join(ROOT, 'bench/run-wasm.mjs'), file, String(options.chunk)]],
    figures: childFigures,
  },
  {
    id: 'native',
    label: 'ServiceKPI native',
    engine: true,
    missing: () => (existsSync(NATIVE) ? null : `${relative(ROOT, NATIVE)} is missing (scripts/build)`),
    // --timing: "<seconds> s <bytes> bytes <MB/s> MB/s peak_rss_kb <kB>" on stderr after the report.
    command: (file) => [NATIVE, [file, '--compact', '--timing']],
    figures: (stdout, stderr) => {
      const report = JSON.parse(stdout);
      const { figures, notes } = figuresFromReport(report);
      const timing = /([\d.]+) s (\d+) bytes [\d.]+ MB\/s peak_rss_kb (\d+)/.exec(stderr);
      const extra = { report };
      if (timing) Object.assign(extra, { engine_seconds: Number(timing[1]), max_rss_kb: Number(timing[3]) });
      return { figures, notes, extra };
    },
  },
  {
    id: 'd3',
    label: 'd3-dsv + JS',
    command: (file) => ['node', [join(ROOT, 'bench/run-d3.mjs'), file]],
    figures: childFigures,
  },
  {
    id: 'duckdb',
    label: 'DuckDB-WASM SQL',
    command: (file) => ['node', [join(ROOT, 'bench/run-duckdb.mjs'), file]],
    figures: childFigures,
  },
  {
    id: 'papaparse',
    label: 'PapaParse + JS',
    command: (file) => ['node', [join(ROOT, 'bench/run-papaparse.mjs'), file]],
    figures: childFigures,
  },
];
const PEERS = IMPLEMENTATIONS.filter((implementation) => !implementation.engine).map((implementation) => implementation.id);

// ---------------------------------------------------------------------------------------------
// Running one process

const hasTime = existsSync(TIME);

/** Runs one implementation on `file` → { wall, rssMB, stdout, stderr, code }. */
function measure(implementation, file, options) {
  const [program, args] = implementation.command(file, options);
  const rssFile = join(OUT, `.rss-${process.pid}-${implementation.id}`);
  const [command, commandArgs] = hasTime ? [TIME, ['-f', '%M', '-o', rssFile, program, ...args]] : [program, args];
  return new Promise((resolvePromise) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, commandArgs, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout = [];
    const stderr = [];
    child.stdout.on('data', (data) => stdout.push(data));
    child.stderr.on('data', (data) => stderr.push(data));
    child.on('close', (code, signal) => {
      const wall = Number(process.hrtime.bigint() - started) / 1e9;
      let rssKB = null;
      if (hasTime && existsSync(rssFile)) {
        // /usr/bin/time writes "Command exited with non-zero status N" before the figure on failure.
        const lines = readFileSync(rssFile, 'utf8').trim().split('\n');
        rssKB = Number(lines[lines.length - 1]);
        unlinkSync(rssFile);
      }
      resolvePromise({
        wall,
        rssKB,
        code: code ?? signal,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      });
    });
  });
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = (sorted.length - 1) / 2;
  return (sorted[Math.floor(middle)] + sorted[Math.ceil(middle)]) / 2;
}

// ---------------------------------------------------------------------------------------------
// Data files

/** The export with `rows` tickets, generated unless an identical one (same generator) exists. */
function dataFile(rows) {
  const file = join(OUT, `tickets-${rows}.csv`);
  const metaFile = `${file}.json`;
  if (existsSync(file) && existsSync(metaFile)) {
    const meta = JSON.parse(readFileSync(metaFile, 'utf8'));
    if (meta.version === GENERATOR_VERSION && meta.seed === DEFAULT_SEED && meta.rows === rows && statSync(file).size === meta.bytes) {
      return { file, meta };
    }
  }
  process.stdout.write(`generating ${relative(ROOT, file)} (${rows.toLocaleString('en')} rows) ... `);
  const started = performance.now();
  const meta = generate({ rows, out: file });
  writeFileSync(metaFile, `${JSON.stringify(meta, null, 2)}\n`);
  console.log(`${(meta.bytes / MB).toFixed(1)} MB in ${((performance.now() - started) / 1000).toFixed(1)} s, sha256 ${meta.sha256.slice(0, 16)}…`);
  if (KNOWN_SHA256[rows] && KNOWN_SHA256[rows] !== meta.sha256) {
    console.log(`warning: the reference machine generated sha256 ${KNOWN_SHA256[rows]} for ${rows} rows; this file differs, ` +
      'so results are not comparable byte for byte (the figures are still checked between implementations)');
  }
  return { file, meta };
}

// ---------------------------------------------------------------------------------------------
// Agreement

function formatValue(value) {
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toPrecision(12);
  return JSON.stringify(value);
}

/**
 * Compares every run's figures with the reference's and collects readable mismatch lines.
 * `runs`: [{ id, label, figures, notes }].
 */
function agreement(reference, runs) {
  const problems = [];
  for (const run of runs) {
    if (run === reference) continue;
    if (!run.figures) {
      problems.push(`${run.label}: no figures (${run.notes.join('; ')})`);
      continue;
    }
    const differences = compareFigures(reference.figures, run.figures);
    if (differences.length) {
      problems.push(`${run.label} disagrees with ${reference.label} on ${differences.length} figure(s):`);
      for (const difference of differences.slice(0, 40)) {
        problems.push(`  ${difference.path}: ${reference.id} ${formatValue(difference.expected)}, ${run.id} ${formatValue(difference.actual)}`);
      }
      if (differences.length > 40) problems.push(`  ... and ${differences.length - 40} more`);
      for (const note of run.notes) problems.push(`  note: ${note}`);
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Output

/** MB/s with one decimal below 10, where rounding would hide the difference. */
function rate(megabytesPerSecond) {
  return megabytesPerSecond.toFixed(megabytesPerSecond < 10 ? 1 : 0);
}

function pad(text, width, right = false) {
  text = String(text);
  return right ? text.padStart(width) : text.padEnd(width);
}

function ratioText(seconds, wasmSeconds) {
  if (wasmSeconds == null) return '';
  if (Math.abs(seconds - wasmSeconds) < 1e-9) return 'baseline';
  const ratio = seconds / wasmSeconds;
  return ratio >= 1 ? `${ratio.toFixed(1)}× slower than wasm` : `${(1 / ratio).toFixed(1)}× faster than wasm`;
}

function markdownTable(header, rows, alignRight) {
  const lines = [`| ${header.join(' | ')} |`, `| ${header.map((_, index) => (alignRight[index] ? '---:' : '---')).join(' | ')} |`];
  for (const row of rows) lines.push(`| ${row.join(' | ')} |`);
  return lines.join('\n');
}

function textTable(header, rows, alignRight) {
  const widths = header.map((title, index) => Math.max(title.length, ...rows.map((row) => String(row[index]).length)));
  const line = (cells) => cells.map((cell, index) => pad(cell, widths[index], alignRight[index])).join('  ');
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

// ---------------------------------------------------------------------------------------------

/** Median in-process time of a second pass over the file in one process (run-wasm.mjs --warm). */
function warmEngineSeconds(file, options) {
  const values = [];
  for (let round = 0; round < 3; round += 1) {
    const run = spawnSync('node', [join(ROOT, 'bench/run-wasm.mjs'), file, String(options.chunk), '--warm'], {
      cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 30,
    });
    const line = run.status === 0 ? run.stdout.split('\n').find((text) => text.startsWith('{')) : null;
    const seconds = line ? JSON.parse(line).warm_engine_seconds : null;
    if (seconds) values.push(seconds);
  }
  return values.length ? median(values) : null;
}

async function runSuite(file, bytes, implementations, options, rounds) {
  const results = new Map(implementations.map((implementation) => [implementation.id, { implementation, runs: [] }]));
  for (let round = 1; round <= rounds; round += 1) {
    // Rounds interleave the implementations, so a burst of load on the shared machine spreads over all.
    for (const implementation of implementations) {
      process.stdout.write(`  round ${round}/${rounds}  ${pad(implementation.label, 24)} `);
      const run = await measure(implementation, file, options);
      const entry = results.get(implementation.id);
      if (run.code !== 0) {
        console.log(`FAILED (exit ${run.code})`);
        entry.failure = `exit ${run.code}: ${run.stderr.trim().split('\n').slice(-5).join(' | ')}`;
        continue;
      }
      try {
        const parsed = implementation.figures(run.stdout, run.stderr);
        entry.runs.push({ ...run, ...parsed });
      } catch (problem) {
        entry.failure = `unreadable output (${problem.message}): ${run.stdout.slice(0, 200)}`;
        console.log('FAILED (unreadable output)');
        continue;
      }
      const rssMB = run.rssKB != null ? run.rssKB / 1024 : (entry.runs.at(-1).extra?.max_rss_kb ?? NaN) / 1024;
      entry.runs.at(-1).rssMB = rssMB;
      console.log(`${run.wall.toFixed(2)} s  ${rate(bytes / MB / run.wall)} MB/s  ${rssMB.toFixed(0)} MB`);
    }
  }
  const summary = [];
  for (const { implementation, runs, failure } of results.values()) {
    if (!runs.length) {
      summary.push({ id: implementation.id, label: implementation.label, failure, figures: null, notes: [failure] });
      continue;
    }
    const first = runs[0];
    const wall = median(runs.map((run) => run.wall));
    const rssMB = Math.max(...runs.map((run) => run.rssMB));
    const extra = first.extra ?? {};
    summary.push({
      id: implementation.id,
      label: implementation.label,
      engine: Boolean(implementation.engine),
      wall,
      walls: runs.map((run) => run.wall),
      mbps: bytes / MB / wall,
      rssMB,
      figures: first.figures,
      notes: first.notes ?? [],
      allFigures: runs.map((run) => run.figures),
      engineSeconds: runs.some((run) => run.extra?.engine_seconds != null) ? median(runs.map((run) => run.extra.engine_seconds)) : null,
      loadSeconds: extra.load_seconds != null ? median(runs.map((run) => run.extra.load_seconds)) : null,
      firstFeedSeconds: extra.first_feed_seconds != null ? median(runs.map((run) => run.extra.first_feed_seconds)) : null,
      readSeconds: extra.read_seconds != null ? median(runs.map((run) => run.extra.read_seconds)) : null,
      report: extra.report,
      failure,
    });
  }
  return summary;
}

function saveReports(summary, rows) {
  for (const entry of summary) {
    if (entry.report) writeFileSync(join(OUT, `report-${entry.id}-${rows}.json`), `${JSON.stringify(entry.report, null, 2)}\n`);
    if (entry.figures) writeFileSync(join(OUT, `figures-${entry.id}-${rows}.json`), `${JSON.stringify(entry.figures, null, 2)}\n`);
  }
}

function checkAgreement(summary, title) {
  const problems = [];
  for (const entry of summary) {
    if (entry.failure) problems.push(`${entry.label} failed: ${entry.failure}`);
    // The same process run again must give the same figures.
    for (const [round, figures] of (entry.allFigures ?? []).entries()) {
      if (round && compareFigures(entry.allFigures[0], figures, 0).length) problems.push(`${entry.label}: round ${round + 1} gave different figures than round 1`);
    }
  }
  const withFigures = summary.filter((entry) => entry.figures);
  // A peer is the reference: the peers were written and cross-checked independently of the engine.
  const reference = withFigures.find((entry) => !entry.engine) ?? withFigures[0];
  if (reference) problems.push(...agreement(reference, summary.filter((entry) => !entry.failure)));
  for (const entry of summary) {
    if (entry.figures && entry.notes.length) for (const note of entry.notes) console.log(`  note (${entry.label}): ${note}`);
  }
  if (problems.length) {
    console.log(`\nFIGURE MISMATCH${title ? ` (${title})` : ''}:`);
    for (const problem of problems) console.log(`  ${problem}`);
  } else if (reference) {
    console.log(`\nfigures: all ${withFigures.length} implementations agree${title ? ` (${title})` : ''} ` +
      `(counts exactly, means and medians to 1e-6 relative; reference ${reference.label})`);
  }
  return problems;
}

async function crossCheck(options) {
  // An independent implementation (Python's csv + datetime) on a small file, against a JS peer and
  // the engine: guards the bench's own definitions as well as the engine.
  const python = ['python3', 'python'].find((name) => spawnSync(name, ['--version']).status === 0);
  if (!python) {
    console.log('cross-check: python3 not found, skipped');
    return [];
  }
  const { file, meta } = dataFile(10_000);
  const implementations = [
    { id: 'python', label: 'Python csv (check)', command: (path) => [python, [join(ROOT, 'bench/check.py'), path]], figures: childFigures },
    ...IMPLEMENTATIONS.filter((implementation) => selected(implementation, options) && (implementation.engine || implementation.id === 'd3')),
  ].filter((implementation) => !implementation.missing?.());
  console.log(`\ncross-check on ${relative(ROOT, file)} (${meta.rows.toLocaleString('en')} rows):`);
  const summary = await runSuite(file, meta.bytes, implementations, options, 1);
  saveReports(summary, 10_000);
  return checkAgreement(summary, '10,000-row cross-check with Python');
}

function selected(implementation, options) {
  return !options.only || options.only.includes(implementation.id);
}

async function main() {
  const options = parseArguments(process.argv.slice(2));
  const unknown = (options.only ?? []).filter((id) => !IMPLEMENTATIONS.some((implementation) => implementation.id === id));
  if (unknown.length) throw new UsageError(`--only: unknown ${unknown.join(', ')} (choose from ${IMPLEMENTATIONS.map((item) => item.id).join(', ')})`);
  mkdirSync(OUT, { recursive: true });
  const environment = `${cpus().length} × ${cpus()[0]?.model?.trim() ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
  console.log(`ServiceKPI benchmark — ${environment}, ${new Date().toISOString().slice(0, 10)}`);
  if (!hasTime) console.log(`note: ${TIME} not found; peak RSS of Node processes is their own maxRSS, of the native tool unknown`);

  const problems = [];
  const implementations = [];
  for (const implementation of IMPLEMENTATIONS.filter((item) => selected(item, options))) {
    const missing = implementation.missing?.();
    if (missing) {
      console.log(`${implementation.label}: not run — ${missing}`);
      problems.push(`${implementation.label} could not run: ${missing}`);
    } else implementations.push(implementation);
  }

  if (options.check) problems.push(...(await crossCheck(options)));

  const { file, meta } = dataFile(options.rows);
  console.log(`\nmain run on ${relative(ROOT, file)}: ${meta.rows.toLocaleString('en')} rows, ${(meta.bytes / MB).toFixed(1)} MB, ` +
    `${options.repeat} round(s), median wall time reported`);
  const summary = await runSuite(file, meta.bytes, implementations, options, options.repeat);
  saveReports(summary, options.rows);
  problems.push(...checkAgreement(summary));

  // --- the table
  const byId = Object.fromEntries(summary.filter((entry) => !entry.failure).map((entry) => [entry.id, entry]));
  const wasm = byId.wasm;
  const ordered = summary.filter((entry) => !entry.failure).sort((a, b) => a.wall - b.wall);
  const header = ['implementation', 'wall s', 'MB/s', 'peak RSS MB', 'vs wasm'];
  const align = [false, true, true, true, false];
  const rows = ordered.map((entry) => [
    entry.label,
    entry.wall.toFixed(2),
    rate(entry.mbps),
    Number.isFinite(entry.rssMB) ? entry.rssMB.toFixed(0) : 'n/a',
    ratioText(entry.wall, wasm?.wall),
  ]);
  console.log(`\n${textTable(header, rows, align)}`);

  // --- in-process figures and targets
  const lines = [];
  const targets = [];
  const fastestPeer = ordered.find((entry) => PEERS.includes(entry.id));
  if (wasm?.engineSeconds) {
    const inProcess = meta.bytes / MB / wasm.engineSeconds;
    lines.push(`in-process wasm, first file in a fresh process: feed+finish ${wasm.engineSeconds.toFixed(2)} s = ${inProcess.toFixed(0)} MB/s ` +
      `(not included: module load ${wasm.loadSeconds.toFixed(2)} s, reading the file ${wasm.readSeconds.toFixed(2)} s; ` +
      `included: the first feed() of ${options.chunk} bytes, ${wasm.firstFeedSeconds.toFixed(2)} s, and V8 running baseline (Liftoff) code until the hot functions are optimised)`);
    targets.push([`in-process wasm ≥ ${TARGETS.inProcessMBps} MB/s (first file in a fresh process)`, `${inProcess.toFixed(0)} MB/s`, inProcess >= TARGETS.inProcessMBps]);
    const warm = warmEngineSeconds(file, options);
    if (warm) {
      const warmRate = meta.bytes / MB / warm;
      lines.push(`in-process wasm, warmed engine (the same file again in the same process, median of 3 processes): feed+finish ${warm.toFixed(2)} s = ${warmRate.toFixed(0)} MB/s`);
      targets.push([`in-process wasm ≥ ${TARGETS.inProcessMBps} MB/s (warmed engine)`, `${warmRate.toFixed(0)} MB/s`, warmRate >= TARGETS.inProcessMBps]);
    }
  }
  if (wasm && byId.native) {
    const ratio = wasm.wall / byId.native.wall;
    const nativeSeconds = byId.native.engineSeconds;
    const computeRatio = wasm.engineSeconds && nativeSeconds ? wasm.engineSeconds / nativeSeconds : null;
    lines.push(`wasm/native: ${ratio.toFixed(2)}× whole process (Node's own start-up and the module load included)` +
      (computeRatio ? `, ${computeRatio.toFixed(2)}× in-process (native ${nativeSeconds.toFixed(2)} s = ${rate(meta.bytes / MB / nativeSeconds)} MB/s)` : ''));
    // The issue states this target with the in-process throughput: engine against engine, the wasm
    // one a first file in a fresh process. The whole-process ratio is printed above and in the table.
    if (computeRatio) {
      targets.push([`wasm within ${TARGETS.nativeRatio}× of native (in-process, first file in a fresh process)`, `${computeRatio.toFixed(2)}×`, computeRatio <= TARGETS.nativeRatio]);
    }
  }
  if (wasm && fastestPeer) {
    const speedup = fastestPeer.wall / wasm.wall;
    targets.push([`wasm ≥ ${TARGETS.peerSpeedup}× faster than the fastest peer (${fastestPeer.label})`, `${speedup.toFixed(1)}×`, speedup >= TARGETS.peerSpeedup]);
  }
  if (wasm && Number.isFinite(wasm.rssMB)) {
    const note = options.rows === 1_000_000 ? '' : ` (on ${options.rows.toLocaleString('en')} rows; the target is for 1,000,000)`;
    targets.push([`wasm peak RSS ≤ ${TARGETS.wasmRssMB} MB${note}`, `${wasm.rssMB.toFixed(0)} MB`, wasm.rssMB <= TARGETS.wasmRssMB]);
  }

  // --- the 10× file
  let bigLines = [];
  if (options.big) {
    const bigRows = options.rows * 10;
    const big = dataFile(bigRows);
    const engines = implementations.filter((implementation) => implementation.engine);
    console.log(`\n--big: ${relative(ROOT, big.file)}, ${bigRows.toLocaleString('en')} rows, ${(big.meta.bytes / MB).toFixed(0)} MB (engines only; the peers need minutes and GBs here)`);
    const bigSummary = await runSuite(big.file, big.meta.bytes, engines, options, 1);
    saveReports(bigSummary, bigRows);
    problems.push(...checkAgreement(bigSummary, `${bigRows.toLocaleString('en')} rows`));
    for (const entry of bigSummary.filter((item) => !item.failure)) {
      const small = byId[entry.id];
      const growth = small ? entry.rssMB - small.rssMB : null;
      const line = `${entry.label}: ${entry.wall.toFixed(2)} s, ${entry.mbps.toFixed(0)} MB/s, peak RSS ${entry.rssMB.toFixed(0)} MB` +
        (small ? ` (vs ${small.rssMB.toFixed(0)} MB on ${options.rows.toLocaleString('en')} rows: +${growth.toFixed(0)} MB, ` +
          `${((growth * MB) / (bigRows - options.rows)).toFixed(1)} bytes per extra row)` : '') +
        (entry.engineSeconds ? `; in-process ${(big.meta.bytes / MB / entry.engineSeconds).toFixed(0)} MB/s` : '');
      bigLines.push(line);
    }
  }

  for (const line of lines) console.log(line);
  for (const line of bigLines) console.log(line);
  if (targets.length) {
    console.log('\ntargets:');
    for (const [name, value, pass] of targets) console.log(`  ${pass ? 'PASS' : 'MISS'}  ${name}: ${value}`);
  }

  // --- results.md
  const git = (args) => spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' }).stdout?.trim() ?? '';
  const commit = git(['rev-parse', '--short', 'HEAD']);
  const dirty = git(['status', '--porcelain', '--untracked-files=no', '--', 'core', 'wasm', 'tools', 'CMakeLists.txt']) ? ' plus uncommitted changes to the core' : '';
  const markdown = [
    `Measured ${new Date().toISOString().slice(0, 10)} on ${environment}, commit ${commit || 'unknown'}${dirty}.`,
    `File: ${meta.rows.toLocaleString('en')} tickets, ${(meta.bytes / MB).toFixed(1)} MB (bench/gen.mjs, seed ${meta.seed}, sha256 \`${meta.sha256.slice(0, 16)}…\`). ` +
      `Whole processes, median of ${options.repeat} round(s); peak RSS is the maximum resident set size.`,
    '',
    markdownTable(header, rows, align),
    '',
    ...lines.map((line) => `- ${line}`),
    ...bigLines.map((line) => `- 10× file: ${line}`),
    ...(targets.length ? ['', '| target | measured | |', '| --- | ---: | --- |', ...targets.map(([name, value, pass]) => `| ${name} | ${value} | ${pass ? 'PASS' : 'MISS'} |`)] : []),
    '',
    problems.length ? `**Figures did not agree** (${problems.length} problem line(s); see the run's output).` : 'All implementations computed the same figures.',
    '',
  ].join('\n');
  writeFileSync(join(OUT, 'results.md'), markdown);
  console.log(`\nwrote ${relative(ROOT, join(OUT, 'results.md'))}`);

  // Leftovers of interrupted runs.
  for (const name of readdirSync(OUT)) if (name.startsWith('.rss-')) unlinkSync(join(OUT, name));

  if (problems.length) {
    console.log(`\nFAIL: ${problems.length} problem line(s) above (figure mismatches or implementations that did not run)`);
    process.exitCode = 1;
  }
}

main().catch((problem) => {
  console.error(problem instanceof UsageError ? `bench: ${problem.message}` : problem.stack ?? problem);
  process.exitCode = 1;
});
