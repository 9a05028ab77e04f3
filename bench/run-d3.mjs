// Peer: d3-dsv + plain JS. Reads the whole file as text and aggregates in csvParseRows' row
// callback (returning null keeps d3 from building an array of every row). Prints one JSON line.
//   node bench/run-d3.mjs FILE
import { readFileSync } from 'node:fs';
import { csvParseRows } from 'd3-dsv';
import { TicketFigures, columnIndexes } from './figures.mjs';

const started = performance.now();
const text = readFileSync(process.argv[2], 'utf8');
let figures = null;
csvParseRows(text, (row, index) => {
  if (index === 0) figures = new TicketFigures(columnIndexes(row));
  else figures.add(row);
  return null;
});
const result = figures.figures();
console.log(JSON.stringify({
  figures: result,
  seconds: (performance.now() - started) / 1000,
  max_rss_kb: process.resourceUsage().maxRSS,
}));
