#include "core/csv/encoding.hpp"

#include <algorithm>
#include <cstring>

namespace skpi::csv {
namespace {

// Transcoded output is handed on once it reaches this size, so the buffer stays small however
// large the caller's chunk is.
constexpr std::size_t flush_threshold = 64 * 1024;
constexpr std::uint64_t high_bits = 0x8080808080808080ULL;

bool all_ascii8(const std::uint8_t* p) {
  std::uint64_t word;
  std::memcpy(&word, p, 8);
  return (word & high_bits) == 0;
}

// Skips ASCII 16 bytes at a time (one branch per two words), then 8.
const std::uint8_t* skip_ascii(const std::uint8_t* p, const std::uint8_t* end) {
  while (end - p >= 16) {
    std::uint64_t a, b;
    std::memcpy(&a, p, 8);
    std::memcpy(&b, p + 8, 8);
    if (((a | b) & high_bits) != 0) break;
    p += 16;
  }
  while (end - p >= 8 && all_ascii8(p)) p += 8;
  while (p < end && *p < 0x80) ++p;
  return p;
}

char lower_ascii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

namespace detail {

int utf8_sequence_length(const std::uint8_t* p, const std::uint8_t* end) {
  const std::uint8_t lead = p[0];
  if (lead < 0x80) return 1;
  int length;
  std::uint8_t second_min = 0x80, second_max = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) second_min = 0xA0;       // overlong
    else if (lead == 0xED) second_max = 0x9F;  // UTF-16 surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) second_min = 0x90;       // overlong
    else if (lead == 0xF4) second_max = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  const std::ptrdiff_t available = end - p;
  for (int i = 1; i < length; ++i) {
    if (i >= available) return -1;
    const std::uint8_t lo = (i == 1) ? second_min : 0x80;
    const std::uint8_t hi = (i == 1) ? second_max : 0xBF;
    if (p[i] < lo || p[i] > hi) return 0;
  }
  return length;
}

std::uint32_t windows1252_code_point(std::uint8_t byte) {
  static constexpr std::uint16_t c1[32] = {
      0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
      0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
      0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};
  if (byte >= 0x80 && byte < 0xA0) return c1[byte - 0x80];
  return byte;
}

std::uint32_t windows1254_code_point(std::uint8_t byte) {
  switch (byte) {
    case 0x8E: return 0x008E;
    case 0x9E: return 0x009E;
    case 0xD0: return 0x011E;  // Ğ
    case 0xDD: return 0x0130;  // İ
    case 0xDE: return 0x015E;  // Ş
    case 0xF0: return 0x011F;  // ğ
    case 0xFD: return 0x0131;  // ı
    case 0xFE: return 0x015F;  // ş
    default: return windows1252_code_point(byte);
  }
}

std::size_t encode_utf8(std::uint32_t cp, char* out) {
  if (cp < 0x80) {
    out[0] = static_cast<char>(cp);
    return 1;
  }
  if (cp < 0x800) {
    out[0] = static_cast<char>(0xC0 | (cp >> 6));
    out[1] = static_cast<char>(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = static_cast<char>(0xE0 | (cp >> 12));
    out[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out[2] = static_cast<char>(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = static_cast<char>(0xF0 | (cp >> 18));
  out[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
  out[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
  out[3] = static_cast<char>(0x80 | (cp & 0x3F));
  return 4;
}

}  // namespace detail

EncodingGuess detect_encoding(const std::uint8_t* data, std::size_t size, bool complete) {
  if (size >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF) return {Encoding::utf8, 3, "utf-8-bom"};
  if (size >= 2 && data[0] == 0xFF && data[1] == 0xFE) return {Encoding::utf16le, 2, "utf-16le"};
  if (size >= 2 && data[0] == 0xFE && data[1] == 0xFF) return {Encoding::utf16be, 2, "utf-16be"};

  // Without a BOM, UTF-16 text of mostly ASCII has a NUL in every other byte.
  const std::size_t pairs = std::min<std::size_t>(size, 4096) / 2;
  if (pairs >= 2) {
    std::size_t even_zero = 0, odd_zero = 0;
    for (std::size_t i = 0; i < pairs; ++i) {
      even_zero += data[2 * i] == 0;
      odd_zero += data[2 * i + 1] == 0;
    }
    if (odd_zero * 10 >= pairs * 4 && even_zero * 20 <= pairs) return {Encoding::utf16le, 0, "utf-16le"};
    if (even_zero * 10 >= pairs * 4 && odd_zero * 20 <= pairs) return {Encoding::utf16be, 0, "utf-16be"};
  }

  std::size_t multibyte = 0, invalid = 0;
  const std::uint8_t* p = data;
  const std::uint8_t* end = data + size;
  while (p < end) {
    if (end - p >= 8 && all_ascii8(p)) {
      p += 8;
      continue;
    }
    const int length = detail::utf8_sequence_length(p, end);
    if (length > 0) {
      multibyte += length > 1;
      p += length;
    } else if (length == 0) {
      ++invalid;
      ++p;
    } else {
      invalid += complete;  // a sequence cut by the end of the sample is only wrong at the end of the file
      break;
    }
  }
  // Latin-1 text almost never forms valid multi-byte UTF-8 by accident, so a majority of valid
  // sequences means a UTF-8 file with a few stray bytes, which the UTF-8 decoder repairs one by one.
  if (invalid == 0 || multibyte > invalid) return {Encoding::utf8, 0, "utf-8"};
  // A single-byte code page. Turkish Excel writes Windows-1254, which differs from Windows-1252 only
  // in six letters: ğ ı ş Ğ İ Ş where Windows-1252 has the Icelandic ð ý þ Ð Ý Þ. Turkish text uses
  // them constantly ("Oluşturulma", "Müşteri", "Çözüldü" aside), other languages of Windows-1252
  // hardly ever, so a quarter of the high bytes being these six decides.
  std::size_t high = 0, turkish = 0;
  for (std::size_t i = 0; i < size; ++i) {
    const std::uint8_t byte = data[i];
    if (byte < 0x80) continue;
    ++high;
    turkish += byte == 0xD0 || byte == 0xDD || byte == 0xDE || byte == 0xF0 || byte == 0xFD || byte == 0xFE;
  }
  if (turkish >= 2 && turkish * 4 >= high) return {Encoding::windows1254, 0, "windows-1254"};
  return {Encoding::windows1252, 0, "windows-1252"};
}

std::optional<Encoding> encoding_from_name(std::string_view name) {
  std::string n;
  for (const char c : name) {
    if (c != ' ' && c != '_') n.push_back(lower_ascii(c));
  }
  if (n == "utf-8" || n == "utf8" || n == "utf-8-bom") return Encoding::utf8;
  if (n == "utf-16le" || n == "utf16le" || n == "utf-16" || n == "utf16" || n == "ucs-2") return Encoding::utf16le;
  if (n == "utf-16be" || n == "utf16be") return Encoding::utf16be;
  if (n == "windows-1252" || n == "cp1252" || n == "windows1252" || n == "latin-1" || n == "latin1" ||
      n == "iso-8859-1" || n == "iso8859-1" || n == "iso-8859-15")
    return Encoding::windows1252;
  if (n == "windows-1254" || n == "cp1254" || n == "windows1254" || n == "iso-8859-9" || n == "latin-5" || n == "latin5")
    return Encoding::windows1254;
  return std::nullopt;
}

std::size_t bom_length_for(Encoding encoding, const std::uint8_t* data, std::size_t size) {
  switch (encoding) {
    case Encoding::utf8:
      return (size >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF) ? 3 : 0;
    case Encoding::utf16le:
      return (size >= 2 && data[0] == 0xFF && data[1] == 0xFE) ? 2 : 0;
    case Encoding::utf16be:
      return (size >= 2 && data[0] == 0xFE && data[1] == 0xFF) ? 2 : 0;
    case Encoding::windows1252:
    case Encoding::windows1254:
      return 0;
  }
  return 0;
}

void Decoder::put_code_point(std::uint32_t code_point) {
  char bytes[4];
  buffer_.append(bytes, detail::encode_utf8(code_point, bytes));
}

void Decoder::flush(SpanSink& out) {
  if (buffer_.empty()) return;
  out.on_span(buffer_.data(), buffer_.size());
  buffer_.clear();
}

void Decoder::decode(const std::uint8_t* data, std::size_t size, SpanSink& out) {
  if (size == 0) return;
  const std::uint8_t* end = data + size;
  switch (encoding_) {
    case Encoding::utf8:
      decode_utf8(data, end, out);
      break;
    case Encoding::windows1252:
    case Encoding::windows1254:
      decode_single_byte(data, end, out);
      break;
    case Encoding::utf16le:
    case Encoding::utf16be:
      decode_utf16(data, end, out);
      break;
  }
}

void Decoder::decode_utf8(const std::uint8_t* p, const std::uint8_t* end, SpanSink& out) {
  if (pending_size_ > 0) {
    // Finish the sequence cut by the previous chunk. Three more bytes always decide it, unless
    // this chunk is shorter than that, in which case what is left stays pending.
    std::uint8_t joined[8];
    const std::size_t carried = pending_size_;
    std::memcpy(joined, pending_, carried);
    const std::size_t take = std::min<std::size_t>(static_cast<std::size_t>(end - p), 3);
    std::memcpy(joined + carried, p, take);
    const std::size_t available = carried + take;
    std::size_t i = 0;
    pending_size_ = 0;
    while (i < carried) {
      const int length = detail::utf8_sequence_length(joined + i, joined + available);
      if (length > 0) {
        buffer_.append(reinterpret_cast<const char*>(joined + i), static_cast<std::size_t>(length));
        i += static_cast<std::size_t>(length);
      } else if (length == 0) {
        put_code_point(detail::windows1252_code_point(joined[i]));
        ++replaced_;
        ++i;
      } else {
        pending_size_ = available - i;
        std::memcpy(pending_, joined + i, pending_size_);
        flush(out);
        return;
      }
    }
    flush(out);
    p += i - carried;
  }

  const std::uint8_t* run = p;  // valid UTF-8 handed on without copying
  while (p < end) {
    p = skip_ascii(p, end);
    if (p == end) break;
    const int length = detail::utf8_sequence_length(p, end);
    if (length > 0) {
      p += length;
      continue;
    }
    if (p > run) out.on_span(reinterpret_cast<const char*>(run), static_cast<std::size_t>(p - run));
    if (length < 0) {
      pending_size_ = static_cast<std::size_t>(end - p);
      std::memcpy(pending_, p, pending_size_);
      return;
    }
    decode_utf8_slow(p, end, out);
    return;
  }
  if (p > run) out.on_span(reinterpret_cast<const char*>(run), static_cast<std::size_t>(p - run));
}

// After the first invalid byte of a chunk the rest of it is copied into buffer_ with repairs,
// rather than split into many pass-through spans (each span boundary costs the tokenizer a copy).
void Decoder::decode_utf8_slow(const std::uint8_t* p, const std::uint8_t* end, SpanSink& out) {
  while (p < end) {
    if (*p < 0x80) {
      const std::uint8_t* run = p;
      const std::uint8_t* limit = p + std::min<std::size_t>(static_cast<std::size_t>(end - p), flush_threshold);
      while (p < limit && *p < 0x80) ++p;
      buffer_.append(reinterpret_cast<const char*>(run), static_cast<std::size_t>(p - run));
    } else {
      const int length = detail::utf8_sequence_length(p, end);
      if (length > 0) {
        buffer_.append(reinterpret_cast<const char*>(p), static_cast<std::size_t>(length));
        p += length;
      } else if (length == 0) {
        put_code_point(detail::windows1252_code_point(*p));
        ++replaced_;
        ++p;
      } else {
        pending_size_ = static_cast<std::size_t>(end - p);
        std::memcpy(pending_, p, pending_size_);
        break;
      }
    }
    if (buffer_.size() >= flush_threshold) flush(out);
  }
  flush(out);
}

void Decoder::decode_single_byte(const std::uint8_t* p, const std::uint8_t* end, SpanSink& out) {
  const auto code_point = encoding_ == Encoding::windows1254 ? detail::windows1254_code_point : detail::windows1252_code_point;
  while (p < end) {
    const std::uint8_t* run = p;
    const std::uint8_t* limit = p + std::min<std::size_t>(static_cast<std::size_t>(end - p), flush_threshold);
    while (limit - p >= 8 && all_ascii8(p)) p += 8;
    while (p < limit && *p < 0x80) ++p;
    buffer_.append(reinterpret_cast<const char*>(run), static_cast<std::size_t>(p - run));
    while (p < limit && *p >= 0x80) put_code_point(code_point(*p++));
    if (buffer_.size() >= flush_threshold) flush(out);
  }
  flush(out);
}

void Decoder::decode_utf16(const std::uint8_t* p, const std::uint8_t* end, SpanSink& out) {
  const bool little_endian = encoding_ == Encoding::utf16le;
  auto handle_unit = [&](std::uint16_t unit) {
    if (high_surrogate_ != 0) {
      if (unit >= 0xDC00 && unit <= 0xDFFF) {
        put_code_point(0x10000 + ((static_cast<std::uint32_t>(high_surrogate_) - 0xD800) << 10) + (unit - 0xDC00));
        high_surrogate_ = 0;
        return;
      }
      put_code_point(0xFFFD);
      ++replaced_;
      high_surrogate_ = 0;
    }
    if (unit >= 0xD800 && unit <= 0xDBFF) {
      high_surrogate_ = unit;
    } else if (unit >= 0xDC00 && unit <= 0xDFFF) {
      put_code_point(0xFFFD);
      ++replaced_;
    } else if (unit < 0x80) {
      buffer_.push_back(static_cast<char>(unit));
    } else {
      put_code_point(unit);
    }
  };
  auto unit_at = [little_endian](std::uint8_t first, std::uint8_t second) -> std::uint16_t {
    return little_endian ? static_cast<std::uint16_t>(first | (second << 8)) : static_cast<std::uint16_t>((first << 8) | second);
  };
  if (pending_size_ == 1 && p < end) {
    handle_unit(unit_at(pending_[0], *p++));
    pending_size_ = 0;
  }
  while (end - p >= 2) {
    handle_unit(unit_at(p[0], p[1]));
    p += 2;
    if (buffer_.size() >= flush_threshold) flush(out);
  }
  if (p < end) {
    pending_[0] = *p;
    pending_size_ = 1;
  }
  flush(out);
}

void Decoder::finish(SpanSink& out) {
  if (encoding_ == Encoding::utf8) {
    for (std::size_t i = 0; i < pending_size_; ++i) put_code_point(detail::windows1252_code_point(pending_[i]));
    replaced_ += pending_size_;
  } else if (encoding_ != Encoding::windows1252 && encoding_ != Encoding::windows1254) {
    if (high_surrogate_ != 0 || pending_size_ != 0) {
      put_code_point(0xFFFD);
      ++replaced_;
    }
    high_surrogate_ = 0;
  }
  pending_size_ = 0;
  flush(out);
}

}  // namespace skpi::csv
