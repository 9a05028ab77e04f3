// Helpers for the Analysis* tests: a Session run over bytes in chunks of a given size, fixture
// files read whole, figures read by JSON pointer, and warnings looked up by a part of their text.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "core/analysis/session.hpp"

namespace skpi::analysis::testing {

/** The report of `bytes` fed in chunks of `chunk` bytes (0: all at once). */
inline nlohmann::json analyze_text(const std::string& bytes, const nlohmann::json& options = nlohmann::json::object(),
                                   std::size_t chunk = 0) {
  Session session(options);
  if (chunk == 0) chunk = bytes.empty() ? 1 : bytes.size();
  for (std::size_t offset = 0; offset < bytes.size(); offset += chunk)
    session.feed(reinterpret_cast<const std::uint8_t*>(bytes.data() + offset), std::min(chunk, bytes.size() - offset));
  return session.finish();
}

/** A file under tests/fixtures/ ("vendors/zendesk_tickets.csv"), whole; a failed expectation when absent. */
inline std::string read_fixture(const std::string& path) {
  const std::string full = SKPI_SOURCE_DIR "/tests/fixtures/" + path;
  std::ifstream in(full, std::ios::binary);
  EXPECT_TRUE(in.good()) << "missing fixture " << full;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

/** The report of a fixture file ("vendors/zendesk_tickets.csv"), fed in chunks of `chunk` bytes (0: at once). */
inline nlohmann::json analyze_fixture(const std::string& path, std::size_t chunk = 0,
                                      const nlohmann::json& options = nlohmann::json::object()) {
  return analyze_text(read_fixture(path), options, chunk);
}

/** Two reports' figures equal: whole numbers and everything else exactly, other numbers up to
 *  floating-point rounding (merged accumulators add in another order). */
inline void expect_same(const nlohmann::json& a, const nlohmann::json& b, const std::string& path = "") {
  if (a.is_number() && b.is_number() && !(a.is_number_integer() && b.is_number_integer())) {
    const double x = a.get<double>(), y = b.get<double>();
    EXPECT_NEAR(x, y, 1e-9 * std::max(1.0, std::fabs(x))) << path;
    return;
  }
  ASSERT_EQ(a.type(), b.type()) << path;
  if (a.is_object()) {
    ASSERT_EQ(a.size(), b.size()) << path;
    for (const auto& [key, item] : a.items()) {
      ASSERT_TRUE(b.contains(key)) << path << "/" << key;
      expect_same(item, b[key], path + "/" + key);
    }
  } else if (a.is_array()) {
    ASSERT_EQ(a.size(), b.size()) << path;
    for (std::size_t i = 0; i < a.size(); ++i) expect_same(a[i], b[i], path + "/" + std::to_string(i));
  } else {
    EXPECT_EQ(a, b) << path;
  }
}

/** The number at a JSON pointer of the report ("/metrics/fcr/value"). */
inline double at(const nlohmann::json& report, const std::string& pointer) {
  return report.at(nlohmann::json::json_pointer(pointer)).get<double>();
}

/** Whether a warning's message contains `part`. */
inline bool has_warning(const nlohmann::json& report, const std::string& part) {
  for (const nlohmann::json& warning : report["warnings"]) {
    if (warning["message"].get<std::string>().find(part) != std::string::npos) return true;
  }
  return false;
}

}  // namespace skpi::analysis::testing
