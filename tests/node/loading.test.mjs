// How the wasm reaches the core: dist/servicekpi.mjs reads servicekpi.wasm from beside itself,
// dist/servicekpi.js carries it inline, and load() also takes a compiled module (a worker gets one
// posted) or the bytes. load() is memoised per process, so each case runs in a child process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('../../dist/', import.meta.url));
const nps = "compute({ metric: 'nps', inputs: { promoters: 70, passives: 20, detractors: 10 } }).value";

function run(source, type = 'module') {
  return execFileSync(process.execPath, [`--input-type=${type}`, '-e', source], { cwd: dist, encoding: 'utf8' }).trim();
}

test('the ES module loads the wasm file beside it', () => {
  assert.equal(run(`import { load } from './servicekpi.mjs'; console.log((await load()).${nps});`), '60');
});

test('the classic script carries the wasm inline and needs no file beside it', () => {
  const folder = mkdtempSync(join(tmpdir(), 'skpi-classic-'));
  try {
    copyFileSync(join(dist, 'servicekpi.js'), join(folder, 'servicekpi.js'));
    const script = `require(${JSON.stringify(join(folder, 'servicekpi.js'))}); ServiceKPI.load().then((kpi) => console.log(kpi.${nps}));`;
    assert.equal(run(script, 'commonjs'), '60');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('load() takes a compiled WebAssembly.Module or the bytes', () => {
  const module = `import { load } from './servicekpi.mjs'; import { readFileSync } from 'node:fs';
    const bytes = readFileSync('servicekpi.wasm');`;
  assert.equal(run(`${module} console.log((await load({ wasmModule: await WebAssembly.compile(bytes) })).${nps});`), '60');
  assert.equal(run(`${module} console.log((await load({ wasmBinary: bytes })).${nps});`), '60');
});

test('a wasm that cannot be instantiated rejects load(), and a later load() starts again', () => {
  const output = run(`import { load } from './servicekpi.mjs';
    try { await load({ wasmBinary: new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 99]) }); console.log('loaded'); }
    catch (problem) { console.log(problem instanceof Error ? 'rejected' : 'odd rejection'); }
    console.log((await load()).${nps});`);
  assert.deepEqual(output.split('\n'), ['rejected', '60']);
});

test('the ES module is small: the wasm is not inlined into it', () => {
  const size = readFileSync(join(dist, 'servicekpi.mjs')).length;
  assert.ok(size < 200_000, `servicekpi.mjs is ${size} bytes`);
  assert.equal(readFileSync(join(dist, 'servicekpi.wasm')).subarray(0, 4).toString('latin1'), '\0asm');
});
