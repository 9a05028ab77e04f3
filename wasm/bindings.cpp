// The only file that includes Emscripten headers: it names every JS-visible function and class of the
// core. Each entry point catches everything, so no C++ exception (a bare number in JS) ever escapes.
#include <emscripten/bind.h>

#include <new>
#include <string>

#include "core/api/api.hpp"

namespace {

const char* const out_of_memory_error = "{\"ok\":false,\"error\":{\"code\":\"internal.out_of_memory\",\"field\":\"\",\"message\":\"The calculator ran out of memory.\"}}";

std::string internal_error(const char* what) {
  std::string message = "Internal error in the calculator core";
  if (what && *what) message += std::string(": ") + what;
  std::string escaped;
  for (char c : message) {
    if (c == '"' || c == '\\') escaped += '\\';
    if (static_cast<unsigned char>(c) >= 0x20) escaped += c;
  }
  return "{\"ok\":false,\"error\":{\"code\":\"internal\",\"field\":\"\",\"message\":\"" + escaped + "\"}}";
}

template <typename Call>
std::string guarded(Call&& call) {
  try {
    return call();
  } catch (const std::bad_alloc&) {
    return out_of_memory_error;
  } catch (const std::exception& problem) {
    return internal_error(problem.what());
  } catch (...) {
    return internal_error("");
  }
}

std::string version() { return skpi::api::version(); }
std::string catalogue() { return guarded([] { return skpi::api::catalogue_json(); }); }
std::string compute(const std::string& request) { return guarded([&] { return skpi::api::compute_json(request); }); }
std::string compare(const std::string& request) { return guarded([&] { return skpi::api::compare_json(request); }); }

// The session object JS holds. Its methods swallow exceptions too; a failure inside feed is kept and
// reported by finish, since feed returns nothing.
class AnalysisHandle {
 public:
  explicit AnalysisHandle(const std::string& options) {
    failure_ = guarded([&] {
      analysis_ = std::make_unique<skpi::api::Analysis>(options);
      return std::string();
    });
  }
  double buffer(double size) {
    if (!analysis_ || !failure_.empty()) return 0;
    try {
      return static_cast<double>(analysis_->buffer(static_cast<std::size_t>(size)));
    } catch (...) {
      failure_ = out_of_memory_error;
      return 0;
    }
  }
  void consume(double size) {
    if (!analysis_ || !failure_.empty()) return;
    failure_ = guarded([&] {
      analysis_->consume(static_cast<std::size_t>(size));
      return std::string();
    });
  }
  std::string progress() const {
    if (!analysis_) return "{}";
    return guarded([&] { return analysis_->progress_json(); });
  }
  std::string finish() {
    if (!failure_.empty()) return failure_;
    return guarded([&] { return analysis_->finish_json(); });
  }

 private:
  std::unique_ptr<skpi::api::Analysis> analysis_;
  std::string failure_;
};

}  // namespace

EMSCRIPTEN_BINDINGS(servicekpi) {
  emscripten::function("version", &version);
  emscripten::function("catalogue", &catalogue);
  emscripten::function("compute", &compute);
  emscripten::function("compare", &compare);
  emscripten::class_<AnalysisHandle>("Analysis")
      .constructor<const std::string&>()
      .function("buffer", &AnalysisHandle::buffer)
      .function("consume", &AnalysisHandle::consume)
      .function("progress", &AnalysisHandle::progress)
      .function("finish", &AnalysisHandle::finish);
}
