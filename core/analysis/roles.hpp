// Column roles of file analysis and the header table that recognises them: role → known header
// names (vendors, generic English, Estonian, Finnish, Romanian, Turkish, Arabic), as data.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace skpi::analysis {

enum class Role : std::uint8_t {
  none,
  // identity
  ticket_id,
  customer_id,
  message_id,  // recognised so it is not taken for a ticket id; used only with reply_to (reply threads)
  // timestamps
  created_at,
  first_response_at,
  resolved_at,
  closed_at,
  updated_at,
  answered_at,
  ended_at,
  date,  // a generic date: survey date, call date, purchase date, interval start
  // ticket attributes
  status,
  channel,
  category,
  subcategory,
  agent,
  group,
  priority,
  segment,
  // ticket counts
  replies,
  agent_interactions,
  customer_interactions,
  reopens,
  reassignments,
  agent_count,
  // ready-made durations (the column's unit says seconds/minutes/hours/days)
  first_response_time,
  first_response_time_business,
  resolution_time,
  resolution_time_business,
  // SLA outcomes
  sla_first_response,
  sla_resolution,
  made_sla,
  // survey
  rating,  // CSAT-like rating (or a text verdict such as Zendesk's "Good"/"Bad")
  nps,
  ces,
  score,   // a generic score: QA criterion score, or a survey score whose scale decides
  // calls
  wait_seconds,
  talk_seconds,
  hold_seconds,
  wrap_seconds,
  handle_seconds,
  outcome,
  calls,            // contacts in an interval (interval-count files)
  answered_calls,
  abandoned_calls,
  // transactions
  amount,
  quantity,
  // qa
  criterion,
  weight,
  // calls and tickets: a yes/no "resolved" column
  resolved_flag,
  // one row per customer
  start_date,
  end_date,
  churned,
  tenure,
  recurring_revenue,
  // a time of day in its own column next to a date column ("Date", "Time")
  time_of_day,
  // one row per message part (Intercom): who wrote the part, what kind of part, the author's name
  author_type,
  message_type,
  author_name,
  message_body,
  // QA review files: who reviewed (a sign that the file is a review file)
  reviewer,
  // aggregated reports (Chatwoot agent / inbox / team / label reports): one row per group
  conversations,
  resolutions,
  avg_first_response_time,
  avg_resolution_time,
  avg_reply_time,
  avg_waiting_time,
  // calls: inbound or outbound (outbound calls are not offered contacts)
  direction,
  // transactions: payment outcome (Shopify "Financial Status", Stripe "Status"), refunded amount, currency
  payment_status,
  refunded,
  currency,
  // transactions: a price per unit (line amount = quantity x unit price when there is no amount
  // column; UCI Online Retail) and the order / invoice a line belongs to
  unit_price,
  order_id,
  // survey: Qualtrics' response type ("Status" under the question text "Response Type"): IP Address
  // (a response), Survey Preview, Survey Test, Spam, Imported, Offline, or their numeric codes
  response_type,
  // message logs linked by replies (Customer Support on Twitter): the message a row answers, and
  // whether the row came in from the customer (True) or went out from the company (False)
  reply_to,
  inbound,
  // calls: an interval report's service level per row ("Service Level (20 Seconds)": 76.28%)
  service_level_percent,
  count_  // number of roles, not a role
};

inline constexpr std::size_t role_count = static_cast<std::size_t>(Role::count_);

/** Stable snake_case id of a role, as used in the `mapping` option and the report. */
std::string_view role_name(Role role);
/** Role from its id (also accepts a few aliases, e.g. "first_response_minutes" sets a unit). */
std::optional<Role> role_from_name(std::string_view name, double* unit_seconds = nullptr);

enum class ValueType : std::uint8_t { text, timestamp, number, duration };
/** What values a role expects; the mapper checks sample values against it. */
ValueType role_value_type(Role role);

/** Header normalisation for matching: camelCase split, Zendesk "[type]" suffix removed, letters
 *  lower-cased and folded to ASCII where they carry diacritics (ä→a, ș→s, İ/ı→i), Arabic alef and
 *  diacritic variants unified, every run of other characters one space, trimmed. */
std::string normalize_header(std::string_view header);
/** normalize_header without the spaces: "First reply at" and "first_reply_at" both give "firstreplyat". */
std::string compact_header(std::string_view header);

struct HeaderMatch {
  Role role = Role::none;
  int priority = 0;          // higher wins when several columns claim a role
  double unit_seconds = 1;   // for ready-made durations
  bool unit_stated = false;  // the header says the unit ("in minutes", "(in hrs)"); else unit_seconds is the name's usual one
};

/** Best role for a header name, or Role::none. Exact (normalised or compact) names beat
 *  word-contained keywords ("How likely are you to recommend us" contains "recommend"). */
HeaderMatch match_header(std::string_view header);

/** Number of header names in the table (for tests and docs). */
std::size_t header_table_size();

/** Who wrote a message part, from the author-type words of the table in roles.cpp:
 *  1 agent side (admin, agent, teammate), 2 customer side (user, lead, contact), 3 bot or system,
 *  0 unknown. */
int classify_author(std::string_view value);

/** What a message part is, from the part-type words of the table in roles.cpp: 1 a message
 *  (comment, reply, the opening message), 2 internal (note), 3 an event (assignment, close, snooze),
 *  which counts as a message only when it carries a body; 0 unknown (treated as a message). */
int classify_part(std::string_view value);

/** Whether a header says the file is a QA review file ("review", "evaluation", "scorecard", "QA",
 *  "audit" as words; the list is in roles.cpp). */
bool qa_header_signal(std::string_view header);

/** Headers of QA review files that are never criteria though their values may look like scores:
 *  the file's own totals ("Total score", "Overall"), ids, times, counts, comments (list in roles.cpp). */
bool not_a_criterion_header(std::string_view header);

/** Words of a second header line below the real one, as survey tools write it (SurveyMonkey:
 *  "Response", "Open-Ended Response", "Other (please specify)"); the list is in roles.cpp. */
bool subheader_word(std::string_view value);

/** Qualtrics response types, from the words of the table in roles.cpp or the numeric codes of
 *  numeric exports: 1 a response (IP Address 0, Imported 4, Offline 16), 2 not a respondent's answer
 *  (Survey Preview 1, Survey Test 2, Spam 8, Offline Survey Preview 17), 0 unknown. */
int classify_response_type(std::string_view value);

}  // namespace skpi::analysis
