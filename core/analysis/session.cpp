#include "core/analysis/session.hpp"

// Interim body so the API layer links while the streaming engine is being written in this folder.
namespace skpi::analysis {

struct Session::State {
  std::uint64_t bytes = 0;
};

Session::Session(const nlohmann::json&) : state_(std::make_unique<State>()) {}
Session::~Session() = default;
void Session::feed(const std::uint8_t*, std::size_t size) { state_->bytes += size; }
nlohmann::json Session::finish() {
  return {{"ok", false}, {"error", {{"code", "analysis.unavailable"}, {"message", "File analysis is not built yet."}}}};
}
nlohmann::json Session::progress() const { return {{"bytes", state_->bytes}, {"records", 0}}; }

}  // namespace skpi::analysis
