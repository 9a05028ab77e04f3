#include "core/csv/tokenizer.hpp"

#include <algorithm>
#include <cstring>

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#elif defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace skpi::csv {
namespace {

constexpr std::uint64_t ones = 0x0101010101010101ULL;
constexpr std::uint64_t highs = 0x8080808080808080ULL;

std::uint64_t broadcast(char c) { return ones * static_cast<unsigned char>(c); }

// Loads 8 bytes so that the first byte in memory is the least significant one.
std::uint64_t load_word(const char* p) {
  std::uint64_t word;
  std::memcpy(&word, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  word = __builtin_bswap64(word);
#endif
  return word;
}

// High bit set in each zero byte of x. Bytes above a zero byte may be flagged wrongly (borrow),
// but the lowest flagged byte is always a true zero, and only the lowest one is used.
std::uint64_t zero_bytes(std::uint64_t x) { return (x - ones) & ~x & highs; }

// Finds the first of four byte values, eight bytes at a time (plain 64-bit arithmetic, so it is as
// fast in wasm as natively; it is what keeps unquoted fields near memchr speed).
class ByteFinder {
 public:
  ByteFinder(char a, char b, char c, char d)
      : a_(a), b_(b), c_(c), d_(d), wa_(broadcast(a)), wb_(broadcast(b)), wc_(broadcast(c)), wd_(broadcast(d)) {}

  const char* find(const char* p, const char* end) const {
    while (end - p >= 8) {
      const std::uint64_t w = load_word(p);
      const std::uint64_t hits = zero_bytes(w ^ wa_) | zero_bytes(w ^ wb_) | zero_bytes(w ^ wc_) | zero_bytes(w ^ wd_);
      if (hits != 0) return p + (__builtin_ctzll(hits) >> 3);
      p += 8;
    }
    for (; p < end; ++p) {
      const char x = *p;
      if (x == a_ || x == b_ || x == c_ || x == d_) return p;
    }
    return end;
  }

 private:
  char a_, b_, c_, d_;
  std::uint64_t wa_, wb_, wc_, wd_;
};

// Marks every byte that can end or open a field: the delimiter, the quote and any byte below 0x0E
// (CR, LF, and tab; other control bytes are rare and simply skipped by the caller). The marks are
// exact, so the caller walks them bit by bit without reloading the block. Three implementations
// with one interface: 16 bytes at a time with wasm SIMD (the wasm build) or SSE2 (x86-64), else
// eight bytes at a time in plain 64-bit arithmetic.
#if defined(__wasm_simd128__) || defined(__SSE2__)
class FieldScanner {
 public:
  static constexpr std::size_t block = 16;
  using Mask = std::uint32_t;  // bit i: byte i of the block

  explicit FieldScanner(char delimiter)
#if defined(__wasm_simd128__)
      : delimiter_(wasm_i8x16_splat(delimiter)), quote_(wasm_i8x16_splat('"')), control_(wasm_i8x16_splat(0x0E)) {}
#else
      : delimiter_(_mm_set1_epi8(delimiter)), quote_(_mm_set1_epi8('"')), control_max_(_mm_set1_epi8(0x0D)) {}
#endif

  // Bytes at or past end are never marked.
  Mask marks(const char* p, const char* end) const {
    if (end - p >= 16) return marks_of(p);
    const auto left = static_cast<std::size_t>(end - p);
    alignas(16) char bytes[16] = {};
    std::memcpy(bytes, p, left);
    return marks_of(bytes) & ((Mask{1} << left) - 1);
  }

  static std::size_t index(Mask marks) { return static_cast<std::size_t>(__builtin_ctz(marks)); }

 private:
#if defined(__wasm_simd128__)
  Mask marks_of(const char* p) const {
    const v128_t v = wasm_v128_load(p);
    const v128_t hits = wasm_v128_or(wasm_v128_or(wasm_i8x16_eq(v, delimiter_), wasm_i8x16_eq(v, quote_)), wasm_u8x16_lt(v, control_));
    return static_cast<Mask>(wasm_i8x16_bitmask(hits));
  }
  v128_t delimiter_, quote_, control_;
#else
  Mask marks_of(const char* p) const {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    const __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(v, control_max_), v);  // v <= 0x0D, unsigned
    const __m128i hits = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, delimiter_), _mm_cmpeq_epi8(v, quote_)), control);
    return static_cast<Mask>(_mm_movemask_epi8(hits));
  }
  __m128i delimiter_, quote_, control_max_;
#endif
};
#else
class FieldScanner {
 public:
  static constexpr std::size_t block = 8;
  using Mask = std::uint64_t;  // bit 8i+7: byte i of the block

  explicit FieldScanner(char delimiter) : delimiter_(broadcast(delimiter)) {}

  // Bytes at or past end are never marked.
  Mask marks(const char* p, const char* end) const {
    if (end - p >= 8) return marks_of(load_word(p));
    std::uint64_t word = 0;
    const auto left = static_cast<std::size_t>(end - p);
    char bytes[8] = {};
    std::memcpy(bytes, p, left);
    std::memcpy(&word, bytes, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    word = __builtin_bswap64(word);
#endif
    return marks_of(word) & ((std::uint64_t{1} << (8 * left)) - 1);
  }

  static std::size_t index(Mask marks) { return static_cast<std::size_t>(__builtin_ctzll(marks)) >> 3; }

 private:
  static constexpr std::uint64_t low7 = 0x7F7F7F7F7F7F7F7FULL;
  // For each byte, bit 7 of the result is clear exactly when the byte equals the pattern (first two
  // terms) or is below 0x0E (last term); no carries cross bytes since each sum stays below 0x100.
  std::uint64_t marks_of(std::uint64_t word) const {
    const std::uint64_t d = word ^ delimiter_;
    const std::uint64_t q = word ^ quote_;
    const std::uint64_t not_delimiter = ((d & low7) + low7) | d;
    const std::uint64_t not_quote = ((q & low7) + low7) | q;
    const std::uint64_t not_control = ((word & low7) + below_0e_) | word;
    return ~(not_delimiter & not_quote & not_control) & highs;
  }

  std::uint64_t delimiter_;
  std::uint64_t quote_ = broadcast('"');
  std::uint64_t below_0e_ = ones * (0x80 - 0x0E);
};
#endif

bool is_line_end(char c) { return c == '\n' || c == '\r'; }
bool is_blank(char c) { return c == ' ' || c == '\t'; }
bool ends_bare_word(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool only_spaces(const char* p, const char* end) {
  for (; p < end; ++p) {
    if (*p != ' ') return false;
  }
  return true;
}

// Physical lines ended inside [p, end): every CR, and every LF not right after a CR.
std::uint64_t count_newlines(const char* p, const char* end, bool& last_was_cr) {
  std::uint64_t count = 0;
  for (; p < end; ++p) {
    const char c = *p;
    if (c == '\r') {
      ++count;
      last_was_cr = true;
    } else {
      if (c == '\n' && !last_was_cr) ++count;
      last_was_cr = false;
    }
  }
  return count;
}

}  // namespace

Tokenizer::Tokenizer(char delimiter, bool whitespace, TokenizerLimits limits)
    : delimiter_(delimiter), whitespace_(whitespace), limits_(limits) {
  if (limits_.max_fields == 0) limits_.max_fields = 1;
  grow_fields();
}

void Tokenizer::grow_fields() {
  const std::size_t capacity = field_capacity_ == 0 ? 64 : field_capacity_ * 2;
  std::unique_ptr<std::string_view[]> grown(new std::string_view[capacity]);
  for (std::size_t i = 0; i < field_count_; ++i) grown[i] = fields_[i];
  fields_ = std::move(grown);
  field_capacity_ = capacity;
}

void Tokenizer::emit(std::uint64_t line, bool blank, TokenSink& sink) {
  for (const Patch& patch : patches_) fields_[patch.index] = std::string_view(scratch_.data() + patch.offset, patch.length);
  sink.on_record(fields_.get(), field_count_, line, blank);
}

const char* Tokenizer::parse(const char* p, const char* end, bool final, TokenSink& sink) {
  return whitespace_ ? parse_whitespace(p, end, final, sink) : parse_delimited(p, end, final, sink);
}

// The record starting at record_start runs past the end of the input: keep it for later, unless
// it is already too large.
const char* Tokenizer::hand_off(const char* record_start, const char* end, std::uint64_t record_line, TokenSink& sink) {
  line_ = record_line;
  if (static_cast<std::size_t>(end - record_start) > limits_.max_record_bytes)
    return drop_record(record_start, record_start + limits_.max_record_bytes, record_line, sink);
  return record_start;
}

const char* Tokenizer::drop_record(const char* record_start, const char* cut, std::uint64_t record_line, TokenSink& sink) {
  sink.on_record_too_large(record_line);
  bool last_was_cr = false;
  line_ = record_line + count_newlines(record_start, cut, last_was_cr);
  skipping_ = true;
  skip_after_cr_ = last_was_cr;
  return cut;
}

const char* Tokenizer::skip_line(const char* p, const char* end) {
  if (p < end && skip_after_cr_) {
    skip_after_cr_ = false;
    if (*p == '\n') ++p;
  }
  while (p < end && !is_line_end(*p)) ++p;
  if (p == end) return end;
  skipping_ = false;
  ++line_;
  if (*p++ == '\r') {
    if (p == end) pending_lf_ = true;
    else if (*p == '\n') ++p;
  }
  return p;
}

// quote points at the opening quote of a field. Pushes the field and returns the position of what
// ends it (delimiter, CR, LF, blank in whitespace mode, or end when final), or nullptr when the
// input ends before that is known.
const char* Tokenizer::parse_quoted(const char* quote, const char* end, bool final, std::uint64_t record_line, TokenSink& sink) {
  const ByteFinder quoted_finder('"', '\r', '\n', '"');
  const char* content = quote + 1;
  const char* q = content;
  const char* close = nullptr;
  bool escaped = false;
  std::uint64_t newlines = 0;
  for (;;) {
    const char* x = quoted_finder.find(q, end);
    if (x == end) break;
    if (*x == '"') {
      if (x + 1 == end) {
        if (!final) return nullptr;  // could be the first half of ""
        close = x;
        break;
      }
      if (x[1] == '"') {
        escaped = true;
        q = x + 2;
        continue;
      }
      close = x;
      break;
    }
    if (*x == '\r' || x[-1] != '\r') ++newlines;
    q = x + 1;
  }

  const char* content_end = end;
  const char* after = end;
  if (close != nullptr) {
    content_end = close;
    after = close + 1;
  } else {
    if (!final) return nullptr;
    sink.on_unterminated_quote(record_line);
  }

  // Text after the closing quote belongs to the field too, quotes included, up to the field end.
  const char* field_end = after;
  if (whitespace_) {
    while (field_end < end && !ends_bare_word(*field_end)) ++field_end;
  } else if (after < end && *after != delimiter_ && !is_line_end(*after)) {
    const ByteFinder field_finder(delimiter_, '\r', '\n', delimiter_);
    field_end = field_finder.find(after, end);
  }
  if (field_end == end && !final) return nullptr;

  line_ += newlines;
  const bool tail_is_padding = only_spaces(after, field_end);
  if (!escaped && tail_is_padding) {
    push_field(content, static_cast<std::size_t>(content_end - content));
    return field_end;
  }
  const std::size_t offset = scratch_.size();
  for (const char* r = content; r < content_end;) {
    const char* next_quote = static_cast<const char*>(std::memchr(r, '"', static_cast<std::size_t>(content_end - r)));
    if (next_quote == nullptr) {
      scratch_.append(r, static_cast<std::size_t>(content_end - r));
      break;
    }
    scratch_.append(r, static_cast<std::size_t>(next_quote - r) + 1);  // keeps one quote of the pair
    r = next_quote + 2;
  }
  if (!tail_is_padding) scratch_.append(after, static_cast<std::size_t>(field_end - after));
  patches_.push_back({field_count_, offset, scratch_.size() - offset});
  push_field(nullptr, 0);
  return field_end;
}

const char* Tokenizer::parse_delimited(const char* p, const char* const end, const bool final, TokenSink& sink) {
  const char delimiter = delimiter_;
  const FieldScanner scanner(delimiter);
  const std::size_t max_fields = limits_.max_fields;
  while (p < end) {
    const char* const record_start = p;
    const std::uint64_t record_line = line_;
    const char first = *p;
    if (is_line_end(first)) {
      sink.on_empty_line(line_);
      ++line_;
      ++p;
      if (first == '\r') {
        if (p == end) {
          pending_lf_ = true;
          return end;
        }
        if (*p == '\n') ++p;
      }
      continue;
    }

    begin_record();
    bool any_quoted = false;
    const char* field_start = p;
    const char* terminator = nullptr;  // the CR/LF ending the record, or end
    const char* block = p;
    // The field array and its count live in locals here: written through `this`, every store of a
    // view could alias the count, and the compiler would reload and store it for each field.
    std::string_view* fields = fields_.get();
    std::size_t count = 0;
    std::size_t capacity = field_capacity_;
    auto push = [&](const char* begin, std::size_t length) {
      if (count == capacity) {
        field_count_ = count;
        grow_fields();
        fields = fields_.get();
        capacity = field_capacity_;
      }
      fields[count++] = std::string_view(begin, length);
    };
    while (terminator == nullptr) {
      if (block >= end) {
        if (!final) return hand_off(record_start, end, record_line, sink);
        push(field_start, static_cast<std::size_t>(end - field_start));
        terminator = end;
        break;
      }
      FieldScanner::Mask marks = scanner.marks(block, end);
      const char* next_block = block + FieldScanner::block;
      while (marks != 0) {
        const char* s = block + FieldScanner::index(marks);
        marks &= marks - 1;
        const char c = *s;
        if (c == delimiter) {
          push(field_start, static_cast<std::size_t>(s - field_start));
          if (count >= max_fields)
            return drop_record(record_start, std::min(s, record_start + limits_.max_record_bytes), record_line, sink);
          field_start = s + 1;
        } else if (is_line_end(c)) {
          push(field_start, static_cast<std::size_t>(s - field_start));
          terminator = s;
          break;
        } else if (c == '"') {
          if (s != field_start && !only_spaces(field_start, s)) continue;  // a quote inside an unquoted field is just a character
          any_quoted = true;
          field_count_ = count;
          const char* t = parse_quoted(s, end, final, record_line, sink);
          count = field_count_;
          fields = fields_.get();
          capacity = field_capacity_;
          if (t == nullptr) return hand_off(record_start, end, record_line, sink);
          if (t == end || is_line_end(*t)) {
            terminator = t;
            break;
          }
          if (count >= max_fields)  // *t is the delimiter
            return drop_record(record_start, std::min(t, record_start + limits_.max_record_bytes), record_line, sink);
          field_start = t + 1;
          next_block = t + 1;  // the quoted field moved past the marks of this block
          break;
        }
        // any other control byte is ordinary data
      }
      block = next_block;
    }
    field_count_ = count;

    const std::size_t record_bytes = static_cast<std::size_t>(terminator - record_start);
    if (record_bytes > limits_.max_record_bytes)
      return drop_record(record_start, record_start + limits_.max_record_bytes, record_line, sink);
    emit(record_line, !any_quoted && record_bytes + 1 == field_count_, sink);
    if (terminator == end) return end;
    ++line_;
    p = terminator + 1;
    if (*terminator == '\r') {
      if (p == end) {
        pending_lf_ = true;
        return end;
      }
      if (*p == '\n') ++p;
    }
  }
  return end;
}

const char* Tokenizer::parse_whitespace(const char* p, const char* const end, const bool final, TokenSink& sink) {
  while (p < end) {
    const char* const record_start = p;
    const std::uint64_t record_line = line_;
    while (p < end && is_blank(*p)) ++p;
    if (p == end) return final ? end : hand_off(record_start, end, record_line, sink);
    if (is_line_end(*p)) {
      const char first = *p++;
      sink.on_empty_line(line_);
      ++line_;
      if (first == '\r') {
        if (p == end) {
          pending_lf_ = true;
          return end;
        }
        if (*p == '\n') ++p;
      }
      continue;
    }

    begin_record();
    const char* terminator;
    for (;;) {  // p is at the first byte of a field
      if (field_count_ >= limits_.max_fields)
        return drop_record(record_start, std::min(p, record_start + limits_.max_record_bytes), record_line, sink);
      const char* field_end;
      if (*p == '"') {
        field_end = parse_quoted(p, end, final, record_line, sink);
        if (field_end == nullptr) return hand_off(record_start, end, record_line, sink);
      } else {
        field_end = p;
        while (field_end < end && !ends_bare_word(*field_end)) ++field_end;
        if (field_end == end && !final) return hand_off(record_start, end, record_line, sink);
        push_field(p, static_cast<std::size_t>(field_end - p));
      }
      const char* t = field_end;
      while (t < end && is_blank(*t)) ++t;
      if (t == end) {
        if (!final) return hand_off(record_start, end, record_line, sink);
        terminator = end;
        break;
      }
      if (is_line_end(*t)) {
        terminator = t;
        break;
      }
      p = t;
    }

    if (static_cast<std::size_t>(terminator - record_start) > limits_.max_record_bytes)
      return drop_record(record_start, record_start + limits_.max_record_bytes, record_line, sink);
    emit(record_line, false, sink);
    if (terminator == end) return end;
    ++line_;
    p = terminator + 1;
    if (*terminator == '\r') {
      if (p == end) {
        pending_lf_ = true;
        return end;
      }
      if (*p == '\n') ++p;
    }
  }
  return end;
}

// The same decisions as the parsers, without producing fields: where does the carried record end?
Tokenizer::ScanResult Tokenizer::scan(const char* p, std::size_t size) {
  const char delimiter = delimiter_;
  for (std::size_t i = 0; i < size; ++i) {
    const char c = p[i];
    switch (scan_) {
      case Scan::field_start:
        if (whitespace_) {
          if (is_blank(c)) break;
          if (is_line_end(c)) return {ScanStop::record_end, i};
          if (++scan_fields_ > limits_.max_fields) return {ScanStop::field_overflow, i};
          scan_ = (c == '"') ? Scan::quoted : Scan::unquoted;
          break;
        }
        if (c == delimiter) {
          if (++scan_fields_ >= limits_.max_fields) return {ScanStop::field_overflow, i};
        } else if (is_line_end(c)) {
          return {ScanStop::record_end, i};
        } else if (c == '"') {
          scan_ = Scan::quoted;
        } else if (c != ' ') {
          scan_ = Scan::unquoted;
        }
        break;
      case Scan::unquoted:
        if (is_line_end(c)) return {ScanStop::record_end, i};
        if (whitespace_) {
          if (is_blank(c)) scan_ = Scan::field_start;
        } else if (c == delimiter) {
          scan_ = Scan::field_start;
          if (++scan_fields_ >= limits_.max_fields) return {ScanStop::field_overflow, i};
        }
        break;
      case Scan::quoted: {
        const void* q = std::memchr(p + i, '"', size - i);
        if (q == nullptr) return {ScanStop::none, size};
        i = static_cast<std::size_t>(static_cast<const char*>(q) - p);
        scan_ = Scan::quote_in_quoted;
        break;
      }
      case Scan::quote_in_quoted:
        if (c == '"') {
          scan_ = Scan::quoted;
        } else if (is_line_end(c)) {
          return {ScanStop::record_end, i};
        } else if (whitespace_ ? is_blank(c) : c == delimiter) {
          scan_ = Scan::field_start;
          if (!whitespace_ && ++scan_fields_ >= limits_.max_fields) return {ScanStop::field_overflow, i};
        } else {
          scan_ = Scan::unquoted;
        }
        break;
    }
  }
  return {ScanStop::none, size};
}

void Tokenizer::reset_carry() {
  if (carry_.capacity() > (std::size_t{1} << 20)) {
    std::string().swap(carry_);  // do not keep 16 MiB around after one huge record
  } else {
    carry_.clear();
  }
  scan_ = Scan::field_start;
  scan_fields_ = 0;
}

const char* Tokenizer::continue_carry(const char* p, const char* end, TokenSink& sink) {
  const std::size_t size = static_cast<std::size_t>(end - p);
  const ScanResult result = scan(p, size);
  const std::size_t room = limits_.max_record_bytes - std::min(limits_.max_record_bytes, carry_.size());
  std::size_t cut = size + 1;  // no cut
  if (result.stop == ScanStop::none) {
    if (size <= room) {
      carry_.append(p, size);
      return end;
    }
    cut = room;
  } else if (result.stop == ScanStop::record_end) {
    if (result.offset > room) cut = room;
  } else {
    cut = std::min(result.offset, room);
  }

  if (cut <= size) {
    sink.on_record_too_large(line_);
    bool last_was_cr = false;
    line_ += count_newlines(carry_.data(), carry_.data() + carry_.size(), last_was_cr);
    line_ += count_newlines(p, p + cut, last_was_cr);
    skipping_ = true;
    skip_after_cr_ = last_was_cr;
    reset_carry();
    return p + cut;
  }

  carry_.append(p, result.offset + 1);
  const char* carry_end = carry_.data() + carry_.size();
  const char* rest = parse(carry_.data(), carry_end, false, sink);
  if (skipping_) skip_line(rest, carry_end);  // cannot happen with a consistent scan; kept for safety
  reset_carry();
  return p + result.offset + 1;
}

void Tokenizer::consume(const char* data, std::size_t size, TokenSink& sink) {
  const char* p = data;
  const char* const end = data + size;
  while (p < end) {
    if (pending_lf_) {
      pending_lf_ = false;
      if (*p == '\n') {
        ++p;
        continue;
      }
    }
    if (skipping_) {
      p = skip_line(p, end);
      continue;
    }
    if (!carry_.empty()) {
      p = continue_carry(p, end, sink);
      continue;
    }
    p = parse(p, end, false, sink);
    if (skipping_ || p == end) continue;
    carry_.assign(p, static_cast<std::size_t>(end - p));
    scan_ = Scan::field_start;
    scan_fields_ = 0;
    scan(carry_.data(), carry_.size());
    p = end;
  }
}

void Tokenizer::finish(TokenSink& sink) {
  pending_lf_ = false;
  if (!skipping_ && !carry_.empty()) {
    std::string last;
    last.swap(carry_);
    parse(last.data(), last.data() + last.size(), true, sink);
  }
  skipping_ = false;
  skip_after_cr_ = false;
  reset_carry();
}

}  // namespace skpi::csv
