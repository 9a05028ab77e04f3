// Dictionary: text values of one column (agents, channels, ids) → dense integer ids, with a small
// open-addressing hash on string_view, so the per-row path never builds a std::string.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace skpi::analysis {

namespace detail {
inline std::uint64_t load8(const char* p) noexcept {
  std::uint64_t word;
  std::memcpy(&word, p, 8);
  return word;
}
inline std::uint64_t load4(const char* p) noexcept {
  std::uint32_t word;
  std::memcpy(&word, p, 4);
  return word;
}
inline std::uint64_t mix(std::uint64_t a, std::uint64_t b) noexcept {
  // 64-bit multiplies only (wasm has no 64x64->128 multiply).
  std::uint64_t x = a ^ (b * 0x9E3779B97F4A7C15ull);
  x ^= x >> 32;
  x *= 0xD6E8FEB86659FD93ull;
  x ^= x >> 32;
  return x;
}
}  // namespace detail

/** A fast hash of short byte strings: no loop and no byte-by-byte tail up to 16 bytes (overlapping
 *  loads, as wyhash does). */
inline std::uint64_t hash_bytes(const char* data, std::size_t size) noexcept {
  constexpr std::uint64_t k0 = 0xA0761D6478BD642Full, k1 = 0xE7037ED1A0B428DBull, k2 = 0x8EBC6AF09C88C6E3ull;
  std::uint64_t a, b;
  if (size <= 16) {
    if (size >= 4) {
      if (size >= 8) {
        a = detail::load8(data);
        b = detail::load8(data + size - 8);
      } else {
        a = detail::load4(data);
        b = detail::load4(data + size - 4);
      }
    } else if (size > 0) {
      a = (static_cast<std::uint64_t>(static_cast<unsigned char>(data[0])) << 16) |
          (static_cast<std::uint64_t>(static_cast<unsigned char>(data[size >> 1])) << 8) |
          static_cast<unsigned char>(data[size - 1]);
      b = 0;
    } else {
      a = b = 0;
    }
  } else {
    std::uint64_t seed = k0;
    std::size_t i = 0;
    for (; i + 16 < size; i += 16) seed = detail::mix(detail::load8(data + i) ^ k1, detail::load8(data + i + 8) ^ seed);
    a = detail::load8(data + size - 16) ^ seed;
    b = detail::load8(data + size - 8);
  }
  return detail::mix(k1 ^ size, detail::mix(a ^ k1, b ^ k2));
}

/** Equality of two byte strings of the same length, without a library call for short ones. */
inline bool same_bytes(const char* a, const char* b, std::size_t size) noexcept {
  if (size <= 16) {
    if (size >= 8) return detail::load8(a) == detail::load8(b) && detail::load8(a + size - 8) == detail::load8(b + size - 8);
    if (size >= 4) return detail::load4(a) == detail::load4(b) && detail::load4(a + size - 4) == detail::load4(b + size - 4);
    for (std::size_t i = 0; i < size; ++i) {
      if (a[i] != b[i]) return false;
    }
    return true;
  }
  return std::memcmp(a, b, size) == 0;
}

/** The bytes of a string of up to 16 bytes as two words (overlapping loads, no read past the end):
 *  together with the length they identify the string exactly. Longer strings get their first and
 *  last eight bytes, a filter before the full comparison. */
struct KeyWords {
  std::uint64_t first = 0, second = 0;
};
inline KeyWords key_words(const char* data, std::size_t size) noexcept {
  KeyWords words;
  if (size >= 8) {
    words.first = detail::load8(data);
    words.second = detail::load8(data + size - 8);
  } else if (size >= 4) {
    words.first = detail::load4(data) | (detail::load4(data + size - 4) << 32);
  } else if (size > 0) {
    words.first = static_cast<std::uint64_t>(static_cast<unsigned char>(data[0])) |
                  (static_cast<std::uint64_t>(static_cast<unsigned char>(data[size >> 1])) << 8) |
                  (static_cast<std::uint64_t>(static_cast<unsigned char>(data[size - 1])) << 16);
  }
  return words;
}

class Dictionary {
 public:
  static constexpr std::uint32_t missing = 0xFFFFFFFFu;

  /** `capacity`: distinct values kept; later new values all get other_id() (their count is kept).
   *  `is_missing`: when given, values it accepts ("NA", "-", ...) get the id `missing` instead of one
   *  of their own, decided once per distinct value. */
  explicit Dictionary(std::uint32_t capacity = 0xFFFFFFF0u, bool (*is_missing)(std::string_view) = nullptr)
      : capacity_(capacity), is_missing_(is_missing) {
    slots_.assign(64, Slot{});
    mask_ = slots_.size() - 1;
  }

  /** Id of `text`, adding it when new. Values past the capacity map to other_id(). The words of
   *  short keys sit in the slot itself, so a hit costs one probe and two compares. */
  [[gnu::always_inline]] std::uint32_t id(std::string_view text) {
    const KeyWords words = key_words(text.data(), text.size());
    const auto size = static_cast<std::uint32_t>(text.size());
    // Exports repeat values in runs ("closed", "normal"): the last hit is checked first.
    if (((last_.first ^ words.first) | (last_.second ^ words.second) | (last_.size ^ size)) == 0 && size <= 16) return last_.id;
    const std::size_t mask = mask_;
    const Slot* slots = slots_.data();
    std::size_t slot = static_cast<std::size_t>(slot_hash(words, size)) & mask;
    while (true) {
      const Slot& candidate = slots[slot];
      // One branch for the usual hit: the words and the size compared with bitwise operators.
      const bool same = ((candidate.first ^ words.first) | (candidate.second ^ words.second) | (candidate.size ^ size)) == 0;
      if (same && (size <= 16 || same_bytes(arena_.data() + offsets_[candidate.id], text.data(), size))) {
        last_ = candidate;
        if (candidate.id == missing_marker_id) last_.id = missing;
        return last_.id;
      }
      if (candidate.id == missing) break;
      slot = (slot + 1) & mask;
    }
    return insert(text, words, slot);
  }

  /** Id of `text` if present, else missing. */
  std::uint32_t find(std::string_view text) const {
    const KeyWords words = key_words(text.data(), text.size());
    const auto size = static_cast<std::uint32_t>(text.size());
    std::size_t mask = slots_.size() - 1;
    std::size_t slot = static_cast<std::size_t>(slot_hash(words, size)) & mask;
    while (true) {
      const Slot& candidate = slots_[slot];
      if (candidate.id == missing) return missing;
      if (candidate.first == words.first && candidate.second == words.second && candidate.size == size &&
          (size <= 16 || same_bytes(arena_.data() + offsets_[candidate.id], text.data(), size)))
        return candidate.id == missing_marker_id ? missing : candidate.id;
      slot = (slot + 1) & mask;
    }
  }

  /** A byte per value for the caller's own notes (e.g. "is a missing marker"); starts at -1. */
  std::int8_t& tag(std::uint32_t id) { return id < tags_.size() ? tags_[id] : other_tag_; }
  /** The tag of `id` as classify(name) decides it, once per distinct value (a tag is unset, -1, until then). */
  template <typename Classify>
  std::int8_t classify_once(std::uint32_t id, Classify&& classify) {
    std::int8_t& value = tag(id);
    if (value < 0) value = static_cast<std::int8_t>(classify(name(id)));
    return value;
  }

  std::string_view name(std::uint32_t id) const {
    if (id >= tags_.size()) return "(other)";
    return std::string_view(arena_.data() + offsets_[id], offsets_[id + 1] - offsets_[id]);
  }
  /** Ids handed out so far (other_id() is this size only while the capacity is reached). */
  std::size_t size() const { return tags_.size(); }
  std::uint32_t other_id() const { return capacity_; }
  bool overflowed() const { return overflow_values_ > 0; }
  std::uint64_t overflow_values() const { return overflow_values_; }
  std::size_t memory_bytes() const {
    return slots_.capacity() * sizeof(Slot) + tags_.capacity() + offsets_.capacity() * 4 + arena_.capacity();
  }

 private:
  static constexpr std::uint32_t missing_marker_id = 0xFFFFFFFEu;
  struct Slot {
    std::uint64_t first = 0, second = 0;
    std::uint32_t size = 0xFFFFFFFFu;  // no key has this size: an empty slot never matches
    std::uint32_t id = missing;
  };

  static std::uint64_t slot_hash(const KeyWords& words, std::uint32_t size) noexcept {
    return detail::mix(words.first ^ (static_cast<std::uint64_t>(size) * 0xA0761D6478BD642Full), words.second);
  }

  // Out of line: the lookup that finds its value stays small enough to inline.
  [[gnu::noinline]] std::uint32_t insert(std::string_view text, const KeyWords& words, std::size_t slot) {
    if (is_missing_ && is_missing_(text)) {
      // Short markers are remembered like values, so the next "NA" costs one probe; long ones are
      // not (the word filter cannot vouch for them) and are simply checked again.
      if (text.size() <= 16) {
        slots_[slot] = Slot{words.first, words.second, static_cast<std::uint32_t>(text.size()), missing_marker_id};
        if (++markers_ + tags_.size() > slots_.size() / 2) grow();
      }
      return missing;
    }
    if (tags_.size() >= capacity_) {
      ++overflow_values_;
      return other_id();
    }
    const auto new_id = static_cast<std::uint32_t>(tags_.size());
    if (offsets_.empty()) offsets_.push_back(0);
    arena_.insert(arena_.end(), text.begin(), text.end());
    offsets_.push_back(static_cast<std::uint32_t>(arena_.size()));
    tags_.push_back(-1);
    slots_[slot] = Slot{words.first, words.second, static_cast<std::uint32_t>(text.size()), new_id};
    if ((tags_.size() + markers_) * 2 > slots_.size()) grow();
    return new_id;
  }

  void grow() {
    std::vector<Slot> slots(slots_.size() * 2, Slot{});
    const std::size_t mask = slots.size() - 1;
    for (const Slot& old : slots_) {
      if (old.id == missing) continue;
      std::size_t slot = static_cast<std::size_t>(slot_hash(KeyWords{old.first, old.second}, old.size)) & mask;
      while (slots[slot].id != missing) slot = (slot + 1) & mask;
      slots[slot] = old;
    }
    slots_.swap(slots);
    mask_ = slots_.size() - 1;
  }

  std::uint32_t capacity_;
  bool (*is_missing_)(std::string_view) = nullptr;
  std::size_t markers_ = 0;
  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  Slot last_;  // the slot of the last hit (size 0xFFFFFFFF until then: matches nothing)
  std::vector<std::int8_t> tags_;
  std::int8_t other_tag_ = -1;
  std::vector<std::uint32_t> offsets_;  // value i is arena_[offsets_[i], offsets_[i + 1])
  std::vector<char> arena_;
  std::uint64_t overflow_values_ = 0;
};

/** A hash set of 64-bit keys (open addressing), for (customer, period) pairs and the like. */
class KeySet {
 public:
  KeySet() { slots_.assign(64, empty); }
  /** True when the key was new. */
  bool insert(std::uint64_t key) {
    if (key == empty) {
      if (has_empty_key_) return false;
      has_empty_key_ = true;
      ++size_;
      return true;
    }
    std::size_t mask = slots_.size() - 1;
    std::size_t slot = static_cast<std::size_t>(mix(key)) & mask;
    while (slots_[slot] != empty) {
      if (slots_[slot] == key) return false;
      slot = (slot + 1) & mask;
    }
    slots_[slot] = key;
    ++size_;
    if (size_ * 2 > slots_.size()) grow();
    return true;
  }
  bool contains(std::uint64_t key) const {
    if (key == empty) return has_empty_key_;
    std::size_t mask = slots_.size() - 1;
    std::size_t slot = static_cast<std::size_t>(mix(key)) & mask;
    while (slots_[slot] != empty) {
      if (slots_[slot] == key) return true;
      slot = (slot + 1) & mask;
    }
    return false;
  }
  std::size_t size() const { return size_; }
  template <typename Visit>
  void for_each(Visit&& visit) const {
    if (has_empty_key_) visit(empty);
    for (std::uint64_t key : slots_)
      if (key != empty) visit(key);
  }
  void merge(const KeySet& other) {
    other.for_each([this](std::uint64_t key) { insert(key); });
  }

 private:
  static constexpr std::uint64_t empty = ~0ull;
  static std::uint64_t mix(std::uint64_t key) {
    key ^= key >> 33;
    key *= 0xFF51AFD7ED558CCDull;
    key ^= key >> 33;
    return key;
  }
  void grow() {
    std::vector<std::uint64_t> old;
    old.swap(slots_);
    slots_.assign(old.size() * 2, empty);
    const std::size_t mask = slots_.size() - 1;
    for (std::uint64_t key : old) {
      if (key == empty) continue;
      std::size_t slot = static_cast<std::size_t>(mix(key)) & mask;
      while (slots_[slot] != empty) slot = (slot + 1) & mask;
      slots_[slot] = key;
    }
  }
  std::vector<std::uint64_t> slots_;
  std::size_t size_ = 0;
  bool has_empty_key_ = false;
};

}  // namespace skpi::analysis
