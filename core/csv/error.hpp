// ReaderError: a file-level problem found by the CSV reader, as a value with a stable dotted code.
// The codes are part of the API: the page picks a translated message by code.
#pragma once

#include <cstdint>
#include <string>

namespace skpi::csv {

/// Stable codes. Fatal ones stop the reader (nothing more is delivered); the others are reported
/// and reading goes on.
namespace error_code {
inline constexpr const char* empty = "csv.empty";                         // fatal: no bytes, or only blank lines
inline constexpr const char* binary = "csv.binary";                       // fatal: NUL bytes or a known binary format (xlsx/zip, xls, pdf, gzip)
inline constexpr const char* not_text = "csv.not_text";                   // fatal: too many control characters to be text
inline constexpr const char* unterminated_quote = "csv.unterminated_quote"; // a quoted field runs to the end of the input
inline constexpr const char* record_too_large = "csv.record_too_large";   // a record exceeded max_record_bytes / max_fields; dropped, reading resumes on the next line
inline constexpr const char* bad_option = "csv.bad_option";               // an unknown encoding/delimiter name; "auto" was used instead
}  // namespace error_code

struct ReaderError {
  std::string code;       // one of error_code::*
  std::uint64_t row = 0;  // 1-based line number where the problem starts; 0 = the whole file
  std::string message;    // English, for logs and developers; the UI translates by code
};

}  // namespace skpi::csv
