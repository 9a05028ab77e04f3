// Peer: DuckDB-WASM (Node blocking bundle) + SQL. The file is registered by path (DuckDB reads it
// through Node's fs), loaded once with read_csv_auto, and the figures come from SQL aggregates
// (quantile_cont for medians, strftime('%G-W%V') for ISO weeks). Prints one JSON line.
//   node bench/run-duckdb.mjs FILE
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { normalise } from './figures.mjs';

const require = createRequire(import.meta.url);
const duckdb = require('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs');

const started = performance.now();
const dist = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs'));
const bundles = {
  mvp: { mainModule: resolve(dist, 'duckdb-mvp.wasm'), mainWorker: resolve(dist, 'duckdb-node-mvp.worker.cjs') },
  eh: { mainModule: resolve(dist, 'duckdb-eh.wasm'), mainWorker: resolve(dist, 'duckdb-node-eh.worker.cjs') },
};
const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
await db.instantiate();
db.registerFileURL('tickets.csv', resolve(process.argv[2]), duckdb.DuckDBDataProtocol.NODE_FS, false);
const connection = db.connect();

// Plain JS values from an Arrow result (counts arrive as BigInt).
function rows(sql) {
  return connection.query(sql).toArray().map((row) => {
    const plain = {};
    for (const [key, value] of Object.entries(row.toJSON())) plain[key] = typeof value === 'bigint' ? Number(value) : value;
    return plain;
  });
}

// read_csv_auto would type the `...Z` timestamps as TIMESTAMP WITH TIME ZONE, which needs the ICU
// extension: DuckDB-WASM then tries to fetch it and, offline, hangs. Naming the three columns
// TIMESTAMP (DuckDB reads the trailing Z as UTC) keeps everything else auto-detected.
connection.query(`
  CREATE TABLE tickets AS
  SELECT "Created at" AS created,
         epoch("First reply at") - epoch("Created at") AS first_response,
         epoch("Solved at") - epoch("Created at") AS resolution,
         "Status" AS status, "Via" AS channel, "Category" AS category, "Assignee" AS agent,
         "Satisfaction Score" AS rating, "Replies" AS replies
  FROM read_csv_auto('tickets.csv', header = true,
                     types = {'Created at': 'TIMESTAMP', 'First reply at': 'TIMESTAMP', 'Solved at': 'TIMESTAMP'})`);

const [totals] = rows(`
  SELECT count(*) AS rows,
         count(first_response) AS frt_n, avg(first_response) AS frt_mean,
         quantile_cont(first_response, 0.5) AS frt_median,
         count(resolution) AS res_n, avg(resolution) AS res_mean, quantile_cont(resolution, 0.5) AS res_median,
         count(*) FILTER (WHERE status IN ('solved', 'closed')) AS resolved,
         count(*) FILTER (WHERE status IN ('solved', 'closed') AND replies < 2) AS one_touch,
         count(*) FILTER (WHERE rating BETWEEN 1 AND 5) AS ratings,
         count(*) FILTER (WHERE rating BETWEEN 4 AND 5) AS satisfied
  FROM tickets`);
const counts = (sql) => Object.fromEntries(rows(sql).map((row) => [row.key, row.n]));
const agents = {};
for (const row of rows(`
  SELECT agent, count(*) AS handled, quantile_cont(first_response, 0.5) AS frt_median,
         count(*) FILTER (WHERE rating BETWEEN 1 AND 5) AS ratings,
         count(*) FILTER (WHERE rating BETWEEN 4 AND 5) AS satisfied
  FROM tickets WHERE agent IS NOT NULL AND agent <> '' GROUP BY agent`)) {
  agents[row.agent] = {
    handled: row.handled,
    first_response_median: row.frt_median ?? null,
    csat: row.ratings ? (row.satisfied / row.ratings) * 100 : null,
  };
}
const figures = normalise({
  rows: totals.rows,
  first_response: { n: totals.frt_n, mean: totals.frt_mean, median: totals.frt_median },
  resolution: { n: totals.res_n, mean: totals.res_mean, median: totals.res_median },
  fcr: { value: totals.resolved ? (totals.one_touch / totals.resolved) * 100 : null, n: totals.resolved },
  csat: { value: totals.ratings ? (totals.satisfied / totals.ratings) * 100 : null, n: totals.ratings },
  volume: {
    by_channel: counts('SELECT channel AS key, count(*) AS n FROM tickets GROUP BY 1'),
    by_category: counts('SELECT category AS key, count(*) AS n FROM tickets GROUP BY 1'),
    by_week: counts(`SELECT strftime(created, '%G-W%V') AS key, count(*) AS n FROM tickets GROUP BY 1`),
  },
  agents,
});
console.log(JSON.stringify({ figures, seconds: (performance.now() - started) / 1000, max_rss_kb: process.resourceUsage().maxRSS }));
connection.close();
await db.terminate?.();
