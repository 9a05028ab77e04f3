#include "core/api/api.hpp"

#include <nlohmann/json.hpp>

#include "core/analysis/session.hpp"
#include "core/metrics/compute.hpp"

namespace skpi::api {
namespace {

using nlohmann::json;

std::string error_envelope(const std::string& code, const std::string& message, const std::string& field = "") {
  return json{{"ok", false}, {"error", {{"code", code}, {"field", field}, {"message", message}}}}.dump();
}

// JSON text → value, or an error envelope naming where the text stopped making sense.
bool parse(const std::string& text, json& out, std::string& error) {
  try {
    out = json::parse(text);
    return true;
  } catch (const json::parse_error& problem) {
    error = error_envelope("request.invalid_json", std::string("The request is not valid JSON: ") + problem.what());
    return false;
  }
}

// Results may carry text from user input (component names, file contents); invalid UTF-8 there must
// not make dump() throw, so it is replaced rather than refused.
std::string dump(const json& value) { return value.dump(-1, ' ', false, json::error_handler_t::replace); }

}  // namespace

std::string version() { return SKPI_VERSION; }

std::string catalogue_json() {
  static const std::string text = dump(metrics::catalogue());
  return text;
}

std::string compute_json(const std::string& request_json) {
  json request;
  std::string error;
  if (!parse(request_json, request, error)) return error;
  return dump(metrics::to_json(metrics::compute(request)));
}

std::string compare_json(const std::string& request_json) {
  json request;
  std::string error;
  if (!parse(request_json, request, error)) return error;
  return dump(metrics::compare(request));
}

Analysis::Analysis(const std::string& options_json) {
  json options = json::object();
  if (!options_json.empty()) {
    if (!parse(options_json, options, options_error_)) {
      options = json::object();
    }
  }
  session_ = std::make_unique<analysis::Session>(options);
}

Analysis::~Analysis() = default;

std::uintptr_t Analysis::buffer(std::size_t size) {
  // Not value-initialised: the caller overwrites it, and zeroing a first 1 MiB chunk byte by byte
  // is measurable while the engine still runs baseline (Liftoff) code.
  if (buffer_size_ < size) {
    buffer_.reset(new std::uint8_t[size]);
    buffer_size_ = size;
  }
  return reinterpret_cast<std::uintptr_t>(buffer_.get());
}

void Analysis::consume(std::size_t size) {
  if (report_.empty() && options_error_.empty()) session_->feed(buffer_.get(), std::min(size, buffer_size_));
}

std::string Analysis::progress_json() const { return dump(session_->progress()); }

std::string Analysis::finish_json() {
  if (!options_error_.empty()) return options_error_;
  if (report_.empty()) report_ = dump(session_->finish());
  return report_;
}

std::string analyze_json(const std::string& bytes, const std::string& options_json) {
  Analysis analysis(options_json);
  const std::size_t chunk = 1 << 20;
  for (std::size_t offset = 0; offset < bytes.size(); offset += chunk) {
    const std::size_t size = std::min(chunk, bytes.size() - offset);
    std::copy_n(bytes.data() + offset, size, reinterpret_cast<std::uint8_t*>(analysis.buffer(size)));
    analysis.consume(size);
  }
  return analysis.finish_json();
}

}  // namespace skpi::api
