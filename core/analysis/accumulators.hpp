// Mergeable accumulators of file analysis: exact-quantile value stores, rating counts with scale
// detection, dense series keyed by day/interval/month, and per-key tables. Each has add and merge.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

namespace skpi::analysis {

struct QuantileSummary {
  std::size_t n = 0;
  double mean = 0;
  double median = 0;
  double p90 = 0;
  double min = 0;
  double max = 0;
  double sum = 0;
  double standard_deviation = 0;  // sample (n − 1); 0 when n < 2
};

/** Append-only int32 storage in blocks that grow from 256 to 65,536 values: no reallocation copy
 *  and at most one partly filled block of slack, so a store of ten million durations costs 40 MB,
 *  not the 80-120 MB a doubling vector may hold while it grows. */
class Int32Blocks {
 public:
  [[gnu::always_inline]] void push_back(std::int32_t value) {
    if (cursor_ == end_) next_block();
    *cursor_++ = value;
  }
  std::size_t size() const { return size_before_last_ + (blocks_.empty() ? 0 : static_cast<std::size_t>(cursor_ - blocks_.back().get())); }
  template <typename Visit>
  void for_each(Visit&& visit) const {
    for_each_block([&visit](const std::int32_t* data, std::size_t count) {
      for (std::size_t i = 0; i < count; ++i) visit(data[i]);
    });
  }
  /** visit(data, count) once per block. Passes over millions of values at the end of a file put
   *  their loop in a small out-of-line function called per block: V8 has no on-stack replacement
   *  for wasm, so a loop inlined into a one-off caller runs the whole first pass as baseline
   *  (Liftoff) code, while a per-block function is recompiled by TurboFan after a block or two. */
  template <typename Visit>
  void for_each_block(Visit&& visit) const {
    for (std::size_t b = 0; b < blocks_.size(); ++b) {
      const std::int32_t* data = blocks_[b].get();
      const std::size_t count = b + 1 == blocks_.size() ? static_cast<std::size_t>(cursor_ - data) : block_size(b);
      visit(data, count);
    }
  }
  void append(const Int32Blocks& other) {
    other.for_each([this](std::int32_t value) { push_back(value); });
  }
  std::vector<std::int32_t> to_vector() const {
    std::vector<std::int32_t> values;
    values.reserve(size());
    for_each([&values](std::int32_t value) { values.push_back(value); });
    return values;
  }
  void clear() {
    blocks_.clear();
    cursor_ = end_ = nullptr;
    size_before_last_ = 0;
  }
  std::size_t memory_bytes() const {
    std::size_t bytes = 0;
    for (std::size_t b = 0; b < blocks_.size(); ++b) bytes += block_size(b) * 4;
    return bytes;
  }
  Int32Blocks() = default;
  Int32Blocks(const Int32Blocks& other) { append(other); }
  Int32Blocks& operator=(const Int32Blocks& other) {
    if (this != &other) {
      clear();
      append(other);
    }
    return *this;
  }
  Int32Blocks(Int32Blocks&&) noexcept = default;
  Int32Blocks& operator=(Int32Blocks&&) noexcept = default;

 private:
  static std::size_t block_size(std::size_t index) { return index >= 8 ? 65536 : std::size_t{256} << index; }
  [[gnu::noinline]] void next_block() {
    if (!blocks_.empty()) size_before_last_ += block_size(blocks_.size() - 1);
    const std::size_t size = block_size(blocks_.size());
    blocks_.emplace_back(new std::int32_t[size]);
    cursor_ = blocks_.back().get();
    end_ = cursor_ + size;
  }
  std::vector<std::unique_ptr<std::int32_t[]>> blocks_;
  std::int32_t* cursor_ = nullptr;
  std::int32_t* end_ = nullptr;
  std::size_t size_before_last_ = 0;  // values in every block but the last (those are full)
};

/** Values kept compactly for exact quantiles: whole numbers in int32 (4 bytes each) until the first
 *  fractional or out-of-range value, then doubles. Quantiles interpolate linearly at q·(n−1), the
 *  same numbers numpy.quantile gives; the mean is exact for whole numbers (int64 sum). */
class QuantileStore {
 public:
  void add(double value) {
    if (!real_mode_) {
      const double rounded = std::nearbyint(value);
      if (rounded == value && value >= -2147483647.0 && value <= 2147483647.0) {
        whole_.push_back(static_cast<std::int32_t>(rounded));
        whole_sum_ += static_cast<std::int64_t>(rounded);
        return;
      }
    }
    add_real(value);
  }
  [[gnu::always_inline]] void add_whole(std::int64_t value) {
    if (!real_mode_ && value >= -2147483647LL && value <= 2147483647LL) {
      whole_.push_back(static_cast<std::int32_t>(value));
      whole_sum_ += value;
      return;
    }
    add_real(static_cast<double>(value));
  }
  void merge(const QuantileStore& other);

  std::size_t size() const { return real_mode_ ? real_.size() : whole_.size(); }
  bool empty() const { return size() == 0; }
  /** n, mean, median, p90, min, max, sd. May reorder the stored values (the multiset is unchanged). */
  QuantileSummary summarize();
  /** The summary of several stores' values together, as if merged in this order: without copying
   *  them while all hold whole numbers, through a merged copy otherwise. */
  static QuantileSummary summarize_union(const std::vector<QuantileStore*>& parts);
  /** Quantile q in [0, 1]. Precondition: !empty(). */
  double quantile(double q);
  /** How many values are <= limit. */
  std::size_t count_at_most(double limit) const;
  std::size_t memory_bytes() const { return whole_.memory_bytes() + real_.capacity() * 8; }

 private:
  void switch_to_real();
  void add_real(double value);  // out of line: the whole-number path above stays small enough to inline
  void add_to_sum(double value) {
    // Kahan–Babuška summation keeps the mean of millions of values exact to the last digits.
    const double t = real_sum_ + value;
    if (std::fabs(real_sum_) >= std::fabs(value))
      real_compensation_ += (real_sum_ - t) + value;
    else
      real_compensation_ += (value - t) + real_sum_;
    real_sum_ = t;
  }
  double total() const { return real_mode_ ? real_sum_ + real_compensation_ : static_cast<double>(whole_sum_); }

  Int32Blocks whole_;
  std::vector<double> real_;
  bool real_mode_ = false;
  std::int64_t whole_sum_ = 0;
  double real_sum_ = 0, real_compensation_ = 0;
};

/** numpy's linear interpolation between two neighbours (its lerp, to the last bit). */
inline double numpy_lerp(double a, double b, double t) {
  const double difference = b - a;
  return t >= 0.5 ? b - difference * (1 - t) : a + difference * t;
}

/** Scale of a rating column, decided from the values seen. */
struct RatingScale {
  int low = 1;
  int high = 5;
  std::string name() const { return std::to_string(low) + "-" + std::to_string(high); }
};

/** Counts of ratings: one bucket per whole value 0..10, plus sums for the mean and text verdicts
 *  ("good"/"bad" of Zendesk satisfaction exports). */
class RatingCounts {
 public:
  static constexpr int max_value = 10;
  void add(double value) {
    ++n_;
    sum_ += value;
    square_sum_ += value * value;
    const double rounded = std::nearbyint(value);
    if (rounded == value && value >= 0 && value <= max_value)
      ++counts_[static_cast<int>(rounded)];
    else
      ++other_;
    if (value < min_) min_ = value;
    if (value > max_) max_ = value;
  }
  void add_verdict(bool good) { ++(good ? good_ : bad_); }
  void merge(const RatingCounts& other);

  std::uint64_t numeric() const { return n_; }
  std::uint64_t verdicts() const { return good_ + bad_; }
  std::uint64_t good() const { return good_; }
  std::uint64_t bad() const { return bad_; }
  std::uint64_t count(int value) const { return value >= 0 && value <= max_value ? counts_[value] : 0; }
  std::uint64_t other() const { return other_; }
  double sum() const { return sum_; }
  double square_sum() const { return square_sum_; }
  double min() const { return n_ ? min_ : 0; }
  double max() const { return n_ ? max_ : 0; }
  std::uint64_t at_least(int value) const;
  std::uint64_t at_most(int value) const;
  std::uint64_t between(int low, int high) const;

 private:
  std::uint64_t counts_[max_value + 1] = {};
  std::uint64_t other_ = 0, n_ = 0, good_ = 0, bad_ = 0;
  double sum_ = 0, square_sum_ = 0;
  double min_ = std::numeric_limits<double>::infinity();
  double max_ = -std::numeric_limits<double>::infinity();
};

/** CSAT scale from the values: 1-3, 1-5, 1-7 or 1-10 (0-10 when a 0 occurs), the smallest that holds
 *  the largest value. */
RatingScale detect_csat_scale(const RatingCounts& counts);
/** NPS scale: 0-10, or 1-10 when no 0 was seen (the bands are the same). */
RatingScale detect_nps_scale(const RatingCounts& counts);
/** CES scale: 1-5 or 1-7 (1-10 when larger values occur). */
RatingScale detect_ces_scale(const RatingCounts& counts);

/** Sums over integer keys (day numbers, interval indexes, month keys), dense between the smallest
 *  and largest key seen. Keys that would stretch the range past max_span are counted as outliers.
 *  T is double for amounts and std::uint32_t for counts (an integer add has no floating-point
 *  latency on the same day's cell, row after row). */
template <typename T>
class BasicSeries {
 public:
  BasicSeries() = default;
  explicit BasicSeries(std::int64_t max_span) : max_span_(max_span) {}
  void add(std::int64_t key, T amount = 1) {
    const std::int64_t index = key - base_;
    if (index >= 0 && index < static_cast<std::int64_t>(values_.size())) {
      values_[static_cast<std::size_t>(index)] += amount;
      if (key < low_) low_ = key;
      if (key > high_) high_ = key;
      return;
    }
    add_slow(key, amount);
  }
  void merge(const BasicSeries& other) {
    if (other.values_.empty()) return;
    for (std::int64_t key = other.low_; key <= other.high_; ++key) {
      const T value = other.values_[static_cast<std::size_t>(key - other.base_)];
      if (value != 0 || key == other.low_ || key == other.high_) add(key, value);
    }
    outliers_ += other.outliers_;
  }
  bool empty() const { return values_.empty(); }
  /** Smallest and largest key added (the storage may reach further). */
  std::int64_t first_key() const { return low_; }
  std::int64_t last_key() const { return high_; }
  double at(std::int64_t key) const {
    const std::int64_t index = key - base_;
    return index >= 0 && index < static_cast<std::int64_t>(values_.size()) ? static_cast<double>(values_[static_cast<std::size_t>(index)]) : 0;
  }
  double total() const {
    double sum = 0;
    for (T value : values_) sum += static_cast<double>(value);
    return sum;
  }
  std::uint64_t outliers() const { return outliers_; }

 private:
  std::int64_t stored_last() const { return base_ + static_cast<std::int64_t>(values_.size()) - 1; }
  [[gnu::noinline]] void add_slow(std::int64_t key, T amount) {
    if (values_.empty()) {
      base_ = key;
      values_.assign(1, amount);
      low_ = high_ = key;
      return;
    }
    const std::int64_t first = key < low_ ? key : low_;
    const std::int64_t last = key > high_ ? key : high_;
    if (last - first + 1 > max_span_) {
      ++outliers_;
      return;
    }
    // Grow by a margin on the side that moved so a slowly widening range is not copied per row.
    const std::int64_t size = static_cast<std::int64_t>(values_.size());
    if (key < base_) {
      std::int64_t new_base = key - size / 2;
      if (new_base < stored_last() - max_span_ + 1) new_base = stored_last() - max_span_ + 1;
      if (new_base > key) new_base = key;
      std::vector<T> grown(static_cast<std::size_t>(stored_last() - new_base + 1), T{});
      for (std::size_t i = 0; i < values_.size(); ++i) grown[static_cast<std::size_t>(base_ - new_base) + i] = values_[i];
      values_.swap(grown);
      base_ = new_base;
    } else {
      std::int64_t new_last = key + size / 2;
      if (new_last > base_ + max_span_ - 1) new_last = base_ + max_span_ - 1;
      if (new_last < key) new_last = key;
      values_.resize(static_cast<std::size_t>(new_last - base_ + 1), T{});
    }
    values_[static_cast<std::size_t>(key - base_)] += amount;
    if (key < low_) low_ = key;
    if (key > high_) high_ = key;
  }

  std::int64_t max_span_ = 200000;
  std::int64_t base_ = 0;
  std::int64_t low_ = INT64_MAX, high_ = INT64_MIN;
  std::vector<T> values_;
  std::uint64_t outliers_ = 0;
};

using SeriesSums = BasicSeries<double>;
using DayCounts = BasicSeries<std::uint32_t>;

/** Counts per day and per value of one dimension (channel, category): days × (width + 1) cells,
 *  values with ids past `width` share the last column ("other"). */
class DayGrid {
 public:
  DayGrid() = default;
  explicit DayGrid(std::uint32_t width, std::int64_t max_span = 200000) : width_(width), max_span_(max_span) {}
  void add(std::int64_t day, std::uint32_t id) {
    const std::int64_t index = day - base_;
    const std::uint32_t column = id < width_ ? id : width_;
    if (index >= 0 && index < days_) {
      ++cells_[static_cast<std::size_t>(index) * (width_ + 1) + column];
      return;
    }
    add_slow(day, column);
  }
  void merge(const DayGrid& other);
  bool empty() const { return days_ == 0; }
  std::int64_t first_day() const { return base_; }
  std::int64_t last_day() const { return base_ + days_ - 1; }
  std::uint32_t width() const { return width_; }
  std::uint64_t at(std::int64_t day, std::uint32_t column) const {
    const std::int64_t index = day - base_;
    if (index < 0 || index >= days_ || column > width_) return 0;
    return cells_[static_cast<std::size_t>(index) * (width_ + 1) + column];
  }

 private:
  [[gnu::noinline]] void add_slow(std::int64_t day, std::uint32_t column);
  std::uint32_t width_ = 24;
  std::int64_t max_span_ = 200000;
  std::int64_t base_ = 0;
  std::int64_t days_ = 0;
  std::vector<std::uint32_t> cells_;
};

/** A vector indexed by dictionary id that grows on demand. */
template <typename T>
class PerKey {
 public:
  T& operator[](std::uint32_t id) {
    if (id >= items_.size()) items_.resize(static_cast<std::size_t>(id) + 1);
    return items_[id];
  }
  const T* find(std::uint32_t id) const { return id < items_.size() ? &items_[id] : nullptr; }
  std::size_t size() const { return items_.size(); }
  template <typename Merge>
  void merge(const PerKey& other, Merge&& merge_one) {
    if (other.items_.size() > items_.size()) items_.resize(other.items_.size());
    for (std::size_t i = 0; i < other.items_.size(); ++i) merge_one(items_[i], other.items_[i]);
  }

 private:
  std::vector<T> items_;
};

}  // namespace skpi::analysis
