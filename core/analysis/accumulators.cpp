#include "core/analysis/accumulators.hpp"

#include <algorithm>

namespace skpi::analysis {

// ------------------------------------------------------------------------------------ QuantileStore

void QuantileStore::switch_to_real() {
  real_.reserve(whole_.size() + 16);
  whole_.for_each([this](std::int32_t value) { real_.push_back(value); });
  real_sum_ = static_cast<double>(whole_sum_);
  real_compensation_ = static_cast<double>(whole_sum_ - static_cast<std::int64_t>(real_sum_));
  whole_.clear();
  whole_sum_ = 0;
  real_mode_ = true;
}

void QuantileStore::add_real(double value) {
  if (!real_mode_) switch_to_real();
  real_.push_back(value);
  add_to_sum(value);
}

void QuantileStore::merge(const QuantileStore& other) {
  if (!other.real_mode_ && !real_mode_) {
    whole_.append(other.whole_);
    whole_sum_ += other.whole_sum_;
    return;
  }
  if (!real_mode_) switch_to_real();
  if (other.real_mode_) {
    for (double value : other.real_) {
      real_.push_back(value);
      add_to_sum(value);
    }
  } else {
    other.whole_.for_each([this](std::int32_t value) {
      real_.push_back(value);
      add_to_sum(value);
    });
  }
}

namespace {

// Quantile q of values[from, n) where every element before `from` is <= every element after it and
// the wanted position is >= from (so a second quantile reuses the first partition).
template <typename T>
double quantile_of(std::vector<T>& values, double q, std::size_t from = 0) {
  const std::size_t n = values.size();
  const double position = q * static_cast<double>(n - 1);
  std::size_t low = static_cast<std::size_t>(std::floor(position));
  if (low >= n - 1) low = n - 1;
  if (low < from) from = 0;
  const double fraction = position - static_cast<double>(low);
  std::nth_element(values.begin() + static_cast<std::ptrdiff_t>(from), values.begin() + static_cast<std::ptrdiff_t>(low), values.end());
  const double a = static_cast<double>(values[low]);
  if (low + 1 >= n || fraction == 0) return a;
  const double b = static_cast<double>(*std::min_element(values.begin() + static_cast<std::ptrdiff_t>(low) + 1, values.end()));
  return numpy_lerp(a, b, fraction);
}

template <typename T>
void median_and_p90(std::vector<T>& values, double& median, double& p90) {
  median = quantile_of(values, 0.5);
  const std::size_t after_median = static_cast<std::size_t>(std::floor(0.5 * static_cast<double>(values.size() - 1))) + 1;
  p90 = quantile_of(values, 0.9, std::min(after_median, values.size() - 1));
}

// Per-block kernels of the passes below, out of line on purpose (see Int32Blocks::for_each_block).
[[gnu::noinline]] void block_range(const std::int32_t* data, std::size_t count, std::int32_t& low, std::int32_t& high) {
  for (std::size_t i = 0; i < count; ++i) {
    low = std::min(low, data[i]);
    high = std::max(high, data[i]);
  }
}
[[gnu::noinline]] void block_range_and_squares(const std::int32_t* data, std::size_t count, double mean, std::int32_t& low,
                                               std::int32_t& high, double& squares) {
  std::int32_t lo = low, hi = high;
  double sum = squares;
  for (std::size_t i = 0; i < count; ++i) {
    const std::int32_t value = data[i];
    lo = std::min(lo, value);
    hi = std::max(hi, value);
    sum += (value - mean) * (value - mean);
  }
  low = lo;
  high = hi;
  squares = sum;
}
[[gnu::noinline]] void block_histogram(const std::int32_t* data, std::size_t count, std::int32_t low, int shift,
                                       std::uint32_t* histogram) {
  for (std::size_t i = 0; i < count; ++i)
    ++histogram[static_cast<std::uint32_t>(static_cast<std::int64_t>(data[i]) - low) >> shift];
}
[[gnu::noinline]] void block_collect(const std::int32_t* data, std::size_t count, std::int32_t low, int shift,
                                     const std::uint32_t* histogram, std::vector<std::vector<std::int32_t>>& members) {
  for (std::size_t i = 0; i < count; ++i) {
    const std::uint32_t mark = histogram[static_cast<std::uint32_t>(static_cast<std::int64_t>(data[i]) - low) >> shift];
    if (mark & 0x80000000u) members[mark & 0x7FFFFFFFu].push_back(data[i]);
  }
}
[[gnu::noinline]] std::size_t block_count_at_most(const std::int32_t* data, std::size_t count, double limit) {
  std::size_t at_most = 0;
  for (std::size_t i = 0; i < count; ++i) at_most += data[i] <= limit;
  return at_most;
}

// Quantiles of many whole numbers by a histogram: one counting pass over (value - min) >> shift in
// 65,536 buckets finds the bucket of each wanted rank, a second pass copies those buckets' values,
// and only they are sorted. Two linear passes instead of nth_element's partitioning: several times
// faster on millions of values, and exact.
// The values are those of several stores together (a union, without copying them).
using WholeParts = std::vector<const Int32Blocks*>;

template <typename Visit>
void for_each_block(const WholeParts& parts, Visit&& visit) {
  for (const Int32Blocks* part : parts) part->for_each_block(visit);
}

void whole_quantiles(const WholeParts& parts, std::size_t n, std::int32_t low, std::int32_t high, const double* qs,
                     std::size_t count, double* out) {
  // About four values per bucket, between 256 and 65,536 buckets.
  int bucket_bits = 8;
  while (bucket_bits < 16 && (std::size_t{1} << (bucket_bits + 2)) < n) ++bucket_bits;
  const std::uint64_t range = static_cast<std::uint64_t>(static_cast<std::int64_t>(high) - low);
  int shift = 0;
  while ((range >> shift) >= (1u << bucket_bits)) ++shift;
  std::vector<std::uint32_t> histogram((range >> shift) + 1, 0);
  for_each_block(parts, [&](const std::int32_t* data, std::size_t size) { block_histogram(data, size, low, shift, histogram.data()); });
  // The ranks needed: floor and floor + 1 of each position q * (n - 1).
  std::vector<std::size_t> ranks;
  for (std::size_t i = 0; i < count; ++i) {
    const auto rank = static_cast<std::size_t>(std::floor(qs[i] * static_cast<double>(n - 1)));
    ranks.push_back(std::min(rank, n - 1));
    ranks.push_back(std::min(rank + 1, n - 1));
  }
  // Bucket of each rank, and where the bucket starts in sorted order.
  std::vector<std::uint32_t> wanted_bucket(ranks.size());
  std::vector<std::size_t> bucket_start(ranks.size());
  {
    std::vector<std::size_t> order(ranks.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return ranks[a] < ranks[b]; });
    std::size_t seen = 0;
    std::uint32_t bucket = 0;
    for (std::size_t index : order) {
      while (seen + histogram[bucket] <= ranks[index]) seen += histogram[bucket++];
      wanted_bucket[index] = bucket;
      bucket_start[index] = seen;
    }
  }
  std::vector<std::uint32_t> buckets(wanted_bucket);
  std::sort(buckets.begin(), buckets.end());
  buckets.erase(std::unique(buckets.begin(), buckets.end()), buckets.end());
  std::vector<std::vector<std::int32_t>> members(buckets.size());
  for (std::size_t b = 0; b < buckets.size(); ++b) members[b].reserve(histogram[buckets[b]]);
  // Marks the wanted buckets in the histogram itself (its counts are no longer needed).
  for (std::size_t b = 0; b < buckets.size(); ++b) histogram[buckets[b]] = 0x80000000u | static_cast<std::uint32_t>(b);
  for_each_block(parts, [&](const std::int32_t* data, std::size_t size) { block_collect(data, size, low, shift, histogram.data(), members); });
  for (auto& bucket_values : members) std::sort(bucket_values.begin(), bucket_values.end());
  auto value_at = [&](std::size_t r) {
    const std::size_t b = static_cast<std::size_t>(std::lower_bound(buckets.begin(), buckets.end(), wanted_bucket[r]) - buckets.begin());
    return static_cast<double>(members[b][ranks[r] - bucket_start[r]]);
  };
  for (std::size_t i = 0; i < count; ++i) {
    const double position = qs[i] * static_cast<double>(n - 1);
    const double fraction = position - std::floor(position);
    const double a = value_at(2 * i);
    out[i] = fraction == 0 || ranks[2 * i] == ranks[2 * i + 1] ? a : numpy_lerp(a, value_at(2 * i + 1), fraction);
  }
}

constexpr std::size_t histogram_threshold = 2048;

}  // namespace

double QuantileStore::quantile(double q) {
  if (real_mode_) return quantile_of(real_, q);
  if (whole_.size() >= histogram_threshold) {
    std::int32_t low = INT32_MAX, high = INT32_MIN;
    whole_.for_each_block([&](const std::int32_t* data, std::size_t size) { block_range(data, size, low, high); });
    double out = 0;
    whole_quantiles({&whole_}, whole_.size(), low, high, &q, 1, &out);
    return out;
  }
  std::vector<std::int32_t> values = whole_.to_vector();
  return quantile_of(values, q);
}

namespace {

// n, mean, min, max, sd, median and p90 of whole numbers held in one or more stores.
QuantileSummary whole_summary(const WholeParts& parts, std::size_t count, std::int64_t sum) {
  QuantileSummary summary;
  summary.n = count;
  if (count == 0) return summary;
  const double n = static_cast<double>(count);
  summary.sum = static_cast<double>(sum);
  summary.mean = summary.sum / n;
  double squares = 0;  // a second pass around the mean: Σx² − n·mean² would lose digits
  std::int32_t low = INT32_MAX, high = INT32_MIN;
  const double mean = summary.mean;
  for_each_block(parts, [&](const std::int32_t* data, std::size_t size) { block_range_and_squares(data, size, mean, low, high, squares); });
  summary.min = low;
  summary.max = high;
  if (count >= histogram_threshold) {
    const double qs[2] = {0.5, 0.9};
    double out[2];
    whole_quantiles(parts, count, low, high, qs, 2, out);
    summary.median = out[0];
    summary.p90 = out[1];
  } else {
    std::vector<std::int32_t> values;
    values.reserve(count);
    for (const Int32Blocks* part : parts) part->for_each([&values](std::int32_t value) { values.push_back(value); });
    median_and_p90(values, summary.median, summary.p90);
  }
  if (count >= 2) summary.standard_deviation = std::sqrt(squares / (n - 1));
  return summary;
}

}  // namespace

QuantileSummary QuantileStore::summarize() {
  if (!real_mode_) return whole_summary({&whole_}, whole_.size(), whole_sum_);
  QuantileSummary summary;
  summary.n = size();
  if (summary.n == 0) return summary;
  const double n = static_cast<double>(summary.n);
  summary.sum = total();
  summary.mean = summary.sum / n;
  double squares = 0;
  const auto [low, high] = std::minmax_element(real_.begin(), real_.end());
  summary.min = *low;
  summary.max = *high;
  for (double value : real_) squares += (value - summary.mean) * (value - summary.mean);
  median_and_p90(real_, summary.median, summary.p90);
  if (summary.n >= 2) summary.standard_deviation = std::sqrt(squares / (n - 1));
  return summary;
}

QuantileSummary QuantileStore::summarize_union(const std::vector<QuantileStore*>& parts) {
  WholeParts wholes;
  std::size_t count = 0;
  std::int64_t sum = 0;
  for (QuantileStore* part : parts) {
    if (part->real_mode_) {
      QuantileStore merged;  // fractions somewhere: a merged copy, in the stores' order
      for (QuantileStore* each : parts) merged.merge(*each);
      return merged.summarize();
    }
    if (part->whole_.size() == 0) continue;
    wholes.push_back(&part->whole_);
    count += part->whole_.size();
    sum += part->whole_sum_;
  }
  return whole_summary(wholes, count, sum);
}

std::size_t QuantileStore::count_at_most(double limit) const {
  std::size_t count = 0;
  if (real_mode_) {
    for (double value : real_) count += value <= limit;
  } else {
    whole_.for_each_block([&](const std::int32_t* data, std::size_t size) { count += block_count_at_most(data, size, limit); });
  }
  return count;
}

// -------------------------------------------------------------------------------------- RatingCounts

void RatingCounts::merge(const RatingCounts& other) {
  for (int i = 0; i <= max_value; ++i) counts_[i] += other.counts_[i];
  other_ += other.other_;
  n_ += other.n_;
  good_ += other.good_;
  bad_ += other.bad_;
  sum_ += other.sum_;
  square_sum_ += other.square_sum_;
  min_ = std::min(min_, other.min_);
  max_ = std::max(max_, other.max_);
}

std::uint64_t RatingCounts::at_least(int value) const { return between(value, max_value); }
std::uint64_t RatingCounts::at_most(int value) const { return between(0, value); }
std::uint64_t RatingCounts::between(int low, int high) const {
  std::uint64_t total = 0;
  for (int i = std::max(low, 0); i <= std::min(high, max_value); ++i) total += counts_[i];
  return total;
}

RatingScale detect_csat_scale(const RatingCounts& counts) {
  const double top = counts.max();
  const int low = counts.count(0) > 0 ? 0 : 1;
  if (top <= 3) return {low, 3};
  if (top <= 5) return {low, 5};
  if (top <= 7) return {low, 7};
  return {low, 10};
}

RatingScale detect_nps_scale(const RatingCounts& counts) { return {counts.count(0) > 0 ? 0 : 1, 10}; }

RatingScale detect_ces_scale(const RatingCounts& counts) {
  const double top = counts.max();
  if (top <= 5) return {1, 5};
  if (top <= 7) return {1, 7};
  return {1, 10};
}

// ------------------------------------------------------------------------------------------- DayGrid

void DayGrid::add_slow(std::int64_t day, std::uint32_t column) {
  const std::size_t stride = width_ + 1;
  if (days_ == 0) {
    base_ = day;
    days_ = 1;
    cells_.assign(stride, 0);
    ++cells_[column];
    return;
  }
  const std::int64_t first = std::min(base_, day);
  const std::int64_t last = std::max(last_day(), day);
  if (last - first + 1 > max_span_) return;
  std::int64_t new_base = base_;
  std::int64_t new_last = last_day();
  if (day < base_) new_base = std::max(std::min(day, day - days_ / 4), last - max_span_ + 1);
  if (day > new_last) new_last = std::min(std::max(day, day + days_ / 4), new_base + max_span_ - 1);
  new_base = std::min(new_base, day);
  new_last = std::max(new_last, day);
  const std::int64_t new_days = new_last - new_base + 1;
  std::vector<std::uint32_t> grown(static_cast<std::size_t>(new_days) * stride, 0);
  std::copy(cells_.begin(), cells_.end(), grown.begin() + static_cast<std::ptrdiff_t>((base_ - new_base) * static_cast<std::int64_t>(stride)));
  cells_.swap(grown);
  base_ = new_base;
  days_ = new_days;
  ++cells_[static_cast<std::size_t>(day - base_) * stride + column];
}

void DayGrid::merge(const DayGrid& other) {
  const std::uint32_t columns = std::min(width_, other.width_) + 1;
  for (std::int64_t day = other.base_; day < other.base_ + other.days_; ++day) {
    for (std::uint32_t column = 0; column < columns; ++column) {
      const std::uint32_t count = other.cells_[static_cast<std::size_t>(day - other.base_) * (other.width_ + 1) + column];
      if (count == 0) continue;
      const std::uint32_t target = column == other.width_ ? width_ : column;
      add(day, target);  // makes room for the day
      if (day >= base_ && day < base_ + days_) cells_[static_cast<std::size_t>(day - base_) * (width_ + 1) + target] += count - 1;
    }
  }
}

}  // namespace skpi::analysis
