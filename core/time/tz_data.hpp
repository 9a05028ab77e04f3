// Declarations of the generated time-zone table (core/time/tz_data.cpp, from scripts/gen_tz.py).
// Internal to core/time: everything else goes through core/time/zone.hpp.
#pragma once

#include <cstddef>
#include <cstdint>

#include "core/time/zone.hpp"

namespace skpi::time::detail {

extern const char k_tzdata_version[];
extern const std::int32_t k_transition_times[];
extern const std::uint8_t k_transition_types[];
extern const std::int32_t k_type_offsets[];
extern const ZoneData k_zone_data[];
extern const std::size_t k_zone_data_count;
extern const Zone k_zones[];  // sorted by name
extern const std::size_t k_zone_count;

}  // namespace skpi::time::detail
