// The streaming file analysis session: bytes in (any chunking), one report out.
// Owns the CSV reader, the column mapping and the accumulators for one file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

#include <nlohmann/json.hpp>

namespace skpi::analysis {

class Session {
 public:
  /** options: the `kpi.analysis(options)` object of spec/api.md (kind, mapping, delimiter, decimal,
   *  encoding, date_order, time_zone, business_hours, period, compare_to, fcr_definition, csat_scale,
   *  service_level_seconds). Invalid options are reported by finish() as {ok:false, error}. */
  explicit Session(const nlohmann::json& options);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  /** Feeds the next chunk of the file; chunk boundaries may fall anywhere. */
  void feed(const std::uint8_t* data, std::size_t size);

  /** Ends the input and returns the report of spec/api.md (or {ok:false, error:{code, message, row?, column?}}). */
  nlohmann::json finish();

  /** Progress for the page: bytes fed so far and records read. */
  nlohmann::json progress() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace skpi::analysis
