// Our engine as WebAssembly under Node: streams the file into kpi.analysis() in chunks read with
// fs.readSync into one reused buffer, the way a worker reads a File with FileReaderSync slices
// (bounded memory, no event-loop round trip and no new Buffer per chunk; createReadStream spent
// 40-110 ms of a run waiting between chunks). Prints one JSON line with the figures, the time
// spent inside feed()+finish() (the in-process throughput, without module load and file reading)
// and the report itself.
//   node bench/run-wasm.mjs FILE [CHUNK_BYTES] [--warm]
// --warm analyses the file twice in the one process and also reports the second pass
// (warm_engine_seconds): the engine once V8 has optimised its code, as in the page's worker after
// its first file. The first pass includes V8's start-up work: Liftoff code until the hot
// functions are recompiled by TurboFan in the background.
import { closeSync, openSync, readSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { figuresFromReport } from './figures.mjs';

const started = performance.now();
const distModule = process.env.SKPI_DIST_MODULE ?? fileURLToPath(new URL('../dist/servicekpi.mjs', import.meta.url));
const { load } = await import(pathToFileURL(distModule).href);
const kpi = await load();
const loaded = performance.now();

const file = process.argv[2];
const chunkBytes = Number(process.argv[3] ?? 1 << 20);
const warm = process.argv.includes('--warm');

function pass() {
  const session = kpi.analysis({ kind: 'auto' });
  let engineMs = 0;
  let firstFeedMs = null; // V8 compiles the wasm functions on their first call: a one-off cost per process
  let bytes = 0;
  const loopStarted = performance.now();
  const fd = openSync(file, 'r');
  const buffer = new Uint8Array(chunkBytes);
  for (;;) {
    const got = readSync(fd, buffer, 0, chunkBytes, null);
    if (got === 0) break;
    const before = performance.now();
    session.feed(got === chunkBytes ? buffer : buffer.subarray(0, got));
    const spent = performance.now() - before;
    firstFeedMs ??= spent;
    engineMs += spent;
    bytes += got;
  }
  closeSync(fd);
  const loopMs = performance.now() - loopStarted;
  const beforeFinish = performance.now();
  const report = session.finish();
  const finishMs = performance.now() - beforeFinish;
  engineMs += finishMs;
  session.delete();
  return { report, bytes, engineMs, finishMs, firstFeedMs, readMs: loopMs - (engineMs - finishMs) };
}

const first = pass();
const seconds = (performance.now() - started) / 1000;
const maxRssKB = process.resourceUsage().maxRSS;
const second = warm ? pass() : null;

const { figures, notes } = figuresFromReport(first.report);
console.log(JSON.stringify({
  figures,
  notes,
  seconds,
  load_seconds: (loaded - started) / 1000,
  engine_seconds: first.engineMs / 1000,
  finish_seconds: first.finishMs / 1000,
  first_feed_seconds: first.firstFeedMs / 1000,
  read_seconds: first.readMs / 1000, // reading the file between feeds
  ...(second ? { warm_engine_seconds: second.engineMs / 1000, warm_finish_seconds: second.finishMs / 1000 } : {}),
  bytes: first.bytes,
  max_rss_kb: maxRssKB,
  report: first.report,
}));
