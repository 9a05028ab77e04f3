// ServiceKPI public JavaScript API (spec/api.md). scripts/bundle.mjs joins this file with the
// Emscripten glue (which defines createServiceKpiCore) into dist/servicekpi.mjs (ES module) and
// dist/servicekpi.js (classic script, global ServiceKPI). It is the only JS that touches the wasm
// module: the page, the worker, the widget and the Node tests all go through it.
/* global createServiceKpiCore, instantiateBundledWasm */

const ServiceKPI = (() => {
  'use strict';

  let loading = null;

  // JSON cannot carry NaN or ±Infinity (JSON.stringify turns them into null, which would read as
  // "not given"); the core recognises these strings and reports the field as not finite.
  function encode(value) {
    return JSON.stringify(value === undefined ? null : value, (key, item) => {
      if (typeof item === 'number' && !Number.isFinite(item)) {
        return Number.isNaN(item) ? 'NaN' : item > 0 ? 'Infinity' : '-Infinity';
      }
      if (typeof item === 'bigint') return Number(item);
      return item;
    });
  }

  function failure(code, message, field = '') {
    return { ok: false, error: { code, field, message } };
  }

  // Every API call returns a value; a request that cannot even be serialised is a request error.
  function call(method, request) {
    let text;
    try {
      text = encode(request);
    } catch (problem) {
      return failure('request.invalid', `The request cannot be turned into JSON: ${problem.message}`);
    }
    return JSON.parse(method(text));
  }

  function toBytes(chunk) {
    if (chunk instanceof Uint8Array) return chunk;
    if (chunk instanceof ArrayBuffer) return new Uint8Array(chunk);
    if (ArrayBuffer.isView(chunk)) return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (typeof chunk === 'string') return new TextEncoder().encode(chunk);
    throw new TypeError('feed() takes a Uint8Array, an ArrayBuffer, a typed array or a string');
  }

  // Large chunks are copied into wasm memory in slices so the core's input buffer stays small.
  const SLICE_BYTES = 4 << 20;

  function wrap(core) {
    // Built on first use, not at load: a file-analysis worker never needs it, and building it runs
    // enough code for V8 to queue that code for optimisation ahead of the file's hot loop.
    let catalogueText = null;

    function analysis(options = {}) {
      let handle = new core.Analysis(encode(options ?? {}));
      let report = null;
      return {
        feed(chunk) {
          if (!handle) throw new Error('This analysis session was deleted');
          if (report) throw new Error('This analysis session is finished');
          const bytes = toBytes(chunk);
          for (let offset = 0; offset < bytes.length; offset += SLICE_BYTES) {
            const slice = bytes.subarray(offset, Math.min(bytes.length, offset + SLICE_BYTES));
            const address = handle.buffer(slice.length);
            // Read HEAPU8 after buffer(): growing the memory replaces the view.
            if (address) core.HEAPU8.set(slice, address);
            handle.consume(slice.length);
          }
        },
        progress() {
          return handle ? JSON.parse(handle.progress()) : null;
        },
        finish() {
          if (!handle) throw new Error('This analysis session was deleted');
          if (!report) report = JSON.parse(handle.finish());
          return report;
        },
        delete() {
          if (handle) handle.delete();
          handle = null;
        },
      };
    }

    return Object.freeze({
      version: core.version(),
      catalogue: () => JSON.parse(catalogueText ??= core.catalogue()),
      compute: (request) => call(core.compute, request),
      compare: (request) => call(core.compare, request),
      analysis,
      analyze(input, options = {}) {
        const session = analysis(options);
        try {
          session.feed(input);
          return session.finish();
        } finally {
          session.delete();
        }
      },
    });
  }

  // The wasm comes from where the caller says (a compiled WebAssembly.Module, e.g. one posted to a
  // worker, or the bytes), else from where scripts/bundle.mjs put it: beside dist/servicekpi.mjs
  // (streamed and compiled as it arrives; browsers cache the compiled code), or inline in
  // dist/servicekpi.js (one file that also works from file://).
  async function instantiate(options, imports) {
    if (options.wasmModule instanceof WebAssembly.Module) {
      return { instance: await WebAssembly.instantiate(options.wasmModule, imports), module: options.wasmModule };
    }
    if (options.wasmBinary) return WebAssembly.instantiate(options.wasmBinary, imports);
    return instantiateBundledWasm(imports);
  }

  /** Loads the wasm core once; later calls return the same promise. The options go to the
   *  Emscripten factory; `wasmModule` or `wasmBinary` give the wasm instead of loading it. */
  function load(moduleOptions = {}) {
    if (!loading) {
      loading = new Promise((resolve, reject) => {
        const options = { ...moduleOptions };
        options.instantiateWasm ??= (imports, receiveInstance) => {
          instantiate(options, imports).then(({ instance, module }) => receiveInstance(instance, module), reject);
          return {}; // the exports arrive later, through receiveInstance
        };
        createServiceKpiCore(options).then(resolve, reject);
      }).then(wrap);
      loading.catch(() => {
        loading = null;
      });
    }
    return loading;
  }

  return { load };
})();
