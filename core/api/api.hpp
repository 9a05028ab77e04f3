// The core's whole public surface as JSON text in, JSON text out: what wasm/bindings.cpp exposes.
// Every function here returns a JSON envelope and never throws for bad input.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace skpi::analysis {
class Session;
}

namespace skpi::api {

std::string version();

/** The metric catalogue (spec/api.md `catalogue()`), as JSON text. */
std::string catalogue_json();

/** `compute(request)`: result or {ok:false, error:{code, field, message}}. Malformed JSON is request.invalid_json. */
std::string compute_json(const std::string& request_json);

/** `compare(request)`: {ok, a, b, change, significant, p_value} or an error envelope. */
std::string compare_json(const std::string& request_json);

/** Wraps an analysis session for the binding: a byte buffer in linear memory that JS fills with one
 *  memcpy (HEAPU8.set) before calling consume(), so chunks never cross Embind as strings. */
class Analysis {
 public:
  explicit Analysis(const std::string& options_json);
  ~Analysis();

  /** Makes room for `size` bytes and returns their address in linear memory. */
  std::uintptr_t buffer(std::size_t size);
  /** Feeds the first `size` bytes of the buffer. */
  void consume(std::size_t size);
  std::string progress_json() const;
  /** Ends the input; returns the report. Later calls return the same report. */
  std::string finish_json();

 private:
  std::unique_ptr<std::uint8_t[]> buffer_;
  std::size_t buffer_size_ = 0;
  std::unique_ptr<analysis::Session> session_;
  std::string options_error_;
  std::string report_;
};

/** `analyze(bytes, options)` in one call, for small inputs and tests. */
std::string analyze_json(const std::string& bytes, const std::string& options_json);

}  // namespace skpi::api
