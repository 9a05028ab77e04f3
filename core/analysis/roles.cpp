#include "core/analysis/roles.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <stdexcept>
#include <unordered_map>

#include "core/analysis/values.hpp"

namespace skpi::analysis {
namespace {

struct RoleInfo {
  Role role;
  const char* name;
  ValueType type;
};

constexpr RoleInfo role_infos[] = {
    {Role::none, "none", ValueType::text},
    {Role::ticket_id, "ticket_id", ValueType::text},
    {Role::customer_id, "customer_id", ValueType::text},
    {Role::message_id, "message_id", ValueType::text},
    {Role::created_at, "created_at", ValueType::timestamp},
    {Role::first_response_at, "first_response_at", ValueType::timestamp},
    {Role::resolved_at, "resolved_at", ValueType::timestamp},
    {Role::closed_at, "closed_at", ValueType::timestamp},
    {Role::updated_at, "updated_at", ValueType::timestamp},
    {Role::answered_at, "answered_at", ValueType::timestamp},
    {Role::ended_at, "ended_at", ValueType::timestamp},
    {Role::date, "date", ValueType::timestamp},
    {Role::status, "status", ValueType::text},
    {Role::channel, "channel", ValueType::text},
    {Role::category, "category", ValueType::text},
    {Role::subcategory, "subcategory", ValueType::text},
    {Role::agent, "agent", ValueType::text},
    {Role::group, "group", ValueType::text},
    {Role::priority, "priority", ValueType::text},
    {Role::segment, "segment", ValueType::text},
    {Role::replies, "replies", ValueType::number},
    {Role::agent_interactions, "agent_interactions", ValueType::number},
    {Role::customer_interactions, "customer_interactions", ValueType::number},
    {Role::reopens, "reopens", ValueType::number},
    {Role::reassignments, "reassignments", ValueType::number},
    {Role::agent_count, "agent_count", ValueType::number},
    {Role::first_response_time, "first_response_time", ValueType::duration},
    {Role::first_response_time_business, "first_response_time_business", ValueType::duration},
    {Role::resolution_time, "resolution_time", ValueType::duration},
    {Role::resolution_time_business, "resolution_time_business", ValueType::duration},
    {Role::sla_first_response, "sla_first_response", ValueType::text},
    {Role::sla_resolution, "sla_resolution", ValueType::text},
    {Role::made_sla, "made_sla", ValueType::text},
    {Role::rating, "rating", ValueType::text},
    {Role::nps, "nps", ValueType::number},
    {Role::ces, "ces", ValueType::number},
    {Role::score, "score", ValueType::text},
    {Role::wait_seconds, "wait_seconds", ValueType::duration},
    {Role::talk_seconds, "talk_seconds", ValueType::duration},
    {Role::hold_seconds, "hold_seconds", ValueType::duration},
    {Role::wrap_seconds, "wrap_seconds", ValueType::duration},
    {Role::handle_seconds, "handle_seconds", ValueType::duration},
    {Role::outcome, "outcome", ValueType::text},
    {Role::calls, "calls", ValueType::number},
    {Role::answered_calls, "answered_calls", ValueType::number},
    {Role::abandoned_calls, "abandoned_calls", ValueType::number},
    {Role::amount, "amount", ValueType::number},
    {Role::quantity, "quantity", ValueType::number},
    {Role::criterion, "criterion", ValueType::text},
    {Role::weight, "weight", ValueType::number},
    {Role::resolved_flag, "resolved_flag", ValueType::text},
    {Role::start_date, "start_date", ValueType::timestamp},
    {Role::end_date, "end_date", ValueType::timestamp},
    {Role::churned, "churned", ValueType::text},
    {Role::tenure, "tenure", ValueType::number},
    {Role::recurring_revenue, "recurring_revenue", ValueType::number},
    {Role::time_of_day, "time_of_day", ValueType::duration},
    {Role::author_type, "author_type", ValueType::text},
    {Role::message_type, "message_type", ValueType::text},
    {Role::author_name, "author_name", ValueType::text},
    {Role::message_body, "message_body", ValueType::text},
    {Role::reviewer, "reviewer", ValueType::text},
    {Role::conversations, "conversations", ValueType::number},
    {Role::resolutions, "resolutions", ValueType::number},
    {Role::avg_first_response_time, "avg_first_response_time", ValueType::duration},
    {Role::avg_resolution_time, "avg_resolution_time", ValueType::duration},
    {Role::avg_reply_time, "avg_reply_time", ValueType::duration},
    {Role::avg_waiting_time, "avg_waiting_time", ValueType::duration},
    {Role::direction, "direction", ValueType::text},
    {Role::payment_status, "payment_status", ValueType::text},
    {Role::refunded, "refunded", ValueType::number},
    {Role::currency, "currency", ValueType::text},
    {Role::unit_price, "unit_price", ValueType::number},
    {Role::order_id, "order_id", ValueType::text},
    {Role::response_type, "response_type", ValueType::text},
    {Role::reply_to, "reply_to", ValueType::text},
    {Role::inbound, "inbound", ValueType::text},
    {Role::service_level_percent, "service_level_percent", ValueType::number},
};
static_assert(sizeof(role_infos) / sizeof(role_infos[0]) == role_count, "one RoleInfo per role, in enum order");

// ------------------------------------------------------------------------------------------------
// The header table. Each line: role, priority, unit (seconds per unit for durations), and names
// separated by '|'. `exact` names match the whole normalised header (or its compact form);
// `keyword` names match when they occur as whole words inside a longer header. Names are written
// naturally and normalised when the table is built, so "First reply time (in minutes)" and
// "first_reply_time_in_minutes" are the same entry.
//
// Priorities: 100 vendor-specific, 90 generic and translated, 70 weaker synonyms, 40 keywords.
struct TableRow {
  Role role;
  int priority;
  double unit;
  bool keyword;
  const char* names;
};

constexpr double sec = 1, minute = 60, hour = 3600, day = 86400;

constexpr TableRow header_rows[] = {
    // ---- ticket id
    {Role::ticket_id, 100, sec, false,
     "ticket id|ticket_id|ticket number|ticket no|ticket #|conversation id|conversation_id|number|incident id|incident number|"
     "case id|case number|request id|issue id|issue key|key|tiketti id|ticket"},
    {Role::ticket_id, 70, sec, false,
     "id|# |nr|no|pileti id|pileti number|pileti nr|piletinumber|tiketin id|tiketin numero|tikettinumero|tunnus|"
     "id tichet|numar tichet|nr tichet|număr tichet|talep no|talep id|bilet no|kayit no|kayıt no|talep numarasi|talep numarası|"
     "رقم التذكرة|معرف التذكرة|رقم الطلب|المعرف|rəqəm|review id|evaluation id|interaction id|call id|callid"},
    {Role::message_id, 100, sec, false, "message id|message_id|part id|comment id|event id|tweet id|tweet_id|status id"},
    // ---- message logs linked by replies (Customer Support on Twitter: tweet_id, author_id, inbound, in_response_to_tweet_id)
    {Role::reply_to, 100, sec, false,
     "in response to tweet id|in_response_to_tweet_id|in reply to|in_reply_to|in reply to id|in reply to status id|"
     "in_reply_to_status_id|in reply to message id|reply to message id|in response to message id|in response to"},
    {Role::inbound, 100, sec, false, "inbound|is inbound|from customer|is from customer"},
    // ---- customer
    {Role::customer_id, 90, sec, false,
     "customer id|customer_id|customerid|cust id|client id|clientid|user id|account id|member id|buyer id|contact id|"
     "requester id|requester|requester email|requester name|customer|client|customer name|customer email|caller|caller id|"
     "caller number|phone|phone number|ani|reporter|reporter name|"
     "kliendi id|klient|kliendi number|kliendinumber|asiakas|asiakasnumero|asiakastunnus|asiakas id|"
     "id client|client id|cod client|numar client|müşteri|musteri|müşteri no|musteri no|müşteri id|musteri id|müşteri numarası|"
     "العميل|رقم العميل|معرف العميل|اسم العميل"},
    // ---- created
    {Role::created_at, 100, sec, false,
     "created at|created_at|created time|created|creation date|creation time|created date|date created|opened at|opened|"
     "open time|opened time|"
     "open date|opened date|submitted at|conversation created at|conversation_created_at|reported at|date opened|"
     "ticket created at|create time|createdon|created on|create date|date/time opened|date/time created|created date/time|"
     "loodud|loomise aeg|loomise kuupäev|loomisaeg|avatud|avamise aeg|"
     "luotu|luontiaika|luontipäivä|luontipaiva|avattu|avausaika|"
     "creat|creat la|data creării|data crearii|data creare|data deschiderii|"
     "oluşturulma tarihi|olusturulma tarihi|oluşturma tarihi|olusturma tarihi|açılış tarihi|acilis tarihi|oluşturuldu|"
     "تاريخ الإنشاء|وقت الإنشاء|تاريخ الانشاء|تاريخ الفتح|تم الإنشاء"},
    {Role::created_at, 70, sec, false, "sys created at|sys_created_at|start time|started at|queue entry|arrival time|arrived at|vru entry|q start"},
    // ---- first response
    {Role::first_response_at, 100, sec, false,
     "first reply at|first response at|first responded at|first replied at|initial response time|initial response at|"
     "conversation first response at|conversation_first_response_at|first response date|first reply date|"
     "first agent reply at|first response|first reply|issue responded|issue responded at|responded at|"
     "esimene vastus|esimese vastuse aeg|esmane vastus|ensimmäinen vastaus|ensimmainen vastaus|ensivastaus|ensimmäisen vastauksen aika|"
     "primul răspuns|primul raspuns|data primului răspuns|data primului raspuns|ilk yanıt|ilk yanit|ilk yanıt tarihi|ilk yanit tarihi|ilk cevap|"
     "أول رد|وقت أول رد|تاريخ أول رد|اول رد"},
    // Kaggle's "Customer Support Ticket Dataset" writes the first reply's timestamp under this name; a
    // column of numbers under it has no unit to go by and is left out with a warning.
    {Role::first_response_at, 80, sec, false, "first response time"},
    // ---- resolved
    {Role::resolved_at, 100, sec, false,
     "resolved at|resolved_at|resolved time|resolved|resolution date|resolution_date|resolutiondate|solved at|solved|"
     "date solved|resolved date|date resolved|solved date|completed at|done at|fixed at|"
     "lahendatud|lahendamise aeg|lahendamise kuupäev|ratkaistu|ratkaisupäivä|ratkaisupaiva|ratkaistu aika|"
     "rezolvat|rezolvat la|data rezolvării|data rezolvarii|çözülme tarihi|cozulme tarihi|çözüm tarihi|cozum tarihi|çözüldü|"
     "تاريخ الحل|وقت الحل|تم الحل"},
    // ---- closed
    {Role::closed_at, 100, sec, false,
     "closed at|closed_at|closed time|closed|close date|closed date|date closed|conversation closed at|conversation_closed_at|"
     "date/time closed|closed date/time|close time|"
     "suletud|sulgemise aeg|sulgemise kuupäev|suljettu|sulkemisaika|sulkemispäivä|închis|inchis|data închiderii|data inchiderii|"
     "închis la|kapanış tarihi|kapanis tarihi|kapatılma tarihi|kapatilma tarihi|kapandı|"
     "تاريخ الإغلاق|وقت الإغلاق|تم الإغلاق"},
    {Role::updated_at, 90, sec, false,
     "updated at|updated|last update time|last updated time|last updated|updated time|sys updated at|last modified|modified|"
     "last activity date|last modified date|"
     "muudetud|päivitetty|actualizat|güncellenme tarihi|تاريخ التحديث"},
    {Role::answered_at, 100, sec, false, "answered at|answer time|answered time|ser start|service start|pickup time|connected at"},
    {Role::ended_at, 90, sec, false, "ended at|end time|ser exit|hangup time|hang up time|call end|disconnected at|finished at"},
    // ---- generic date
    {Role::date, 90, sec, false,
     "date|timestamp|time|datetime|date time|day|response date|survey date|submitted|responded at|response time stamp|"
     "end date|order date|purchase date|transaction date|invoice date|payment date|interval|interval start|period start|"
     "call date|call time|review date|evaluation date|"
     "kuupäev|kuupaev|aeg|päivämäärä|paivamaara|pvm|aika|data|dată|tarih|zaman|تاريخ|التاريخ|الوقت|الزمن"},
    {Role::date, 60, sec, false, "message created at|message_created_at|event time|created at utc"},
    // ---- status
    {Role::status, 100, sec, false,
     "status|state|incident state|incident_state|ticket status|conversation state|conversation_state|"
     "olek|staatus|tila|stare|durum|الحالة|حالة"},
    {Role::status, 70, sec, false, "resolution status of ticket"},
    // Jira's status category (To Do / In Progress / Done) decides resolved when the status itself is a
    // custom word ("Work in progress", "Declined").
    {Role::resolved_flag, 90, sec, false, "status category|status_category|statuscategory"},
    // ---- channel
    {Role::channel, 100, sec, false,
     "channel|via|source|contact type|contact_type|medium|origin|communication channel|ticket source|inbox name|inbox|case origin|"
     "kanal|kanava|canal|القناة|قناة"},
    // ---- category
    {Role::category, 100, sec, false,
     "category|ticket category|issue type|issue_type|topic|contact reason|reason|request type|"
     "kategooria|kategoria|luokka|categorie|categoria|kategori|الفئة|التصنيف"},
    {Role::category, 70, sec, false, "type|ticket type|label|tüüp|liik|tyyppi|tip|tür|tur|النوع"},
    {Role::subcategory, 90, sec, false, "subcategory|sub category|alamkategooria|alakategoria|subcategorie|alt kategori|الفئة الفرعية"},
    // ---- agent
    {Role::agent, 100, sec, false,
     "agent|assignee|assigned to|assigned_to|owner|agent name|assignee name|assignee_name|handled by|rep|representative|"
     "employee|operator|server|agent id|assignee id|reviewee|agent reviewed|case owner|ticket owner|"
     "töötaja|vastutaja|teenindaja|klienditeenindaja|agentti|käsittelijä|kasittelija|vastuuhenkilö|asiakaspalvelija|"
     "responsabil|asignat|temsilci|atanan|sorumlu|müşteri temsilcisi|musteri temsilcisi|الوكيل|الموظف|المسؤول|الممثل"},
    {Role::agent, 60, sec, false, "resolved by|resolved_by|closed by|solved by"},
    // ---- group
    {Role::group, 100, sec, false,
     "group|assignment group|assignment_group|team|team name|department|queue|support group|"
     "grupp|meeskond|osakond|ryhmä|ryhma|tiimi|osasto|grup|echipă|echipa|departament|ekip|departman|المجموعة|الفريق|القسم"},
    // ---- priority
    {Role::priority, 100, sec, false,
     "priority|severity|ticket priority|prioriteet|prioriteetti|tärkeys|tarkeys|prioritate|öncelik|oncelik|الأولوية|الاولوية"},
    // ---- segment
    {Role::segment, 80, sec, false,
     "segment|customer segment|region|country|plan|tier|product|brand|language|organization|organisation|market|store|"
     "contract|contract type|subscription type|plan type|subscription plan|"
     "segment kliendi|piirkond|riik|toode|alue|maa|tuote|regiune|țară|tara|produs|bölge|bolge|ülke|ulke|ürün|urun|"
     "الشريحة|المنطقة|الدولة|المنتج"},
    // ---- counts
    {Role::replies, 100, sec, false,
     "replies|agent replies|number of replies|reply count|replies count|public replies|agent responses|"
     "vastuseid|vastuste arv|vastaukset|vastausten määrä|vastausten maara|răspunsuri|raspunsuri|număr răspunsuri|"
     "yanıt sayısı|yanit sayisi|yanıtlar|عدد الردود|الردود"},
    {Role::agent_interactions, 100, sec, false, "agent interactions|agent_interactions|agent messages"},
    {Role::customer_interactions, 100, sec, false,
     "customer interactions|customer_interactions|requester interactions|customer messages|customer replies"},
    {Role::reopens, 100, sec, false,
     "reopens|reopen count|reopen_count|reopened count|times reopened|reopened|number of reopens|"
     "taasavamised|taasavamiste arv|uudelleenavaukset|redeschideri|yeniden açılma sayısı|yeniden acilma sayisi|مرات إعادة الفتح"},
    {Role::reassignments, 100, sec, false,
     "reassignment count|reassignment_count|reassignments|group reassignments|no of reassignments|number of reassignments"},
    {Role::agent_count, 100, sec, false, "assignee stations|agents involved|number of agents|agent count"},
    // ---- ready-made durations
    {Role::first_response_time, 100, minute, false,
     "first reply time in minutes|first reply time (in minutes)|first reply time (min)|first reply time minutes|"
     "first response time in minutes|first response time (min)|first response minutes|first reply time|"
     "first response time seconds|first response time (seconds)|first response time (hours)|time to first response|"
     "first response duration|frt|"
     // HubSpot ticket exports (values h:mm:ss)
     "time to first agent reply|time to first agent reply (HH:mm:ss)|time to first agent email reply|"
     "time to first agent email reply (HH:mm:ss)"},
    {Role::first_response_time_business, 100, minute, false,
     "first reply time in minutes within business hours|first reply time (business minutes)|"
     "first response time in minutes within business hours|first response time (in hrs)|first response time in hrs|"
     "first response time (in hours)|business first response time"},
    {Role::resolution_time, 100, minute, false,
     "full resolution time in minutes|full resolution time (min)|full resolution time (in minutes)|"
     "resolution time in minutes|resolution time (min)|resolution time minutes|time to resolution|time to resolve|"
     "resolution duration|resolution time (hours)|resolution time (seconds)|time to close|time to close (HH:mm:ss)"},
    {Role::resolution_time, 80, minute, false, "first resolution time in minutes|first resolution time (min)"},
    {Role::resolution_time_business, 100, minute, false,
     "full resolution time in minutes within business hours|resolution time (in hrs)|resolution time in hrs|"
     "resolution time (in hours)|business resolution time"},
    {Role::resolution_time_business, 80, minute, false, "first resolution time in minutes within business hours"},
    // ---- SLA outcomes
    {Role::sla_first_response, 100, sec, false, "first response status|first response sla|frt sla"},
    {Role::sla_resolution, 100, sec, false, "resolution status|resolution sla"},
    {Role::made_sla, 100, sec, false, "made sla|made_sla|sla met|within sla|sla achieved|sla status|sla"},
    // ---- survey
    {Role::rating, 100, sec, false,
     "satisfaction score|satisfaction|satisfaction rating|csat|csat score|customer satisfaction|survey results|survey result|"
     "rating|stars|star rating|conversation rating|happiness rating|"
     "rahulolu|hinnang|rahulolu hinnang|tyytyväisyys|tyytyvaisyys|arvosana|arvio|satisfacție|satisfactie|evaluare|notă|nota|"
     "memnuniyet|değerlendirme|degerlendirme|memnuniyet puanı|memnuniyet puani|الرضا|التقييم|درجة الرضا|رضا العملاء"},
    {Role::nps, 100, sec, false,
     "nps|nps score|net promoter score|likelihood to recommend|recommend|recommendation|likely to recommend|ltr|"
     "soovitusindeks|soovitus|soovitaks|suositteluindeksi|suosittelu|suosittelisitko|recomandare|tavsiye|tavsiye puanı|tavsiye puani|"
     "صافي نقاط الترويج|احتمال التوصية|التوصية"},
    {Role::ces, 100, sec, false,
     "ces|customer effort|customer effort score|effort|effort score|ease|ease score|pingutus|vaivattomuus|vaiva|efort|çaba|caba|الجهد"},
    {Role::score, 90, sec, false,
     "score|points|qa score|review score|evaluation score|criterion score|result score|skoor|punktid|pisteet|punctaj|puan|النتيجة|الدرجة"},
    // ---- calls
    {Role::wait_seconds, 100, sec, false,
     "wait seconds|wait time|waiting time|queue time|q time|time in queue|wait|hold time before answer|speed of answer|"
     "time to answer|ringing time|speed of answer in seconds|speed of answer seconds|average speed of answer|asa|asa seconds|"
     "answer speed|seconds to answer|ooteaeg|odotusaika|timp de asteptare|bekleme süresi|bekleme suresi|وقت الانتظار|"
     // interval reports write the same as averages per row: "Answer Speed (AVG)"
     "answer speed avg|answer speed average|avg answer speed|average answer speed|speed of answer avg|asa avg|"
     // Avaya CMS interval reports
     "avg speed ans"},
    {Role::talk_seconds, 100, sec, false,
     "talk seconds|talk time|talk duration|ser time|service time|conversation time|call duration|duration|"
     "avg talk duration|average talk duration|avg talk time|average talk time|talk duration avg|talk time avg|"
     "talk duration average|talk time average|avg acd time|avg talk|"
     "kõneaeg|puheaika|durata apel|görüşme süresi|gorusme suresi|مدة المكالمة"},
    {Role::hold_seconds, 100, sec, false, "hold seconds|hold time|on hold time|hold duration|ooteaeg kõne ajal|pitoaika|avg hold|avg hold time"},
    {Role::wrap_seconds, 100, sec, false,
     "wrap seconds|wrap time|wrap up time|wrapup time|wrap-up time|after call work|acw|after call work time|järeltöö|jälkityö"},
    {Role::handle_seconds, 100, sec, false, "handle time|handling time|handle seconds|aht|käsittelyaika|töötlusaeg|avg handle|avg handle time"},
    {Role::outcome, 100, sec, false,
     "outcome|call outcome|call status|call result|result|disposition|call disposition|tulemus|tulos|rezultat|sonuç|sonuc|النتيجة النهائية|"
     "answered y n|answered yes no|is answered|was answered|call answered"},
    {Role::calls, 100, sec, false,
     "calls|call count|calls offered|offered|contacts|contacts offered|number of calls|arrivals|call volume|volume|incoming calls|inbound calls|"
     "kõned|kõnede arv|puhelut|puheluiden määrä|apeluri|număr apeluri|çağrılar|cagrilar|çağrı sayısı|cagri sayisi|عدد المكالمات|المكالمات"},
    {Role::answered_calls, 100, sec, false, "answered|calls answered|answered calls|handled calls|calls handled|acd calls"},
    {Role::abandoned_calls, 100, sec, false, "abandoned|calls abandoned|abandoned calls|lost calls|aband calls"},
    // Genesys Cloud queue performance exports: Offer, Answer, Abandon per interval (only beside Offer:
    // a survey's "Answer" column is no call count)
    {Role::calls, 100, sec, false, "offer"},
    {Role::answered_calls, 60, sec, false, "answer"},
    {Role::abandoned_calls, 60, sec, false, "abandon"},
    // ---- transactions
    {Role::amount, 100, sec, false,
     "amount|revenue|total|price|value|dollar value|sales|order value|order total|total amount|payment|sum|net amount|"
     "gross amount|spend|total charges|total spend|total revenue|lifetime revenue|"
     "summa|hind|käive|kaive|hinta|myynti|sumă|suma|valoare|total plata|preț|pret|tutar|toplam|fiyat|ciro|المبلغ|القيمة|الإجمالي|السعر"},
    {Role::quantity, 100, sec, false,
     "quantity|qty|units|items|number of items|number of cds|count of items|kogus|määrä|maara|kpl|cantitate|adet|miktar|الكمية"},
    // ---- qa
    // ---- one row per customer
    {Role::start_date, 90, sec, false,
     "start date|signup date|sign up date|signed up|signed up at|subscription start|subscription start date|join date|joined|"
     "joined at|joining date|customer since|registration date|registered at|activation date|contract start|start_date|"
     "alguskuupäev|liitumise kuupäev|aloituspäivä|liittymispäivä|data inceput|data începerii|başlangıç tarihi|baslangic tarihi|"
     "kayıt tarihi|تاريخ البدء|تاريخ الاشتراك"},
    {Role::end_date, 90, sec, false,
     "cancel date|cancellation date|cancelled at|canceled at|cancelled date|churn date|churned at|churned date|termination date|"
     "terminated at|subscription end|subscription end date|contract end|end of contract|left at|lõppkuupäev|lopetuspäivä|"
     "data încheierii|data incheierii|bitiş tarihi|bitis tarihi|iptal tarihi|تاريخ الإلغاء|تاريخ الانتهاء"},
    {Role::churned, 100, sec, false,
     "churn|churned|is churned|has churned|churn flag|churn label|exited|attrition|attrition flag|cancelled|canceled|"
     "lahkunud|lopettanut|pierdut|kayıp|kayip|terk|منسحب"},
    {Role::tenure, 100, sec, false, "tenure|tenure months|months active|months as customer|customer tenure|lifetime months"},
    {Role::recurring_revenue, 100, sec, false,
     "monthly charges|monthly charge|monthly revenue|monthly fee|monthly payment|mrr|subscription fee|plan price|recurring revenue|"
     "monthly amount|kuutasu|kuukausimaksu|abonament lunar|aylık ücret|aylik ucret|الرسوم الشهرية"},
    {Role::criterion, 100, sec, false,
     "criterion|criteria|qa criterion|question|rubric|rubric item|scorecard item|category name|kriteerium|kriteeri|criteriu|kriter|المعيار"},
    {Role::weight, 100, sec, false, "weight|criterion weight|kaal|paino|pondere|ağırlık|agirlik|الوزن"},
    {Role::reviewer, 100, sec, false,
     "reviewer|reviewer name|reviewed by|qa reviewer|grader|graded by|evaluator|evaluated by|qa analyst|auditor|scored by|"
     "hindaja|arvioija|evaluator|değerlendiren|المراجع"},
    // ---- one row per message part (Intercom conversation exports)
    {Role::author_type, 100, sec, false,
     "message author type|message_author_type|author type|sender type|from type|author role|sender role|part author type"},
    {Role::message_type, 100, sec, false, "message type|message_type|part type|part_type|conversation part type|message kind"},
    {Role::author_name, 90, sec, false, "message author name|message_author_name|author name|sender name|author|sender|author id|author_id"},
    {Role::message_body, 90, sec, false, "message body|message_body|part body|message text|body"},
    // ---- aggregated reports (Chatwoot agent / inbox / team / label reports, older "(Minutes)" variants)
    {Role::conversations, 100, sec, false,
     "conversations count|assigned conversations|no of conversations|no. of conversations|number of conversations|"
     "conversation count|handled conversations|tickets count|ticket count|number of tickets|no of tickets"},
    {Role::conversations, 70, sec, false, "conversations"},
    {Role::resolutions, 100, sec, false,
     "resolution count|resolutions count|resolutions|resolved conversations|resolved conversations count|resolved count|"
     "resolved tickets"},
    {Role::avg_first_response_time, 100, sec, false,
     "avg first response time|average first response time|mean first response time|avg frt|average frt|"
     "avg first response time (minutes)|avg first response time (seconds)|avg first response time (hours)"},
    {Role::avg_resolution_time, 100, sec, false,
     "avg resolution time|average resolution time|mean resolution time|avg time to resolution|average time to resolution|"
     "avg resolution time (minutes)|avg resolution time (seconds)|avg resolution time (hours)"},
    {Role::avg_reply_time, 100, sec, false, "avg reply time|average reply time|avg response time|average response time"},
    {Role::avg_waiting_time, 100, sec, false,
     "avg customer waiting time|average customer waiting time|avg waiting time|average waiting time|avg wait time|"
     "waiting time avg|wait time avg|waiting time average"},
    // An interval report's service level per row; the threshold is read from the header ("(20 Seconds)").
    {Role::service_level_percent, 100, sec, false, "service level|service level %|service level percent|sl %|sl percent|service level pct"},
    {Role::service_level_percent, 45, sec, true, "service level"},

    // ---- transactions: payment outcome, refunds, currency (Shopify orders, Stripe payments). Stripe's
    // "Converted Amount" is in the account's currency while "Amount" is in each charge's own: the
    // converted one wins.
    {Role::payment_status, 100, sec, false, "financial status|payment status|charge status|transaction status|payment state"},
    {Role::refunded, 100, sec, false, "amount refunded|refunded amount|refund amount|total refunded|refunds|refund|refunded"},
    {Role::refunded, 110, sec, false, "converted amount refunded"},
    {Role::amount, 110, sec, false, "converted amount"},
    {Role::currency, 100, sec, false, "currency|currency code|valuuta|valuutta|moneda|para birimi|العملة"},
    {Role::currency, 110, sec, false, "converted currency"},
    // A price per unit is not what the line brought in: UCI Online Retail's UnitPrice times Quantity is.
    {Role::unit_price, 100, sec, false,
     "unit price|unitprice|unit_price|price per unit|price each|each price|unit selling price|selling price per unit|"
     "birim fiyat|yksikköhinta|yksikkohinta|ühiku hind|uhiku hind|pret unitar|preț unitar|سعر الوحدة"},
    {Role::unit_price, 45, sec, true, "unit price|price per unit"},
    {Role::order_id, 100, sec, false,
     "invoice no|invoiceno|invoice|invoice number|invoice id|order id|order_id|order number|order no|order #|"
     "receipt no|receipt number|transaction id|arve number|arve nr|laskun numero|fatura no|رقم الفاتورة"},
    {Role::customer_id, 60, sec, false, "email|e-mail"},
    // ---- calls: direction (Twilio "inbound" / "outbound-api", "Incoming" / "Outgoing")
    {Role::direction, 100, sec, false, "direction|call direction|call_direction|inbound outbound|call type"},
    // ---- Amazon Connect contact trace records flattened to CSV (nested fields joined with '.':
    // "Queue.Duration", "Agent.AgentInteractionDuration"); durations are seconds. A contact that never
    // reached an agent has no Agent.ConnectedToAgentTimestamp.
    {Role::created_at, 100, sec, false, "initiation timestamp|initiationtimestamp"},
    {Role::direction, 100, sec, false, "initiation method|initiationmethod"},
    {Role::answered_at, 100, sec, false, "agent connected to agent timestamp|connected to agent timestamp"},
    {Role::ended_at, 100, sec, false, "disconnect timestamp|disconnecttimestamp"},
    {Role::wait_seconds, 100, sec, false, "queue duration"},
    {Role::talk_seconds, 100, sec, false, "agent agent interaction duration|agent interaction duration"},
    {Role::hold_seconds, 100, sec, false, "agent customer hold duration|customer hold duration"},
    {Role::wrap_seconds, 100, sec, false, "agent after contact work duration|after contact work duration|avg acw time|avg wrap time|average wrap time|avg acw"},
    {Role::agent, 100, sec, false, "agent username|agent user name"},
    // ---- Intercom API conversations flattened to CSV (conversation statistics in seconds / Unix times)
    {Role::first_response_time, 100, sec, false, "time to admin reply|statistics.time_to_admin_reply"},
    {Role::resolution_time, 100, sec, false, "time to last close|statistics.time_to_last_close"},
    {Role::resolution_time, 90, sec, false, "time to first close|statistics.time_to_first_close"},
    {Role::first_response_at, 100, sec, false, "first admin reply at|statistics.first_admin_reply_at"},
    {Role::closed_at, 100, sec, false, "last close at|statistics.last_close_at"},
    {Role::reopens, 100, sec, false, "count reopens|statistics.count_reopens"},
    {Role::agent, 90, sec, false, "admin assignee id|admin_assignee_id"},
    {Role::channel, 90, sec, false, "source type|source.type|source.delivered_as"},
    {Role::group, 100, sec, false, "queue name"},
    {Role::none, 100, sec, false, "agent number of holds|number of holds|agent longest hold duration|queue enqueue timestamp|"
                                  "queue dequeue timestamp|connected to system timestamp|disconnect reason"},
    // ---- Typeform response downloads: "#" (response token), one column per question (the question text),
    // then "Response Type, Start Date (UTC), Stage Date (UTC), Submit Date (UTC), Network ID, Tags".
    // The submit time is when the answer was given.
    {Role::date, 100, sec, false, "submit date (utc)|submit date|submitted at|submitted at (utc)"},
    {Role::none, 100, sec, false, "start date (utc)|stage date (utc)|network id"},
    // ---- Qualtrics response exports: three header rows (short ids StartDate, ..., RecordedDate,
    // ResponseId, ..., Q1, Q2; the question texts; {"ImportId":...} JSON). A response is recorded at
    // RecordedDate. "Status" is the response type (IP Address / Survey Preview / Spam), not a ticket
    // state: its second-row text "Response Type" says so (see above). An NPS question comes as two
    // columns, "Q1_NPS_GROUP" (Detractor / Passive / Promoter, or 1-3) and the 0-10 score "Q1": the
    // group is never the score. The survey's distribution channel (anonymous link, email, SMS) is not
    // the contact channel.
    {Role::date, 100, sec, false, "recorded date|recordeddate"},
    // Qualtrics' response type (its "Status" column, under the text "Response Type"). Typeform's
    // "Response Type" (completed / partial) has none of its values and is left unused (mapper.cpp).
    {Role::response_type, 100, sec, false, "response type|responsetype"},
    {Role::none, 100, sec, false, "distribution channel|distributionchannel|ip address|ipaddress|user language|userlanguage|"
                                  "location latitude|location longitude|external data reference|external reference"},
    {Role::none, 45, sec, true, "nps group"},
    // A ticket's subject line is free text, not a category: "Subject", Arabic "الموضوع", Turkish "Konu".
    {Role::none, 100, sec, false, "subject|الموضوع|konu|subiect"},
    // Question texts: "How would you rate the support you received?", "Which channel did you use?"
    {Role::rating, 40, sec, true, "how would you rate|rate your|rate the|rate our"},
    {Role::channel, 40, sec, true, "channel"},
    // ---- vendor columns known to hold something else than their words suggest, left unused on purpose:
    // Zendesk's agent / requester wait and on-hold times are minutes spent in the Pending / New+Open /
    // On-hold statuses, not a caller's queue wait (the keyword "wait time" would take them for one).
    {Role::none, 100, sec, false,
     "agent wait time in minutes|agent wait time in minutes within business hours|requester wait time in minutes|"
     "requester wait time in minutes within business hours|on hold time in minutes|on hold time in minutes within business hours"},

    // ---- keywords inside longer headers (questions, vendor variants)
    {Role::nps, 40, sec, true, "recommend|recommendation|nps|tavsiye|suosittel|soovita"},
    {Role::ces, 40, sec, true, "effort|easy"},
    {Role::rating, 40, sec, true, "satisfied|satisfaction|csat|rating|memnuniyet|tyytyväi"},
    {Role::amount, 40, sec, true, "revenue|amount|value|price"},
    {Role::quantity, 40, sec, true, "quantity|qty|number of"},
    {Role::customer_id, 35, sec, true, "customer|client"},
    {Role::wait_seconds, 40, sec, true, "wait time|queue time"},
    {Role::talk_seconds, 40, sec, true, "talk time"},
};

// ------------------------------------------------------------------------------------------------
// Normalisation.

// Appends the UTF-8 of code point cp.
void put_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Decodes one UTF-8 code point; invalid bytes are returned as themselves (Latin-1 reading).
std::uint32_t next_code_point(std::string_view text, std::size_t& i) {
  const auto byte = static_cast<unsigned char>(text[i]);
  if (byte < 0x80) {
    ++i;
    return byte;
  }
  int length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 0;
  if (length == 0 || i + length > text.size()) {
    ++i;
    return byte;
  }
  std::uint32_t cp = byte & (0x7F >> length);
  for (int k = 1; k < length; ++k) {
    const auto next = static_cast<unsigned char>(text[i + k]);
    if ((next & 0xC0) != 0x80) {
      ++i;
      return byte;
    }
    cp = (cp << 6) | (next & 0x3F);
  }
  i += length;
  return cp;
}

// Lower-case ASCII letter for Latin letters with diacritics (0 when cp is not one we fold).
char fold_latin(std::uint32_t cp) {
  if (cp >= 0xC0 && cp <= 0xFF) {
    static constexpr char latin1[] =
        "aaaaaaaceeeeiiii"   // C0-CF
        "dnooooo\0ouuuuyts"  // D0-DF (D7 ×, DE Þ→t, DF ß→s)
        "aaaaaaaceeeeiiii"   // E0-EF
        "dnooooo\0ouuuuyty";  // F0-FF (F7 ÷)
    return latin1[cp - 0xC0];
  }
  if (cp >= 0x100 && cp <= 0x17F) {
    // Latin Extended-A, by ranges of the same base letter.
    struct Range {
      std::uint32_t first, last;
      char letter;
    };
    static constexpr Range ranges[] = {
        {0x100, 0x105, 'a'}, {0x106, 0x10D, 'c'}, {0x10E, 0x111, 'd'}, {0x112, 0x11B, 'e'}, {0x11C, 0x123, 'g'},
        {0x124, 0x127, 'h'}, {0x128, 0x131, 'i'}, {0x132, 0x133, 'i'}, {0x134, 0x135, 'j'}, {0x136, 0x138, 'k'},
        {0x139, 0x142, 'l'}, {0x143, 0x14B, 'n'}, {0x14C, 0x153, 'o'}, {0x154, 0x159, 'r'}, {0x15A, 0x161, 's'},
        {0x162, 0x167, 't'}, {0x168, 0x173, 'u'}, {0x174, 0x175, 'w'}, {0x176, 0x178, 'y'}, {0x179, 0x17E, 'z'},
        {0x17F, 0x17F, 's'},
    };
    for (const Range& range : ranges) {
      if (cp >= range.first && cp <= range.last) return range.letter;
    }
  }
  if (cp == 0x218 || cp == 0x219) return 's';  // Ș ș (comma below, Romanian)
  if (cp == 0x21A || cp == 0x21B) return 't';  // Ț ț
  return 0;
}

bool is_arabic_diacritic(std::uint32_t cp) { return (cp >= 0x64B && cp <= 0x65F) || cp == 0x670 || cp == 0x640; }

std::uint32_t unify_arabic(std::uint32_t cp) {
  switch (cp) {
    case 0x622: case 0x623: case 0x625: case 0x671: return 0x627;  // alef variants
    case 0x649: return 0x64A;                                        // alef maksura → yeh
    case 0x629: return 0x647;                                        // teh marbuta → heh
    default: return cp;
  }
}

bool is_letter_or_digit(std::uint32_t cp) {
  if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
  if (cp == 0xD7 || cp == 0xF7) return false;
  if (cp >= 0xC0 && cp <= 0x24F) return true;
  if (cp >= 0x370 && cp <= 0x3FF) return true;   // Greek
  if (cp >= 0x400 && cp <= 0x4FF) return true;   // Cyrillic
  if (cp >= 0x600 && cp <= 0x6FF) return cp != 0x60C && cp != 0x61B && cp != 0x61F && cp != 0x66A;  // Arabic, not its punctuation
  if (cp >= 0x3040) return true;                 // CJK and beyond
  return false;
}

struct Entry {
  Role role;
  int priority;
  double unit;
};

struct Table {
  // Normalised names, and "#" + their compact forms, side by side in one buffer that the map's keys
  // view: built once per process, with a handful of allocations instead of several per name (in
  // wasm, building the table was a large part of the first feed and made V8 optimise malloc early).
  std::string keys;
  std::unordered_map<std::string_view, Entry> exact;  // normalised or compact name → best entry
  std::vector<std::pair<std::string, Entry>> keywords;  // " word word " forms
  std::size_t names = 0;
};

void keep_better(std::unordered_map<std::string_view, Entry>& map, std::string_view key, Entry entry) {
  auto [found, added] = map.try_emplace(key, entry);  // one lookup, not find + operator[]
  if (!added && found->second.priority < entry.priority) found->second = entry;
}

template <typename Visit>
void for_each_name(Visit visit) {
  for (const TableRow& row : header_rows) {
    std::string_view names(row.names);
    std::size_t start = 0;
    while (start <= names.size()) {
      std::size_t bar = names.find('|', start);
      if (bar == std::string_view::npos) bar = names.size();
      const std::string_view name = names.substr(start, bar - start);
      start = bar + 1;
      if (!name.empty()) visit(row, name);
    }
  }
}

[[gnu::noinline]] Table build_table() {
  Table table;
  table.exact.reserve(4096);  // about two keys per name: no rehash while filling
  // A normalised name is at most twice as long as the name (camelCase gains a space per capital,
  // folded letters get shorter), its compact form no longer: the buffer never reallocates, so the
  // views stay valid.
  std::size_t capacity = 0;
  for_each_name([&](const TableRow&, std::string_view name) { capacity += 4 * name.size() + 1; });
  table.keys.reserve(capacity);
  for_each_name([&](const TableRow& row, std::string_view name) {
    ++table.names;
    const Entry entry{row.role, row.priority, row.unit};
    const std::string normal = normalize_header(name);
    if (normal.empty()) return;
    if (row.keyword) {
      table.keywords.emplace_back(" " + normal + " ", entry);
      return;
    }
    const std::size_t at = table.keys.size();
    if (at + 2 * normal.size() + 1 > table.keys.capacity()) throw std::logic_error("header table: key buffer too small");
    table.keys += normal;
    table.keys += '#';
    for (const char c : normal) {
      if (c != ' ') table.keys += c;
    }
    const std::string_view keys(table.keys);
    keep_better(table.exact, keys.substr(at, normal.size()), entry);
    keep_better(table.exact, keys.substr(at + normal.size()), entry);
  });
  return table;
}

const Table& table() {
  static const Table instance = build_table();
  return instance;
}

bool contains_word(std::string_view spaced, std::string_view word) {
  return spaced.find(word) != std::string_view::npos;
}

// Unit of a duration column from words in its header; `fallback` when none says.
double unit_from_header(const std::string& spaced, double fallback) {
  const std::string padded = " " + spaced + " ";
  if (contains_word(padded, " seconds ") || contains_word(padded, " second ") || contains_word(padded, " sec ") ||
      contains_word(padded, " secs ") || contains_word(padded, " s ") || contains_word(padded, " sekundit ") ||
      contains_word(padded, " sekuntia ") || contains_word(padded, " saniye ") || contains_word(padded, " secunde "))
    return 1;
  if (contains_word(padded, " minutes ") || contains_word(padded, " minute ") || contains_word(padded, " min ") ||
      contains_word(padded, " mins ") || contains_word(padded, " minutit ") || contains_word(padded, " minuuttia ") ||
      contains_word(padded, " dakika ") || contains_word(padded, " minute "))
    return 60;
  if (contains_word(padded, " hours ") || contains_word(padded, " hour ") || contains_word(padded, " hrs ") ||
      contains_word(padded, " hr ") || contains_word(padded, " h ") || contains_word(padded, " tundi ") ||
      contains_word(padded, " tuntia ") || contains_word(padded, " saat ") || contains_word(padded, " ore "))
    return 3600;
  if (contains_word(padded, " days ") || contains_word(padded, " day ") || contains_word(padded, " paeva ") ||
      contains_word(padded, " gun "))
    return 86400;
  return fallback;
}

}  // namespace

std::string_view role_name(Role role) {
  const auto index = static_cast<std::size_t>(role);
  return index < role_count ? role_infos[index].name : "none";
}

std::optional<Role> role_from_name(std::string_view name, double* unit_seconds) {
  for (const RoleInfo& info : role_infos) {
    if (info.role != Role::none && name == info.name) return info.role;
  }
  struct Alias {
    const char* name;
    Role role;
    double unit;
  };
  static constexpr Alias aliases[] = {
      {"id", Role::ticket_id, sec},
      {"created", Role::created_at, sec},
      {"first_response", Role::first_response_at, sec},
      {"first_reply_at", Role::first_response_at, sec},
      {"resolved", Role::resolved_at, sec},
      {"solved_at", Role::resolved_at, sec},
      {"closed", Role::closed_at, sec},
      {"assignee", Role::agent, sec},
      {"via", Role::channel, sec},
      {"csat", Role::rating, sec},
      {"satisfaction", Role::rating, sec},
      {"survey_date", Role::date, sec},
      {"purchase_date", Role::date, sec},
      {"customer", Role::customer_id, sec},
      {"revenue", Role::amount, sec},
      {"first_response_seconds", Role::first_response_time, sec},
      {"first_response_minutes", Role::first_response_time, minute},
      {"first_response_hours", Role::first_response_time, hour},
      {"first_response_business_seconds", Role::first_response_time_business, sec},
      {"first_response_business_minutes", Role::first_response_time_business, minute},
      {"first_response_business_hours", Role::first_response_time_business, hour},
      {"resolution_seconds", Role::resolution_time, sec},
      {"resolution_minutes", Role::resolution_time, minute},
      {"resolution_hours", Role::resolution_time, hour},
      {"resolution_days", Role::resolution_time, day},
      {"resolution_business_seconds", Role::resolution_time_business, sec},
      {"resolution_business_minutes", Role::resolution_time_business, minute},
      {"resolution_business_hours", Role::resolution_time_business, hour},
      {"wait_minutes", Role::wait_seconds, minute},
      {"talk_minutes", Role::talk_seconds, minute},
  };
  for (const Alias& alias : aliases) {
    if (name == alias.name) {
      if (unit_seconds) *unit_seconds = alias.unit;
      return alias.role;
    }
  }
  return std::nullopt;
}

ValueType role_value_type(Role role) {
  const auto index = static_cast<std::size_t>(role);
  return index < role_count ? role_infos[index].type : ValueType::text;
}

std::string normalize_header(std::string_view header) {
  // Zendesk custom fields: "Name [list]" → "Name".
  while (!header.empty() && (header.back() == ' ' || header.back() == '\t')) header.remove_suffix(1);
  if (!header.empty() && header.back() == ']') {
    const std::size_t open = header.rfind('[');
    if (open != std::string_view::npos && open > 0) header = header.substr(0, open);
  }
  std::string out;
  out.reserve(header.size() + 4);
  bool pending_space = false;
  std::uint32_t previous = 0;
  std::size_t i = 0;
  while (i < header.size()) {
    std::uint32_t cp = next_code_point(header, i);
    if (cp == 0xFEFF) continue;  // a stray BOM
    if (is_arabic_diacritic(cp)) continue;
    const bool word = is_letter_or_digit(cp);
    if (!word) {
      pending_space = !out.empty();
      previous = 0;
      continue;
    }
    // camelCase → two words; "ID" or "CSAT" stay whole.
    const bool upper_ascii = cp >= 'A' && cp <= 'Z';
    if (upper_ascii && previous >= 'a' && previous <= 'z') pending_space = true;
    previous = cp;
    if (pending_space) {
      out += ' ';
      pending_space = false;
    }
    if (cp < 0x80) {
      out += static_cast<char>(upper_ascii ? cp + 32 : cp);
    } else if (const char folded = fold_latin(cp)) {
      out += folded;
    } else {
      cp = unify_arabic(cp);
      if (cp >= 0x391 && cp <= 0x3A9) cp += 32;  // Greek capitals
      if (cp >= 0x410 && cp <= 0x42F) cp += 32;  // Cyrillic capitals
      put_utf8(out, cp);
    }
  }
  return out;
}

std::string compact_header(std::string_view header) {
  std::string normal = normalize_header(header);
  normal.erase(std::remove(normal.begin(), normal.end(), ' '), normal.end());
  return normal;
}

namespace {

// Out of line, so that V8 optimises this loop alone rather than all of match_header (see
// Session::State::replay_sample).
[[gnu::noinline]] void consider_keywords(const Table& known, const std::string& normal, HeaderMatch& best) {
  const std::string padded = " " + normal + " ";
  // "Customer Remarks", "Customer_City", "Client type": about the customer, not who the customer is.
  static constexpr std::string_view not_identity[] = {" remark ", " remarks ", " comment ", " comments ", " feedback ",
                                                      " note ",   " notes ",   " city ",    " country ",  " region ",
                                                      " segment ", " type ",   " age ",     " gender ",   " since ",
                                                      " tenure ", " text ",    " message ", " satisfaction ", " rating "};
  const bool about_customer = std::any_of(std::begin(not_identity), std::end(not_identity),
                                          [&](std::string_view word) { return padded.find(word) != std::string::npos; });
  for (const auto& [word, entry] : known.keywords) {
    if (entry.role == Role::customer_id && about_customer) continue;
    if (contains_word(padded, word) && entry.priority > best.priority) best = HeaderMatch{entry.role, entry.priority, entry.unit};
  }
}

}  // namespace

HeaderMatch match_header(std::string_view header) {
  const Table& known = table();
  const std::string normal = normalize_header(header);
  if (normal.empty()) return {};
  HeaderMatch best;
  auto consider = [&](const Entry& entry) {
    if (entry.priority > best.priority) best = HeaderMatch{entry.role, entry.priority, entry.unit};
  };
  if (auto found = known.exact.find(normal); found != known.exact.end()) consider(found->second);
  std::string compact = normal;
  compact.erase(std::remove(compact.begin(), compact.end(), ' '), compact.end());
  if (auto found = known.exact.find("#" + compact); found != known.exact.end()) consider(found->second);
  if (best.role == Role::none) {
    // Vendor prefixes such as "sys_", "u_" or "ticket " in front of a known name.
    for (std::string_view prefix : {"sys ", "u ", "ticket ", "conversation ", "call ", "customer ", "issue "}) {
      if (normal.size() > prefix.size() && normal.compare(0, prefix.size(), prefix) == 0) {
        if (auto found = known.exact.find(normal.substr(prefix.size())); found != known.exact.end()) {
          Entry entry = found->second;
          entry.priority -= 20;
          consider(entry);
        }
      }
    }
  }
  if (best.role == Role::none) consider_keywords(known, normal, best);
  if (best.role != Role::none && role_value_type(best.role) == ValueType::duration) {
    if (const double stated = unit_from_header(normal, 0); stated > 0) {
      best.unit_seconds = stated;
      best.unit_stated = true;
    }
  }
  return best;
}

std::size_t header_table_size() { return table().names; }

// ------------------------------------------------------------------------------------------------
// Value words of message-part logs and the header words that mark QA review files, as data.

namespace {

struct WordClass {
  const char* words;  // '|'-separated, lower case
  int value;
};

constexpr WordClass author_words[] = {
    {"admin|agent|teammate|staff|support|employee|team|assignee|human", 1},
    {"user|lead|contact|customer|visitor|end user|end-user|enduser|requester|client|guest", 2},
    {"bot|operator|fin|system|automation|workflow|ai|assistant|integration|app", 3},
};

constexpr WordClass part_words[] = {
    {"comment|conversation|message|reply|email|chat|inbound|outbound|open with message|sms|facebook|twitter|whatsapp|"
     "instagram|conversation initiated|initial message|first message",
     1},
    {"note|internal note|private note|note and reopen|notes", 2},
    {"assignment|assign and reopen|assign and unsnooze|away mode assignment|default assignment|open|close|closed|snoozed|"
     "unsnoozed|timer unsnooze|participant added|participant removed|conversation rating changed|conversation rating remark added|"
     "language detection details|conversation attribute updated|ticket state updated|event|status change",
     3},
};

bool has_word(const char* words, const std::string& value) {
  std::string_view list(words);
  std::size_t start = 0;
  while (start <= list.size()) {
    std::size_t bar = list.find('|', start);
    if (bar == std::string_view::npos) bar = list.size();
    if (list.substr(start, bar - start) == value) return true;
    start = bar + 1;
  }
  return false;
}

int classify_word(const WordClass* classes, std::size_t count, std::string_view value) {
  const std::string normal = normalize_header(value);  // case, "_" and "-" → one spaced form
  if (normal.empty()) return 0;
  for (std::size_t i = 0; i < count; ++i) {
    if (has_word(classes[i].words, normal)) return classes[i].value;
  }
  return 0;
}

constexpr std::string_view qa_signal_words[] = {"review", "reviewed", "reviewer", "evaluation", "evaluated", "evaluator",
                                                "scorecard", "qa", "audit", "auditor", "grader", "graded", "rubric",
                                                "ülevaatus", "hindamine", "arviointi"};

// Columns of a QA review file that are never criteria even when their values look like scores:
// totals the file computed itself, identifiers, times and counts.
constexpr std::string_view not_criterion_words[] = {"id", "total", "overall", "sum", "final", "average", "avg", "mean",
                                                    "possible", "max", "weight", "time", "duration", "minutes",
                                                    "seconds", "hours", "count", "number", "date", "comment", "comments",
                                                    "notes", "note", "percent of", "points possible"};

// Qualtrics response types (text exports; numeric exports write the codes, see classify_response_type).
constexpr WordClass response_type_words[] = {
    {"ip address|imported|offline", 1},
    {"survey preview|survey test|spam|offline survey preview", 2},
};

}  // namespace

int classify_response_type(std::string_view value) {
  const std::string_view text = trim(value);
  if (!text.empty() && text.size() <= 2 && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    const int code = std::stoi(std::string(text));
    if (code == 0 || code == 4 || code == 16) return 1;
    if (code == 1 || code == 2 || code == 8 || code == 17) return 2;
    return 0;
  }
  return classify_word(response_type_words, sizeof(response_type_words) / sizeof(response_type_words[0]), text);
}

int classify_author(std::string_view value) {
  return classify_word(author_words, sizeof(author_words) / sizeof(author_words[0]), value);
}

int classify_part(std::string_view value) {
  return classify_word(part_words, sizeof(part_words) / sizeof(part_words[0]), value);
}

bool not_a_criterion_header(std::string_view header) {
  const std::string padded = " " + normalize_header(header) + " ";
  for (std::string_view word : not_criterion_words) {
    if (padded.find(" " + std::string(word) + " ") != std::string::npos) return true;
  }
  return false;
}

bool subheader_word(std::string_view value) {
  static constexpr std::string_view words[] = {"response", "open ended response", "other please specify", "open ended",
                                               "responses", "answer"};
  const std::string normal = normalize_header(value);
  for (std::string_view word : words) {
    if (normal == word) return true;
  }
  return false;
}

bool qa_header_signal(std::string_view header) {
  const std::string padded = " " + normalize_header(header) + " ";
  for (std::string_view word : qa_signal_words) {
    const std::string needle = " " + normalize_header(word) + " ";
    if (padded.find(needle) != std::string::npos) return true;
  }
  return false;
}

}  // namespace skpi::analysis
