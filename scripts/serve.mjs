#!/usr/bin/env node
// A static file server for dist/ on 127.0.0.1, for development and tests. The product itself needs no
// server logic: dist/ can be copied to any static host under any path prefix.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8', '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.csv': 'text/csv; charset=utf-8', '.txt': 'text/plain; charset=utf-8',
};

export function serve(root, port = 8080, { quiet = false, host = '127.0.0.1' } = {}) {
  const base = resolve(root);
  const server = createServer(async (request, response) => {
    try {
      const path = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
      let file = normalize(join(base, path));
      if (!file.startsWith(base)) throw Object.assign(new Error('outside'), { code: 'ENOENT' });
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      response.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' });
      response.end(body);
    } catch (problem) {
      response.writeHead(problem.code === 'ENOENT' || problem.code === 'ENOTDIR' ? 404 : 500, { 'Content-Type': 'text/plain' });
      response.end('not found');
    }
  });
  return new Promise((resolvePromise, reject) => {
    const attempt = (candidate, triesLeft) => {
      server.once('error', (problem) => {
        if (problem.code === 'EADDRINUSE' && triesLeft > 0) attempt(candidate + 1, triesLeft - 1);
        else reject(problem);
      });
      server.listen(candidate, host, () => {
        const url = `http://${host}:${server.address().port}/`;
        if (!quiet) console.log(`ServiceKPI is served at ${url}  (Ctrl+C to stop)`);
        resolvePromise({ server, url });
      });
    };
    attempt(port, port === 0 ? 0 : 20);
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await serve(process.argv[2] ?? 'dist', Number(process.argv[3] ?? 8080));
}
