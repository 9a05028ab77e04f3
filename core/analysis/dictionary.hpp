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

class Dictionary {
 public:
  static constexpr std::uint32_t missing = 0xFFFFFFFFu;

  /** `capacity`: distinct values kept; later new values all get other_id() (their count is kept). */
  explicit Dictionary(std::uint32_t capacity = 0xFFFFFFF0u) : capacity_(capacity) { slots_.assign(64, missing); }

  /** Id of `text`, adding it when new. Values past the capacity map to other_id(). */
  std::uint32_t id(std::string_view text) {
    const std::uint64_t hash = hash_bytes(text.data(), text.size());
    std::size_t mask = slots_.size() - 1;
    std::size_t slot = static_cast<std::size_t>(hash) & mask;
    while (true) {
      const std::uint32_t found = slots_[slot];
      if (found == missing) break;
      if (hashes_[found] == hash && equals(found, text)) return found;
      slot = (slot + 1) & mask;
    }
    if (offsets_.size() >= capacity_) {
      ++overflow_values_;
      return other_id();
    }
    const auto new_id = static_cast<std::uint32_t>(hashes_.size());
    hashes_.push_back(hash);
    tags_.push_back(-1);
    offsets_.push_back(static_cast<std::uint32_t>(arena_.size()));
    lengths_.push_back(static_cast<std::uint32_t>(text.size()));
    arena_.append(text.data(), text.size());
    slots_[slot] = new_id;
    if (hashes_.size() * 2 > slots_.size()) grow();
    return new_id;
  }

  /** Id of `text` if present, else missing. */
  std::uint32_t find(std::string_view text) const {
    const std::uint64_t hash = hash_bytes(text.data(), text.size());
    std::size_t mask = slots_.size() - 1;
    std::size_t slot = static_cast<std::size_t>(hash) & mask;
    while (true) {
      const std::uint32_t found = slots_[slot];
      if (found == missing) return missing;
      if (hashes_[found] == hash && equals(found, text)) return found;
      slot = (slot + 1) & mask;
    }
  }

  /** A byte per value for the caller's own notes (e.g. "is a missing marker"); starts at -1. */
  std::int8_t& tag(std::uint32_t id) { return id < tags_.size() ? tags_[id] : other_tag_; }

  std::string_view name(std::uint32_t id) const {
    if (id >= offsets_.size()) return "(other)";
    return std::string_view(arena_.data() + offsets_[id], lengths_[id]);
  }
  /** Ids handed out so far (other_id() is this size only while the capacity is reached). */
  std::size_t size() const { return offsets_.size(); }
  std::uint32_t other_id() const { return capacity_; }
  bool overflowed() const { return overflow_values_ > 0; }
  std::uint64_t overflow_values() const { return overflow_values_; }
  std::size_t memory_bytes() const {
    return slots_.capacity() * 4 + hashes_.capacity() * 8 + offsets_.capacity() * 8 + arena_.capacity();
  }

 private:
  bool equals(std::uint32_t id, std::string_view text) const {
    return lengths_[id] == text.size() && same_bytes(arena_.data() + offsets_[id], text.data(), text.size());
  }
  void grow() {
    std::vector<std::uint32_t> slots(slots_.size() * 2, missing);
    const std::size_t mask = slots.size() - 1;
    for (std::uint32_t id = 0; id < hashes_.size(); ++id) {
      std::size_t slot = static_cast<std::size_t>(hashes_[id]) & mask;
      while (slots[slot] != missing) slot = (slot + 1) & mask;
      slots[slot] = id;
    }
    slots_.swap(slots);
  }

  std::uint32_t capacity_;
  std::vector<std::uint32_t> slots_;
  std::vector<std::uint64_t> hashes_;
  std::vector<std::int8_t> tags_;
  std::int8_t other_tag_ = -1;
  std::vector<std::uint32_t> offsets_;
  std::vector<std::uint32_t> lengths_;
  std::string arena_;
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
