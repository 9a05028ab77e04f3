#include "core/analysis/mapper.hpp"

#include <algorithm>
#include <bitset>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <unordered_map>

#include "core/analysis/values.hpp"
#include "core/csv/number.hpp"

namespace skpi::analysis {

// ------------------------------------------------------------------------------------------- Sample

void Sample::add(const std::string_view* fields, std::size_t count, std::uint64_t row) {
  if (record_first_field.empty()) {
    record_first_field.push_back(0);
    field_offsets.push_back(0);
  }
  for (std::size_t i = 0; i < count; ++i) {
    text.append(fields[i].data(), fields[i].size());
    field_offsets.push_back(static_cast<std::uint32_t>(text.size()));
  }
  record_first_field.push_back(static_cast<std::uint32_t>(field_offsets.size() - 1));
  row_numbers.push_back(row);
}

void Sample::clear() {
  std::string().swap(text);
  std::vector<std::uint32_t>().swap(field_offsets);
  std::vector<std::uint32_t>().swap(record_first_field);
  std::vector<std::uint64_t>().swap(row_numbers);
}

// ------------------------------------------------------------------------------------ word classes

namespace {

std::string lower_ascii(std::string_view text) {
  std::string out(trim(text));
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return out;
}

bool starts_with(const std::string& text, std::string_view prefix) {
  return text.size() >= prefix.size() && text.compare(0, prefix.size(), prefix) == 0;
}

bool one_of(const std::string& text, std::initializer_list<std::string_view> words) {
  for (std::string_view word : words) {
    if (text == word) return true;
  }
  return false;
}

}  // namespace

int classify_outcome(std::string_view value) {
  const std::string word = lower_ascii(value);
  if (one_of(word, {"answered", "answer", "success", "successful", "succeeded", "agent", "handled", "served", "connected",
                    "accepted", "completed", "complete", "vastatud", "vastattu", "raspuns", "răspuns", "yanıtlandı", "yanitlandi",
                    "cevaplandı", "تم الرد"}))
    return 1;
  if (one_of(word, {"abandoned", "abandon", "abandonment", "hang", "hangup", "hang up", "hung up", "hang-up", "lost",
                    "missed", "no answer", "noanswer", "no-answer", "no_answer", "unanswered", "not answered", "dropped", "short abandon",
                    "katkestatud", "vastamata", "hylätty", "vastaamaton", "abandonat", "pierdut", "terk edildi", "cevapsız",
                    "cevapsiz", "kaçırıldı", "متروك", "فائت"}))
    return 2;
  if (one_of(word, {"phantom", "busy", "failed", "fail", "voicemail", "overflow", "blocked", "error", "transferred",
                    "transfer", "rejected", "cancelled", "canceled", "in-progress", "ringing", "queued", "initiated"}))
    return 3;
  return 0;
}

int classify_payment(std::string_view value) {
  const std::string word = lower_ascii(value);
  if (one_of(word, {"paid", "succeeded", "successful", "captured", "partially_refunded", "partially refunded", "settled", "makstud",
                    "maksettu", "platit", "ödendi", "odendi", "مدفوع"}))
    return 1;
  if (one_of(word, {"refunded", "failed", "voided", "void", "pending", "authorized", "authorised", "declined", "canceled",
                    "cancelled", "expired", "uncaptured", "refund", "disputed", "chargeback", "unpaid", "partially_paid",
                    "partially paid", "tagastatud", "hyvitetty", "rambursat", "iade edildi", "مسترد"}))
    return 2;
  return 0;
}

int classify_direction(std::string_view value) {
  const std::string word = lower_ascii(value);
  if (one_of(word, {"inbound", "incoming", "in", "inbound call", "incoming call", "received", "sissetulev", "saapuva", "primit",
                    "gelen", "وارد"}))
    return 1;
  if (one_of(word, {"outbound", "outgoing", "out", "outbound call", "outgoing call", "outbound-api", "outbound-dial", "outbound_api",
                    "outbound_dial", "dialed", "väljuv", "lähtevä", "efectuat", "giden", "صادر"}))
    return 2;
  return 0;
}

int classify_status(std::string_view value) {
  const std::string word = lower_ascii(value);
  if (word.empty()) return 0;
  if (one_of(word, {"solved", "resolved", "closed", "done", "fixed", "completed", "complete", "closed/resolved",
                    "resolved/closed", "canceled", "cancelled", "archived", "finished",
                    "lahendatud", "suletud", "lõpetatud", "ratkaistu", "suljettu", "valmis", "rezolvat", "inchis", "închis",
                    "finalizat", "çözüldü", "cozuldu", "kapalı", "kapali", "kapatıldı", "kapatildi", "tamamlandı",
                    "مغلق", "تم الحل", "محلول", "مكتمل"}))
    return 1;
  if (one_of(word, {"new", "open", "opened", "pending", "hold", "on hold", "on-hold", "onhold", "in progress",
                    "in-progress", "active", "working", "to do", "todo", "indeterminate", "snoozed", "assigned", "reopened", "escalated", "unresolved",
                    "waiting", "uus", "avatud", "ootel", "töös", "uusi", "avoin", "odottaa", "työn alla", "nou", "deschis",
                    "în așteptare", "in asteptare", "în lucru", "yeni", "açık", "acik", "beklemede", "işlemde",
                    "جديد", "مفتوح", "معلق", "قيد التنفيذ"}))
    return 2;
  if (starts_with(word, "await") || starts_with(word, "waiting") || starts_with(word, "in progress") ||
      starts_with(word, "pending") || starts_with(word, "open"))
    return 2;
  if (starts_with(word, "closed") || starts_with(word, "resolved") || starts_with(word, "solved")) return 1;
  return 0;
}

namespace {
int classic_three_point(const std::string& word) {
  if (word == "awesome") return 3;
  if (word == "just okay" || word == "just ok" || word == "okay") return 2;
  if (word == "not good") return 1;
  return 0;
}
}  // namespace

int worded_rating(std::string_view value) {
  const std::string word = lower_ascii(value);
  if (word.empty()) return 0;
  // Freshdesk's five faces: Extremely happy .. Extremely unhappy.
  if (one_of(word, {"extremely satisfied", "very satisfied", "completely satisfied", "strongly agree", "excellent", "very good",
                    "extremely happy", "very happy"})) return 5;
  if (one_of(word, {"satisfied", "somewhat satisfied", "agree", "happy"})) return 4;
  if (one_of(word, {"neutral", "neither satisfied nor dissatisfied", "neither", "neither agree nor disagree", "average"})) return 3;
  if (one_of(word, {"dissatisfied", "unsatisfied", "somewhat dissatisfied", "disagree", "poor", "unhappy"})) return 2;
  if (one_of(word, {"extremely dissatisfied", "very dissatisfied", "extremely unsatisfied", "very unsatisfied", "strongly disagree",
                    "very poor", "terrible", "extremely unhappy", "very unhappy"}))
    return 1;
  return classic_three_point(word);
}

int nps_label(std::string_view value) {
  const std::string word = lower_ascii(value);
  if (word.empty()) return -1;
  if (one_of(word, {"not at all likely", "not likely at all", "not at all likely to recommend", "extremely unlikely",
                    "very unlikely"}))
    return 0;
  if (one_of(word, {"extremely likely", "very likely", "extremely likely to recommend", "definitely"})) return 10;
  // "10 - Extremely likely", "0 = Not at all likely", "9 (very likely)"
  std::size_t i = 0;
  int number = 0;
  while (i < word.size() && i < 2 && word[i] >= '0' && word[i] <= '9') number = number * 10 + (word[i++] - '0');
  if (i == 0 || number > 10 || i == word.size()) return -1;
  std::size_t j = i;
  while (j < word.size() && word[j] == ' ') ++j;
  if (j == word.size() || (word[j] != '-' && word[j] != '=' && word[j] != '(' && word[j] != ':')) return -1;
  if (word[j] == '-' && j + 1 < word.size() && word[j + 1] >= '0' && word[j + 1] <= '9') return -1;  // a range "0-6"
  return number;
}

int classify_verdict(std::string_view value) {
  const std::string word = lower_ascii(value);
  if (word.empty()) return 0;
  if (one_of(word, {"offered", "unoffered", "not offered", "no rating"})) return 3;
  if (starts_with(word, "good") || starts_with(word, "satisfied") || starts_with(word, "positive") ||
      one_of(word, {"thumbs up", "happy", "great", "amazing", "yes", "hea", "hyvä", "bun", "iyi", "جيد"}))
    return 1;
  if (starts_with(word, "bad") || starts_with(word, "unsatisfied") || starts_with(word, "dissatisfied") ||
      starts_with(word, "negative") ||
      one_of(word, {"thumbs down", "unhappy", "terrible", "awful", "no", "halb", "huono", "rău", "rau", "kötü", "kotu", "سيئ"}))
    return 2;
  return 0;
}

// ---------------------------------------------------------------------------------------- profiling

namespace {

// What one distinct cell value looks like; computed once per distinct value of a column.
struct CellClass {
  bool number = false, integer = false, leading_zero = false, timestamp = false, year_first = false, duration = false;
  bool verdict = false, outcome = false, ticket_state = false, payment = false, response_type = false;
  bool month_name = false, worded_duration = false, percent = false, six_digit_date = false, money = false;
  double value = 0;
};

CellClass classify_cell(std::string_view value, char decimal) {
  CellClass cell;
  bool flag = false;
  if (read_number(value, decimal, cell.value) == Read::ok) {
    cell.number = true;
    if (cell.value == static_cast<double>(static_cast<long long>(cell.value)) && value.find_first_of(".,eE") == std::string_view::npos) {
      cell.integer = true;
      cell.leading_zero = value.size() > 1 && value[0] == '0';
    }
    cell.verdict = read_flag(value, flag) == Read::ok;
    int year = 0, month = 0, day = 0;
    cell.six_digit_date = value.size() == 6 && read_yymmdd(value, year, month, day);
    cell.response_type = classify_response_type(value) != 0;
    return cell;
  }
  std::int64_t seconds_since_epoch = 0;
  bool has_offset = false;
  if (TimeColumn::fast_iso(value, seconds_since_epoch, has_offset)) {  // the common ISO forms, cheaply
    cell.timestamp = true;
    cell.year_first = true;
    return cell;
  }
  if (time::parse_timestamp(value, time::DateOrder::day_first).ok || time::parse_timestamp(value, time::DateOrder::month_first).ok) {
    cell.timestamp = true;
    cell.year_first = time::detect_format(value, time::DateOrder::day_first).kind == time::TimestampKind::year_first;
    return cell;
  }
  std::string rewritten;
  if (month_name_date(value, rewritten) && time::parse_timestamp(rewritten, time::DateOrder::day_first).ok) {
    cell.timestamp = true;
    cell.month_name = true;
    return cell;
  }
  double seconds = 0;
  if (value.find(':') != std::string_view::npos && read_duration(value, decimal, 1, seconds) == Read::ok) {
    cell.duration = true;
    return cell;
  }
  if (read_worded_duration(value, seconds)) {
    cell.duration = true;
    cell.worded_duration = true;
    return cell;
  }
  if (value.back() == '%') {
    const auto parsed = csv::parse_number_or_percent(value, decimal);
    if (parsed) {
      cell.percent = true;
      cell.value = parsed->value;
      return cell;
    }
  }
  if (read_money(value, decimal, cell.value) == Read::ok) {
    cell.money = true;
    return cell;
  }
  cell.verdict = classify_verdict(value) != 0 || worded_rating(value) != 0 || read_flag(value, flag) == Read::ok;
  cell.outcome = classify_outcome(value) != 0;
  cell.ticket_state = classify_status(value) != 0;
  cell.payment = classify_payment(value) != 0 && !cell.ticket_state;
  cell.response_type = classify_response_type(value) != 0;
  return cell;
}

}  // namespace

std::vector<ColumnProfile> profile_columns(const Sample& sample, char decimal) {
  std::size_t width = sample.names.size();
  for (std::size_t r = 0; r < sample.records(); ++r) width = std::max(width, sample.fields_in(r));
  std::vector<ColumnProfile> profiles(width);
  for (std::size_t c = 0; c < width; ++c) {
    ColumnProfile& profile = profiles[c];
    std::unordered_map<std::string_view, CellClass> seen;
    std::vector<std::string_view> numeric_values;
    std::bitset<100> lead_pairs, tail_pairs;
    for (std::size_t r = 0; r < sample.records(); ++r) {
      const std::string_view value = trim(sample.field(r, c));
      if (value.empty()) continue;
      CellClass cell;
      auto found = seen.find(value);
      if (found != seen.end()) {
        cell = found->second;
        ++profile.repeated;
      } else {
        if (TimeColumn::is_missing(value)) continue;
        cell = classify_cell(value, decimal);
        if (seen.size() < 256) seen.emplace(value, cell);
        else profile.distinct_overflow = true;
      }
      ++profile.values;
      if (profile.first_value.empty()) profile.first_value = std::string(value);
      if (cell.number) {
        ++profile.numbers;
        numeric_values.push_back(value);
        profile.integers += cell.integer;
        profile.zero_to_ten += cell.value >= 0 && cell.value <= 10;
        profile.leading_zeros += cell.leading_zero;
        if (!profile.any_number) {
          profile.min = profile.max = cell.value;
          profile.any_number = true;
        }
        profile.min = std::min(profile.min, cell.value);
        profile.max = std::max(profile.max, cell.value);
      }
      profile.timestamps += cell.timestamp;
      profile.year_first += cell.year_first;
      profile.durations += cell.duration;
      profile.verdicts += cell.verdict;
      profile.outcomes += cell.outcome;
      profile.ticket_states += cell.ticket_state;
      profile.outcome_only += cell.outcome && !cell.ticket_state;
      profile.state_only += cell.ticket_state && !cell.outcome;
      profile.payments += cell.payment;
      profile.response_types += cell.response_type;
      profile.response_type_words += cell.response_type && !cell.number;
      profile.month_names += cell.month_name;
      profile.worded_durations += cell.worded_duration;
      profile.percents += cell.percent;
      profile.money += cell.money;
      if (cell.six_digit_date) {
        ++profile.six_digit_dates;
        lead_pairs.set(static_cast<std::size_t>((value[0] - '0') * 10 + (value[1] - '0')));
        tail_pairs.set(static_cast<std::size_t>((value[4] - '0') * 10 + (value[5] - '0')));
      }
    }
    profile.lead_pairs = lead_pairs.count();
    profile.tail_pairs = tail_pairs.count();
    profile.distinct = seen.size();
    if (!numeric_values.empty() && numeric_values.size() == profile.values) {
      profile.numeric_time = time::classify_numeric_timestamp(numeric_values);
    }
  }
  return profiles;
}

bool six_digit_date_column(const ColumnProfile& profile) {
  return profile.values > 0 && profile.six_digit_dates == profile.values && profile.tail_pairs >= profile.lead_pairs;
}

// ------------------------------------------------------------------------------------------ mapping

namespace {

const char* type_of(const ColumnProfile& profile) {
  if (profile.values == 0) return "empty";
  if (profile.timestamps * 10 >= profile.values * 9) return "timestamp";
  if (profile.numbers * 10 >= profile.values * 9) return "number";
  if (profile.durations * 10 >= profile.values * 9) return "duration";
  return "text";
}

bool mostly(std::size_t part, std::size_t whole) { return part * 10 >= whole * 6; }

bool numeric_timestamp(const ColumnProfile& profile) {
  return profile.numeric_time.kind != time::TimestampKind::invalid && profile.numbers == profile.values;
}

// Whether the sample values suit a role; `why` says what they look like when they do not.
bool values_fit(Role role, const ColumnProfile& profile, std::string& why) {
  if (profile.values == 0) return true;  // nothing to judge by: trust the name
  const std::size_t n = profile.values;
  bool fits = true;
  switch (role_value_type(role)) {
    case ValueType::timestamp:
      fits = mostly(profile.timestamps, n) || numeric_timestamp(profile) || six_digit_date_column(profile);
      if (!fits && profile.six_digit_dates == n) {
        why = "six-digit values that read as day-month-year rather than YYMMDD (e.g. \"" + profile.first_value + "\"); not read as dates";
        return false;
      }
      break;
    case ValueType::number:
      fits = mostly(profile.numbers, n);
      // Amounts may carry a currency sign or code ("$1,234.50", "12,00 EUR").
      if (!fits && (role == Role::amount || role == Role::recurring_revenue || role == Role::refunded || role == Role::unit_price)) fits = mostly(profile.numbers + profile.money, n);
      if (!fits && role == Role::service_level_percent) fits = mostly(profile.numbers + profile.percents, n);
      // Rating scales: a stray out-of-range value is counted later, it does not undo the mapping.
      if (fits && (role == Role::nps || role == Role::ces)) fits = mostly(profile.zero_to_ten, profile.numbers);
      break;
    case ValueType::duration:
      fits = mostly(profile.numbers + profile.durations, n);
      break;
    case ValueType::text:
      if (role == Role::rating || role == Role::score) fits = mostly(profile.numbers + profile.verdicts, n);
      if (role == Role::made_sla || role == Role::sla_first_response || role == Role::sla_resolution || role == Role::churned ||
          role == Role::resolved_flag)
        fits = mostly(profile.verdicts, n);
      if (role == Role::resolved_flag && !fits) fits = mostly(profile.ticket_states, n);  // Jira: To Do / In Progress / Done
      if (role == Role::outcome) fits = mostly(profile.outcomes, n) || mostly(profile.verdicts, n);  // or answered yes/no
      if (role == Role::response_type) fits = profile.response_types == n;  // every value a Qualtrics response type
      break;
  }
  if (!fits) why = std::string("values look like ") + type_of(profile) + " (e.g. \"" + profile.first_value.substr(0, 40) + "\")";
  return fits;
}

void assign(Mapping& mapping, int index, Role role, double unit, const char* source) {
  MappedColumn& column = mapping.columns[static_cast<std::size_t>(index)];
  column.role = role;
  column.unit_seconds = unit;
  column.source = source;
  mapping.column_of[static_cast<std::size_t>(role)] = index;
}

void unassign(Mapping& mapping, Role role) {
  const int index = mapping.column(role);
  if (index < 0) return;
  mapping.columns[static_cast<std::size_t>(index)].role = Role::none;
  mapping.column_of[static_cast<std::size_t>(role)] = -1;
}

// Unassigns a role and says on its column why it is not used.
void unassign(Mapping& mapping, Role role, std::string why) {
  const int index = mapping.column(role);
  if (index < 0) return;
  unassign(mapping, role);
  mapping.columns[static_cast<std::size_t>(index)].note = std::move(why);
}

void move_role(Mapping& mapping, Role from, Role to) {
  const int index = mapping.column(from);
  if (index < 0 || mapping.has(to)) return;
  const MappedColumn column = mapping.columns[static_cast<std::size_t>(index)];
  unassign(mapping, from);
  assign(mapping, index, to, column.unit_seconds, column.source.c_str());
  mapping.columns[static_cast<std::size_t>(index)].source = column.source;
}

bool has_timestamp_role(const Mapping& mapping) {
  for (Role role : {Role::created_at, Role::first_response_at, Role::resolved_at, Role::closed_at, Role::date,
                    Role::answered_at, Role::ended_at, Role::updated_at, Role::start_date, Role::end_date}) {
    if (mapping.has(role)) return true;
  }
  return false;
}

// Headerless files: roles from what the values look like.
void infer_from_values(const std::vector<ColumnProfile>& profiles, Mapping& mapping) {
  const int width = static_cast<int>(std::min(profiles.size(), mapping.columns.size()));
  int numeric_columns = 0;
  for (int c = 0; c < width; ++c) numeric_columns += profiles[c].values > 0 && profiles[c].numbers == profiles[c].values;
  for (int c = 0; c < width; ++c) {
    if (mapping.columns[c].role != Role::none) continue;
    const ColumnProfile& p = profiles[c];
    if (p.values == 0) continue;
    const bool all_numbers = p.numbers == p.values;
    const bool ymd_like = all_numbers && (p.numeric_time.kind == time::TimestampKind::compact_ymd ||
                                          p.numeric_time.kind == time::TimestampKind::unix_seconds ||
                                          p.numeric_time.kind == time::TimestampKind::unix_millis) &&
                          p.integers == p.values;
    if ((p.timestamps * 10 >= p.values * 9 || ymd_like) && !mapping.has(Role::date)) {
      assign(mapping, c, Role::date, 1, "values");
      continue;
    }
    if (all_numbers && p.integers == p.values && (p.leading_zeros > 0 || p.repeated > 0) && !mapping.has(Role::customer_id) &&
        numeric_columns >= 3) {
      assign(mapping, c, Role::customer_id, 1, "values");
      continue;
    }
    if (all_numbers && p.integers < p.numbers && p.min >= 0) {
      unassign(mapping, Role::amount);  // the last decimal column is the amount
      assign(mapping, c, Role::amount, 1, "values");
      continue;
    }
    if (all_numbers && p.integers == p.values && p.min >= 0 && p.max <= 1000 && mapping.has(Role::customer_id) &&
        !mapping.has(Role::quantity)) {
      assign(mapping, c, Role::quantity, 1, "values");
      continue;
    }
    if (!all_numbers && mostly(p.outcomes, p.values) && !mapping.has(Role::outcome)) {
      assign(mapping, c, Role::outcome, 1, "values");
      continue;
    }
    if (!all_numbers && mostly(p.ticket_states, p.values) && !mapping.has(Role::status)) {
      assign(mapping, c, Role::status, 1, "values");
      continue;
    }
    if (all_numbers && width == 1 && p.min >= 0 && p.max <= 10) {
      assign(mapping, c, Role::score, 1, "values");
      continue;
    }
  }
}

}  // namespace

std::optional<Error> map_columns(const Sample& sample, const std::vector<ColumnProfile>& profiles, const Options& options,
                                 Mapping& mapping) {
  // With a header, cells beyond it only come from ragged rows (skipped, or with empty extras): they
  // are no column of the file, so they are not listed (nor reported as ignored columns).
  const std::size_t width = sample.has_header && !sample.names.empty() ? sample.names.size() : std::max(sample.names.size(), profiles.size());
  mapping.columns.assign(width, MappedColumn{});
  mapping.column_of.fill(-1);
  for (std::size_t c = 0; c < width; ++c) {
    MappedColumn& column = mapping.columns[c];
    column.index = static_cast<int>(c);
    column.name = c < sample.names.size() ? sample.names[c] : "column_" + std::to_string(c + 1);
    column.type = c < profiles.size() ? type_of(profiles[c]) : "empty";
  }

  // 1. The mapping option.
  for (const MappingEntry& entry : options.mapping) {
    int found = -1;
    if (!entry.column.empty()) {
      for (std::size_t c = 0; c < width && found < 0; ++c) {
        if (mapping.columns[c].name == entry.column) found = static_cast<int>(c);
      }
      const std::string wanted = normalize_header(entry.column);
      for (std::size_t c = 0; c < width && found < 0; ++c) {
        if (!wanted.empty() && normalize_header(mapping.columns[c].name) == wanted) found = static_cast<int>(c);
      }
    } else if (entry.index >= 0 && static_cast<std::size_t>(entry.index) < width) {
      found = entry.index;
    }
    if (found < 0) {
      const std::string field = "mapping." + std::string(role_name(entry.role));
      const std::string what = entry.column.empty() ? "column " + std::to_string(entry.index) : "\"" + entry.column + "\"";
      return Error{"options.mapping.missing_column", field, "The mapping names " + what + ", which is not a column of this file.", std::nullopt};
    }
    if (mapping.has(entry.role)) unassign(mapping, entry.role);
    if (mapping.columns[static_cast<std::size_t>(found)].role != Role::none) unassign(mapping, mapping.columns[static_cast<std::size_t>(found)].role);
    double unit = entry.unit_seconds;
    if (unit == 0) {
      const HeaderMatch match = match_header(mapping.columns[static_cast<std::size_t>(found)].name);
      unit = role_value_type(entry.role) == ValueType::duration && match.role != Role::none ? match.unit_seconds : 1;
      if (role_value_type(entry.role) == ValueType::duration && match.role == Role::none) unit = 1;
    }
    assign(mapping, found, entry.role, unit, "option");
  }

  // 2. Header names.
  if (sample.has_header) {
    struct Candidate {
      int index;
      HeaderMatch match;
    };
    std::vector<Candidate> candidates;
    for (std::size_t c = 0; c < width; ++c) {
      if (c < sample.labels.size()) mapping.columns[c].label = sample.labels[c];
      if (mapping.columns[c].role != Role::none) continue;
      HeaderMatch match = match_header(mapping.columns[c].name);
      // A second header line of question texts (Qualtrics) says more than short ids such as "Q1":
      // its match wins unless the name's own is stronger ("Q1_NPS_GROUP" is the NPS group of the
      // score, whatever its question says; "Status" is Qualtrics' "Response Type").
      const std::string& label = mapping.columns[c].label;
      if (!label.empty() && normalize_header(label) != normalize_header(mapping.columns[c].name)) {
        const HeaderMatch by_label = match_header(label);
        if (by_label.priority > 0 && by_label.priority >= match.priority) match = by_label;
      }
      if (match.role != Role::none) candidates.push_back(Candidate{static_cast<int>(c), match});
    }
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const Candidate& a, const Candidate& b) { return a.match.priority > b.match.priority; });
    // Message ids matter in reply threads (a column names the message each row answers).
    const bool threaded = std::any_of(candidates.begin(), candidates.end(), [](const Candidate& c) { return c.match.role == Role::reply_to; });
    for (const Candidate& candidate : candidates) {
      MappedColumn& column = mapping.columns[static_cast<std::size_t>(candidate.index)];
      const Role role = candidate.match.role;
      if (role == Role::message_id && !threaded) {
        column.note = "message id (rows are grouped by the ticket id instead)";
        continue;
      }
      if (mapping.has(role)) {
        column.note = "also looks like " + std::string(role_name(role)) + ", already taken by \"" +
                      mapping.columns[static_cast<std::size_t>(mapping.column(role))].name + "\"";
        continue;
      }
      std::string why;
      static const ColumnProfile empty_profile;
      const ColumnProfile& profile = static_cast<std::size_t>(candidate.index) < profiles.size() ? profiles[static_cast<std::size_t>(candidate.index)] : empty_profile;
      if (!values_fit(role, profile, why)) {
        // A "status" column full of call outcomes is the outcome.
        if (role == Role::status && mostly(profile.outcomes, profile.values) && !mapping.has(Role::outcome)) {
          assign(mapping, candidate.index, Role::outcome, 1, "header");
          column.note = "status values are call outcomes";
          continue;
        }
        // "Response Type" that is not Qualtrics' (Typeform's completed / partial): not used, no warning.
        if (role == Role::response_type) {
          column.note = "not Qualtrics' response types (e.g. \"" + profile.first_value.substr(0, 40) + "\"); not used";
          continue;
        }
        // Names that hold yes/no values in some exports: "Answered (Y/N)", "Resolved".
        if (role == Role::answered_calls && mostly(profile.verdicts, profile.values) && !mapping.has(Role::outcome)) {
          assign(mapping, candidate.index, Role::outcome, 1, "header");
          column.note = "yes/no values: answered or not";
          continue;
        }
        if (role == Role::resolved_at && mostly(profile.verdicts, profile.values) && !mapping.has(Role::resolved_flag)) {
          assign(mapping, candidate.index, Role::resolved_flag, 1, "header");
          column.note = "yes/no values: resolved or not";
          continue;
        }
        // "First Response Time" / "Time to Resolution" holding timestamps rather than durations.
        if ((role == Role::first_response_time || role == Role::resolution_time) && mostly(profile.timestamps, profile.values)) {
          const Role instead = role == Role::first_response_time ? Role::first_response_at : Role::resolved_at;
          if (!mapping.has(instead)) {
            assign(mapping, candidate.index, instead, 1, "header");
            column.note = "values are timestamps, not durations";
            continue;
          }
        }
        column.note = "name suggests " + std::string(role_name(role)) + ", but " + why;
        mapping.warnings.push_back("Column \"" + column.name + "\" was not used as " + std::string(role_name(role)) + ": " + why + ".");
        continue;
      }
      assign(mapping, candidate.index, role, candidate.match.unit_seconds, "header");
      // Plain numbers under a ticket-duration header that names no unit: exports use minutes
      // (Zendesk), hours (Freshdesk) or seconds, so the name's usual unit is an assumption, and the
      // report says so with the way to correct it. (Call durations without a unit are seconds.)
      const bool ticket_duration = role == Role::first_response_time || role == Role::first_response_time_business ||
                                   role == Role::resolution_time || role == Role::resolution_time_business;
      if (ticket_duration && !candidate.match.unit_stated &&
          static_cast<std::size_t>(candidate.index) < profiles.size() && profiles[static_cast<std::size_t>(candidate.index)].numbers > 0) {
        const double unit = candidate.match.unit_seconds;
        const char* unit_name = unit == 1 ? "seconds" : unit == 60 ? "minutes" : unit == 3600 ? "hours" : "days";
        mapping.notes.push_back("Column \"" + column.name + "\" does not say its unit; its numbers were read as " + unit_name +
                                ". If that is wrong, set the mapping option, e.g. {\"" + std::string(role_name(role)) +
                                "\": {\"column\": \"" + column.name + "\", \"unit\": \"hours\"}}.");
      }
    }
    // A status column of payment words (Stripe's Paid / Refunded / Failed) is the payment outcome.
    if (const int status_column = mapping.column(Role::status); status_column >= 0 && !mapping.has(Role::payment_status) &&
                                                              static_cast<std::size_t>(status_column) < profiles.size()) {
      const ColumnProfile& profile = profiles[static_cast<std::size_t>(status_column)];
      if (profile.values > 0 && mostly(profile.payments, profile.values) && profile.state_only == 0) {
        move_role(mapping, Role::status, Role::payment_status);
        mapping.columns[static_cast<std::size_t>(status_column)].note = "status values are payment outcomes";
      }
    }
    // A status column of Qualtrics response types in words (IP Address / Survey Preview / Spam; a
    // file without the question-text row) is the response type.
    if (const int status_column = mapping.column(Role::status); status_column >= 0 && !mapping.has(Role::response_type) &&
                                                              static_cast<std::size_t>(status_column) < profiles.size()) {
      const ColumnProfile& profile = profiles[static_cast<std::size_t>(status_column)];
      if (profile.values > 0 && profile.response_type_words == profile.values) {
        move_role(mapping, Role::status, Role::response_type);
        mapping.columns[static_cast<std::size_t>(status_column)].note = "status values are Qualtrics response types";
      }
    }
    // A status column whose values are call outcomes (Success / Abandoned) is the outcome.
    const int status = mapping.column(Role::status);
    if (status >= 0 && !mapping.has(Role::outcome) && static_cast<std::size_t>(status) < profiles.size()) {
      const ColumnProfile& profile = profiles[static_cast<std::size_t>(status)];
      // "completed" and "cancelled" are both; a call word that is no ticket state (Twilio's "no-answer",
      // "busy") with no ticket-only state ("open", "closed") decides for calls.
      const bool call_words = profile.ticket_states * 2 < profile.values || (profile.outcome_only > 0 && profile.state_only == 0);
      if (profile.values > 0 && profile.outcomes * 10 >= profile.values * 9 && call_words) {
        move_role(mapping, Role::status, Role::outcome);
        mapping.columns[static_cast<std::size_t>(status)].note = "status values are call outcomes";
      }
    }
  } else {
    infer_from_values(profiles, mapping);
  }

  // 3. "Date" and "Time" in two columns: the time of day completes the date.
  if (mapping.has(Role::date) && !mapping.has(Role::time_of_day)) {
    for (std::size_t c = 0; c < profiles.size() && c < mapping.columns.size(); ++c) {
      const ColumnProfile& p = profiles[c];
      if (mapping.columns[c].role != Role::none || p.values == 0 || !mostly(p.durations, p.values)) continue;
      const std::string name = normalize_header(mapping.columns[c].name);
      if (name == "time" || name == "hour" || name == "time of day" || name == "call time" || name == "start time" || name == "aeg" ||
          name == "kellaaeg" || name == "aika" || name == "kellonaika" || name == "ora" || name == "saat" || name == "الوقت" ||
          name == "vru entry") {  // the anonymous-bank call log: date 990101, vru_entry 0:00:31
        assign(mapping, static_cast<int>(c), Role::time_of_day, 1, "header");
        mapping.columns[c].note = "time of day of the date column";
        // The name was tried as a timestamp first; that warning no longer applies.
        const std::string tried = "Column \"" + mapping.columns[c].name + "\" was not used as";
        mapping.warnings.erase(std::remove_if(mapping.warnings.begin(), mapping.warnings.end(),
                                              [&](const std::string& w) { return w.rfind(tried, 0) == 0; }),
                               mapping.warnings.end());
        break;
      }
    }
  }

  // 4. No timestamp recognised by name: the first column of timestamps is the date.
  if (!has_timestamp_role(mapping)) {
    for (std::size_t c = 0; c < profiles.size() && c < mapping.columns.size(); ++c) {
      const ColumnProfile& p = profiles[c];
      if (mapping.columns[c].role == Role::none && p.values > 0 && p.timestamps * 10 >= p.values * 9) {
        assign(mapping, static_cast<int>(c), Role::date, 1, "values");
        mapping.columns[c].note = "values are timestamps";
        break;
      }
    }
  }
  return std::nullopt;
}

// --------------------------------------------------------------------------------------------- kind

// A scale written in a header: "Tone (1-5)", "Accuracy 0–10", "Greeting out of 5", "Empathy /4".
bool scale_from_header(const std::string& header, double& low, double& high) {
  const char* p = header.c_str();
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i] < '0' || header[i] > '9' || (i > 0 && header[i - 1] >= '0' && header[i - 1] <= '9')) continue;
    char* end = nullptr;
    const double a = std::strtod(p + i, &end);
    std::size_t j = static_cast<std::size_t>(end - p);
    while (j < header.size() && header[j] == ' ') ++j;
    std::size_t dash = j;
    if (header.compare(j, 1, "-") == 0) dash = j + 1;
    else if (header.compare(j, 3, "\xE2\x80\x93") == 0) dash = j + 3;  // en dash
    if (dash == j) continue;
    while (dash < header.size() && header[dash] == ' ') ++dash;
    if (dash >= header.size() || header[dash] < '0' || header[dash] > '9') continue;
    const double b = std::strtod(p + dash, &end);
    if (b > a && b <= 100) {
      low = a;
      high = b;
      return true;
    }
  }
  const std::string normal = normalize_header(header);
  for (const char* prefix : {" out of ", " of "}) {
    const std::size_t at = (" " + normal + " ").find(prefix);
    if (at == std::string::npos) continue;
    const double b = std::atof(normal.c_str() + at + std::strlen(prefix) - 1);
    if (b >= 1 && b <= 100) {
      low = 0;
      high = b;
      return true;
    }
  }
  const std::size_t slash = header.rfind('/');
  if (slash != std::string::npos && slash + 1 < header.size() && header[slash + 1] >= '0' && header[slash + 1] <= '9') {
    const double b = std::atof(header.c_str() + slash + 1);
    if (b >= 1 && b <= 100) {
      low = 0;
      high = b;
      return true;
    }
  }
  return false;
}

namespace {



std::string scale_text(double low, double high) {
  auto whole = [](double v) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%g", v);
    return std::string(buffer);
  };
  return whole(low) + "-" + whole(high);
}

// Columns of a wide QA file whose values are scores: numbers within 0..100, percentages, or
// pass/fail and yes/no words (N/A and empty cells are missing). Identifiers, dates, names and the
// file's own totals are not criteria.
std::vector<WideCriterion> wide_criteria(const std::vector<ColumnProfile>& profiles, const Mapping& mapping) {
  std::vector<WideCriterion> criteria;
  for (std::size_t c = 0; c < mapping.columns.size() && c < profiles.size(); ++c) {
    const MappedColumn& column = mapping.columns[c];
    switch (column.role) {
      case Role::none: case Role::rating: case Role::nps: case Role::ces: case Role::resolved_flag: case Role::made_sla:
      case Role::sla_first_response: case Role::sla_resolution: case Role::replies: case Role::quantity: case Role::amount:
        break;
      default:
        continue;
    }
    const ColumnProfile& p = profiles[c];
    if (p.values == 0 || not_a_criterion_header(column.name)) continue;
    if (p.numbers + p.verdicts + p.percents < p.values) continue;
    if (p.numbers > 0 && (p.min < 0 || p.max > 100)) continue;
    if (p.numbers > 0 && p.integers < p.numbers && p.max > 10 && p.percents == 0) continue;  // amounts, not scores
    WideCriterion criterion;
    criterion.index = static_cast<int>(c);
    double low = 0, high = 100;
    if (scale_from_header(column.name, low, high)) {
      criterion.scale_source = "header";
    } else {
      criterion.scale_source = "values";
      if (p.numbers == 0) high = 100;
      else if (p.percents > 0) high = 100;
      else if (p.max <= 1) high = 1;
      else if (p.min >= 1 && p.max <= 5) { low = 1; high = 5; }
      else if (p.max <= 10) high = 10;
    }
    criterion.low = low;
    criterion.high = high;
    criterion.scale = p.numbers == 0 && p.percents == 0 ? std::string("pass/fail") : p.numbers == 0 ? std::string("0-100%") : scale_text(low, high);
    if (p.numbers > 0 && p.verdicts > p.numbers) criterion.scale += " and pass/fail";
    criteria.push_back(criterion);
  }
  return criteria;
}

// A wide review file says so in a header ("Review ID", "Reviewer", "QA date"), names whom it reviews
// (an agent or a reviewer column) and has at least one criterion no other role claims ("Greeting",
// "Tone"): a survey with a review date and CSAT / NPS columns stays a survey.
bool wide_qa(const std::vector<WideCriterion>& criteria, const Mapping& mapping) {
  if (criteria.size() < 2 || !(mapping.has(Role::agent) || mapping.has(Role::reviewer))) return false;
  std::size_t unclaimed = 0;
  for (const WideCriterion& criterion : criteria) unclaimed += mapping.columns[static_cast<std::size_t>(criterion.index)].role == Role::none;
  return unclaimed >= 1;
}

// Most values of the status column are ticket states (open, pending, closed, ...).
bool ticket_states_in(const std::vector<ColumnProfile>& profiles, const Mapping& mapping) {
  const int status = mapping.column(Role::status);
  if (status < 0 || static_cast<std::size_t>(status) >= profiles.size()) return false;
  const ColumnProfile& p = profiles[static_cast<std::size_t>(status)];
  return p.values > 0 && p.ticket_states * 10 >= p.values * 9;
}

bool qa_signal(const Mapping& mapping) {
  if (mapping.has(Role::reviewer)) return true;
  for (const MappedColumn& column : mapping.columns) {
    if (qa_header_signal(column.name)) return true;
  }
  return false;
}

// Only an id and a date are mapped, and the sample shows ids again: a log of who bought when.
bool purchase_log(const std::vector<ColumnProfile>& profiles, const Mapping& mapping) {
  std::size_t mapped = 0;
  for (const MappedColumn& column : mapping.columns) mapped += column.role != Role::none;
  const auto index = static_cast<std::size_t>(mapping.column(Role::ticket_id));
  if (mapped != 2 || index >= profiles.size()) return false;
  const ColumnProfile& id = profiles[index];
  return id.values >= 4 && id.repeated * 5 >= id.values;  // a fifth of the rows or more repeat an id
}

}  // namespace

bool reply_log(const Mapping& mapping) {
  return mapping.has(Role::message_id) && mapping.has(Role::reply_to) && (mapping.has(Role::inbound) || mapping.has(Role::author_type));
}

void choose_kind(const std::vector<ColumnProfile>& profiles, const Options& options, Mapping& mapping) {
  auto has = [&](Role role) { return mapping.has(role); };
  auto names = [&](std::initializer_list<Role> roles) {
    std::string text;
    for (Role role : roles) {
      if (!has(role)) continue;
      if (!text.empty()) text += ", ";
      text += role_name(role);
    }
    return text;
  };
  const bool ticket_start = has(Role::created_at);
  const bool ticket_detail = has(Role::first_response_at) || has(Role::resolved_at) || has(Role::closed_at) ||
                             has(Role::first_response_time) || has(Role::resolution_time) ||
                             has(Role::first_response_time_business) || has(Role::resolution_time_business) ||
                             has(Role::replies) || has(Role::status);
  const bool survey_measure = has(Role::nps) || has(Role::rating) || has(Role::ces);
  // A customer table with a churn flag or a start date calls its cancel date "End date", which is a
  // call or order date elsewhere: here it ends the customer.
  if (has(Role::customer_id) && has(Role::date) && !has(Role::end_date) && (has(Role::churned) || has(Role::start_date))) {
    const std::string header = normalize_header(mapping.columns[static_cast<std::size_t>(mapping.column(Role::date))].name);
    if (header.find("end") != std::string::npos || header.find("cancel") != std::string::npos || header.find("stop") != std::string::npos)
      move_role(mapping, Role::date, Role::end_date);
  }
  if (has(Role::customer_id) && has(Role::created_at) && !has(Role::start_date) && (has(Role::churned) || has(Role::end_date)) &&
      !has(Role::first_response_at) && !has(Role::resolved_at) && !has(Role::status))
    move_role(mapping, Role::created_at, Role::start_date);
  // "Answer" / "Abandon" count calls only in an interval report (beside "Offer"); elsewhere, a
  // survey's answers say nothing of calls.
  for (Role role : {Role::answered_calls, Role::abandoned_calls}) {
    if (!has(role) || has(Role::calls)) continue;
    const int index = mapping.column(role);
    const std::string header = normalize_header(mapping.columns[static_cast<std::size_t>(index)].name);
    if (header == "answer" || header == "abandon") unassign(mapping, role, "not read as a call count: the file counts no offered calls");
  }
  Kind kind = Kind::table;
  std::string reason;
  if (options.kind != Kind::automatic) {
    kind = options.kind;
    reason = "set by the kind option";
  } else if (has(Role::criterion) && (has(Role::score) || has(Role::rating))) {
    kind = Kind::qa;
    reason = "a criterion column with scores (" + names({Role::criterion, Role::score, Role::rating, Role::weight, Role::agent}) + ")";
  } else if (!has(Role::criterion) && !has(Role::created_at) && qa_signal(mapping) && wide_qa(wide_criteria(profiles, mapping), mapping)) {
    kind = Kind::qa;
    reason = "a review file with one column per criterion (" + std::to_string(wide_criteria(profiles, mapping).size()) +
             " columns of scores, pass/fail or yes/no" + (names({Role::agent, Role::reviewer, Role::date}).empty() ? std::string() : ", " + names({Role::agent, Role::reviewer, Role::date})) + ")";
  } else if (has(Role::conversations) && !has(Role::created_at) && !has(Role::date) &&
             (has(Role::avg_first_response_time) || has(Role::avg_resolution_time) || has(Role::avg_reply_time) || has(Role::resolutions))) {
    kind = Kind::aggregate;
    const char* per = has(Role::agent) ? "agent" : has(Role::channel) ? "inbox / channel" : has(Role::group) ? "team / group" : has(Role::category) ? "label / category" : "row";
    reason = std::string("an aggregated report, not ticket rows: conversation counts and average times already computed per ") + per + " (" +
             names({Role::agent, Role::channel, Role::group, Role::category, Role::conversations, Role::resolutions,
                    Role::avg_first_response_time, Role::avg_resolution_time, Role::avg_reply_time, Role::avg_waiting_time}) + ")";
  } else if (has(Role::outcome) || has(Role::calls) || has(Role::answered_calls) || has(Role::abandoned_calls)) {
    kind = Kind::calls;
    reason = has(Role::calls) ? "contacts counted per interval (" + names({Role::date, Role::created_at, Role::calls, Role::answered_calls, Role::abandoned_calls}) + ")"
                              : "a call outcome column (" + names({Role::outcome, Role::date, Role::created_at, Role::wait_seconds, Role::talk_seconds}) + ")";
  } else if (reply_log(mapping) && (ticket_start || has(Role::date))) {
    kind = Kind::tickets;
    reason = "messages linked by replies (" + names({Role::message_id, Role::reply_to, Role::inbound, Role::author_type, Role::created_at, Role::date}) +
             "): a customer message that opens a thread is a ticket, and the first reply to it its first response";
  } else if ((ticket_start || has(Role::date)) && ticket_detail) {
    kind = Kind::tickets;
    reason = "ticket timestamps and fields (" + names({Role::created_at, Role::date, Role::first_response_at, Role::resolved_at, Role::closed_at,
                                                       Role::status, Role::replies, Role::first_response_time, Role::resolution_time}) + ")";
  } else if (!ticket_start && !has(Role::date) && has(Role::ticket_id) && has(Role::status) && ticket_states_in(profiles, mapping) &&
             (has(Role::first_response_at) || has(Role::resolved_at) || has(Role::closed_at) || has(Role::priority) || has(Role::channel))) {
    // Kaggle's "Customer Support Ticket Dataset": ids, ticket states, first response and resolution
    // timestamps, but no creation time. Counts, resolution rate, CSAT and splits hold; durations do not.
    kind = Kind::tickets;
    reason = "ticket rows without a creation time (" + names({Role::ticket_id, Role::status, Role::first_response_at, Role::resolved_at,
                                                              Role::closed_at, Role::rating}) + ")";
    if (has(Role::first_response_time) || has(Role::resolution_time))
      mapping.warnings.push_back("The file has no ticket creation time: first response and resolution times come only from its "
                                 "ready-made duration columns, not from timestamps (they run from creation).");
    else
      mapping.warnings.push_back("The file has no ticket creation time: first response and resolution times cannot be computed "
                                 "(they run from creation), so only counts, resolution rate, CSAT and splits are reported.");
  } else if (has(Role::wait_seconds) || has(Role::talk_seconds) || has(Role::answered_at) || has(Role::handle_seconds)) {
    kind = Kind::calls;
    reason = "call durations (" + names({Role::wait_seconds, Role::talk_seconds, Role::hold_seconds, Role::wrap_seconds, Role::answered_at}) + ")";
  } else if (has(Role::customer_id) && !has(Role::date) &&
             (has(Role::churned) || has(Role::end_date) || has(Role::start_date) || has(Role::tenure) || has(Role::recurring_revenue))) {
    kind = Kind::transactions;
    reason = "one row per customer (" + names({Role::customer_id, Role::start_date, Role::end_date, Role::churned, Role::tenure,
                                               Role::recurring_revenue, Role::amount}) + ")";
  } else if (survey_measure) {
    kind = Kind::survey;
    reason = "survey scores (" + names({Role::nps, Role::rating, Role::ces}) + ")";
  } else if (has(Role::customer_id) && (has(Role::amount) || has(Role::unit_price))) {
    kind = Kind::transactions;
    reason = "customers with amounts (" + names({Role::customer_id, Role::date, Role::amount, Role::unit_price, Role::quantity, Role::order_id}) + ")";
  } else if (has(Role::score) && !has(Role::customer_id)) {
    kind = Kind::survey;
    reason = "a score column";
  } else if (!ticket_start && has(Role::ticket_id) && has(Role::date) && purchase_log(profiles, mapping)) {
    // "date,id" with ids that come back (lifetimes' example_transactions.csv): who bought when. As
    // tickets it would be an event log whose last row is each ticket's creation, which means nothing.
    move_role(mapping, Role::ticket_id, Role::customer_id);
    kind = Kind::transactions;
    reason = "an id that comes back on other dates and nothing else (" + names({Role::customer_id, Role::date}) +
             "): a purchase log without amounts (customers, repeat customers, churn and retention; no revenue)";
  } else if (ticket_start || (has(Role::ticket_id) && has(Role::date))) {
    kind = Kind::tickets;
    reason = "ticket creation dates only (volume and backlog)";
  } else {
    kind = Kind::table;
    reason = "no known set of columns (tickets, survey, calls, transactions, QA): numeric columns are summarised";
  }

  // Roles that depend on the kind.
  // An "Inbound" / "Incoming" column says who wrote a message only in a reply-linked message log;
  // elsewhere it is something else (a count of inbound calls in an interval report, say).
  if (!has(Role::reply_to)) unassign(mapping, Role::inbound, "inbound / outbound: read only in message logs linked by replies");
  if (kind == Kind::survey && !has(Role::nps) && !has(Role::rating) && !has(Role::ces) && has(Role::score)) {
    const int index = mapping.column(Role::score);
    const ColumnProfile* profile = static_cast<std::size_t>(index) < profiles.size() ? &profiles[static_cast<std::size_t>(index)] : nullptr;
    // 0 or values above 7 read as a 0-10 / 1-10 likelihood scale; smaller scales as satisfaction.
    const bool nps_like = profile && profile->any_number && (profile->min == 0 || profile->max > 7);
    move_role(mapping, Role::score, nps_like ? Role::nps : Role::rating);
    mapping.columns[static_cast<std::size_t>(index)].note = nps_like ? "score read as NPS (0-10 scale)" : "score read as a satisfaction rating";
  }
  if (kind == Kind::tickets && !has(Role::rating) && has(Role::score)) move_role(mapping, Role::score, Role::rating);
  // Wide QA files: each criterion column gets the criterion role (shown per column; the single-role
  // mapping keeps none), and the file's own total, when there is one, is left out of the IQS.
  if (kind == Kind::qa && !has(Role::criterion)) {
    mapping.criteria = wide_criteria(profiles, mapping);
    for (const WideCriterion& criterion : mapping.criteria) {
      MappedColumn& column = mapping.columns[static_cast<std::size_t>(criterion.index)];
      if (column.role != Role::none) mapping.column_of[static_cast<std::size_t>(column.role)] = -1;
      column.role = Role::criterion;
      column.source = "values";
      column.note = "criterion, scale " + criterion.scale + (criterion.scale_source == "header" ? " (from the header)" : " (from the values)");
    }
    if (!mapping.criteria.empty()) unassign(mapping, Role::score, "the file's own total score; the IQS is computed from the criteria");
  }
  if (kind == Kind::qa && !has(Role::score) && has(Role::rating)) move_role(mapping, Role::rating, Role::score);
  if (kind == Kind::transactions && !has(Role::customer_id) && has(Role::ticket_id)) move_role(mapping, Role::ticket_id, Role::customer_id);
  // A "Price" beside a quantity is the price of one unit (UCI Online Retail II: Invoice, Quantity,
  // Price, Customer ID), not what the line brought in: the line is quantity x price. Totals, sums
  // and amounts stay amounts.
  if (kind == Kind::transactions && has(Role::amount) && has(Role::quantity) && !has(Role::unit_price)) {
    const int index = mapping.column(Role::amount);
    const std::string padded = " " + normalize_header(mapping.columns[static_cast<std::size_t>(index)].name) + " ";
    auto word = [&](const char* w) { return padded.find(std::string(" ") + w + " ") != std::string::npos; };
    const bool price = word("price") || word("fiyat") || word("hind") || word("hinta") || word("pret") || word("السعر");
    const bool total = word("total") || word("amount") || word("sum") || word("revenue") || word("value") || word("toplam") ||
                       word("tutar") || word("summa") || word("suma");
    if (price && !total) {
      move_role(mapping, Role::amount, Role::unit_price);
      mapping.columns[static_cast<std::size_t>(index)].note = "price beside a quantity: read as the price per unit (line = quantity x price)";
      if (reason.rfind("customers with amounts (", 0) == 0)
        reason = "customers with amounts (" + names({Role::customer_id, Role::date, Role::amount, Role::unit_price, Role::quantity, Role::order_id}) + ")";
    }
  }

  if (options.kind != Kind::automatic) {
    auto need = [&](bool ok, const char* what) {
      if (!ok) mapping.warnings.push_back(std::string("kind ") + kind_name(kind) + " was asked for, but the file has no " + what + " column.");
    };
    switch (kind) {
      case Kind::tickets: need(has(Role::created_at) || has(Role::date), "creation time"); break;
      case Kind::survey: need(survey_measure || has(Role::score), "score"); break;
      case Kind::calls: need(has(Role::outcome) || has(Role::calls) || has(Role::wait_seconds) || has(Role::talk_seconds) || has(Role::date) || has(Role::created_at), "call"); break;
      case Kind::transactions: need(has(Role::customer_id) && (has(Role::amount) || has(Role::unit_price) || has(Role::date)), "customer and amount or date"); break;
      case Kind::qa: need(has(Role::score) || !mapping.criteria.empty(), "score"); break;
      case Kind::aggregate: need(has(Role::conversations), "conversations count"); break;
      default: break;
    }
  }
  mapping.kind = kind;
  mapping.kind_reason = reason;
}

}  // namespace skpi::analysis
