// Text encodings for the CSV reader: detection from a byte sample and streaming decoders that turn
// UTF-8 (checked), UTF-16LE/BE and the Windows code pages Excel writes in the product's locales
// (1252 Western, 1250 Central European / Romanian, 1254 Turkish, 1256 Arabic, 1257 Baltic) into UTF-8, whatever
// the chunk boundaries.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace skpi::csv {

enum class Encoding { utf8, utf16le, utf16be, windows1252, windows1254, windows1250, windows1256, windows1257 };

/** One of the single-byte Windows code pages. */
inline bool is_single_byte(Encoding encoding) {
  return encoding == Encoding::windows1252 || encoding == Encoding::windows1254 || encoding == Encoding::windows1250 ||
         encoding == Encoding::windows1256 || encoding == Encoding::windows1257;
}

/// Receives decoded UTF-8 text. A span is only valid during the call.
class SpanSink {
 public:
  virtual ~SpanSink() = default;
  virtual void on_span(const char* data, std::size_t size) = 0;
};

struct EncodingGuess {
  Encoding encoding = Encoding::utf8;
  std::size_t bom_length = 0;  // bytes to skip at the start of the input
  std::string name;            // "utf-8", "utf-8-bom", "utf-16le", "utf-16be", "windows-1252", "-1250", "-1254", "-1256", "-1257"
};

/** Guesses the encoding of a file from its first bytes. `complete` says the sample is the whole
 *  input (so a truncated UTF-8 sequence at its end is an error, not a chunk boundary).
 *  Order: BOM; BOM-less UTF-16 (NUL in every other byte); UTF-8 when the sample is valid UTF-8 or
 *  valid multi-byte sequences outnumber invalid bytes; else a Windows code page from the bytes above
 *  0x7F: 1257 when š ž Š Ž (1252: ð þ Ð Þ) start a word or follow a consonant ("Šmidt", "Tšekk") and
 *  Estonian, Latvian and Lithuanian letters make three quarters of them, 1256 when Arabic letters fill
 *  the block where Windows-1252 has capitals with accents, 1254 when the letters only Turkish
 *  uses (ğ ı ş Ğ İ Ş, which 1252 has as ð ý þ Ð Ý Þ) make a quarter of them, 1250 when Romanian's
 *  ş ţ (1252: º þ) with ă â î make half of them, else 1252. */
EncodingGuess detect_encoding(const std::uint8_t* data, std::size_t size, bool complete);

/** Parses an `encoding` option: "utf-8"/"utf8", "utf-16le", "utf-16be", "utf-16" (LE unless a BOM
 *  says BE), "windows-1252"/"cp1252"/"latin-1"/"latin1"/"iso-8859-1", "windows-1254"/"cp1254"/
 *  "iso-8859-9"/"latin-5" (Turkish), "windows-1250"/"cp1250" (Central European), "windows-1256"/"cp1256"
 *  (Arabic), "windows-1257"/"cp1257" (Baltic) (case-insensitive).
 *  "auto" and unknown names give nullopt. */
std::optional<Encoding> encoding_from_name(std::string_view name);

/** Length of the BOM of `encoding` at the start of data (0 if none or data too short). */
std::size_t bom_length_for(Encoding encoding, const std::uint8_t* data, std::size_t size);

/** Streaming decoder to UTF-8. The output is always valid UTF-8: in UTF-8 mode a byte that does not
 *  start a valid sequence is read as Windows-1252 (files that mix both exist); in UTF-16 mode a lone
 *  surrogate becomes U+FFFD. Valid UTF-8 input is passed through without copying. Memory is
 *  bounded: output is produced in slices of at most ~192 KiB. */
class Decoder {
 public:
  explicit Decoder(Encoding encoding = Encoding::utf8) : encoding_(encoding) {}

  void decode(const std::uint8_t* data, std::size_t size, SpanSink& out);
  /// End of input: flushes a sequence cut off at the end (as replacement text).
  void finish(SpanSink& out);

  Encoding encoding() const { return encoding_; }
  /// Input bytes or code units that were not valid in the declared encoding and were replaced.
  std::uint64_t replaced() const { return replaced_; }

 private:
  void decode_utf8(const std::uint8_t* p, const std::uint8_t* end, SpanSink& out);
  void decode_utf8_slow(const std::uint8_t* p, const std::uint8_t* end, SpanSink& out);
  void decode_single_byte(const std::uint8_t* p, const std::uint8_t* end, SpanSink& out);  // the Windows code pages
  void decode_utf16(const std::uint8_t* p, const std::uint8_t* end, SpanSink& out);
  void put_code_point(std::uint32_t code_point);
  void flush(SpanSink& out);

  Encoding encoding_;
  std::string buffer_;            // transcoded output waiting to be handed on
  std::uint8_t pending_[4] = {};  // bytes of a sequence / code unit cut by a chunk boundary
  std::size_t pending_size_ = 0;
  std::uint16_t high_surrogate_ = 0;  // UTF-16: a high surrogate waiting for its low half
  std::uint64_t replaced_ = 0;
};

namespace detail {
/// Length (1-4) of the valid UTF-8 sequence at p, 0 if invalid, -1 if valid so far but cut by end.
int utf8_sequence_length(const std::uint8_t* p, const std::uint8_t* end);
/// Windows-1252 byte to Unicode (undefined bytes 0x81 0x8D 0x8F 0x90 0x9D map to the C1 controls, as Latin-1).
std::uint32_t windows1252_code_point(std::uint8_t byte);
/// Windows-1254 (Turkish) byte to Unicode: Windows-1252 but for Ğ İ Ş ğ ı ş at 0xD0 0xDD 0xDE 0xF0 0xFD 0xFE
/// (0x8E 0x9E, undefined there, map to the C1 controls).
std::uint32_t windows1254_code_point(std::uint8_t byte);
/// Windows-1250 (Central European, Romanian), Windows-1256 (Arabic) and Windows-1257 (Baltic) bytes to Unicode.
std::uint32_t windows1250_code_point(std::uint8_t byte);
std::uint32_t windows1256_code_point(std::uint8_t byte);
std::uint32_t windows1257_code_point(std::uint8_t byte);
/// Appends the UTF-8 encoding of code_point; returns the number of bytes (1-4).
std::size_t encode_utf8(std::uint32_t code_point, char* out);
}  // namespace detail

}  // namespace skpi::csv
