// Peer: PapaParse + plain JS, streaming: the file is piped from fs.createReadStream into
// Papa.parse and every parsed chunk of rows is aggregated as it arrives. Prints one JSON line.
//   node bench/run-papaparse.mjs FILE
import { createReadStream } from 'node:fs';
import Papa from 'papaparse';
import { TicketFigures, columnIndexes } from './figures.mjs';

const started = performance.now();
let figures = null;
Papa.parse(createReadStream(process.argv[2], { encoding: 'utf8', highWaterMark: 1 << 20 }), {
  header: false,
  skipEmptyLines: true,
  chunk(results) {
    let first = 0;
    if (!figures) {
      figures = new TicketFigures(columnIndexes(results.data[0]));
      first = 1;
    }
    const rows = results.data;
    for (let index = first; index < rows.length; index += 1) figures.add(rows[index]);
  },
  complete() {
    console.log(JSON.stringify({
      figures: figures.figures(),
      seconds: (performance.now() - started) / 1000,
      max_rss_kb: process.resourceUsage().maxRSS,
    }));
  },
  error(problem) {
    console.error(problem);
    process.exit(1);
  },
});
