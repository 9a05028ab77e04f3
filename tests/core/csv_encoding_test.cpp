// Encodings: detection, BOMs (also split across chunks), UTF-16 with surrogate pairs, Windows-1252,
// -1250, -1254, -1256 and -1257 (Baltic) transcoding, repair of stray bytes in UTF-8, and the decoder on its own.
#include <gtest/gtest.h>

#include <string>

#include "core/csv/encoding.hpp"
#include "core/csv/reader.hpp"
#include "tests/core/csv_test_support.hpp"

namespace skpi::csv {
namespace {

using testing::read_csv;
using testing::Rows;

std::string utf16(const std::u16string& text, bool little_endian, bool bom) {
  std::string out;
  auto put = [&](char16_t unit) {
    const char lo = static_cast<char>(unit & 0xFF), hi = static_cast<char>(unit >> 8);
    out.push_back(little_endian ? lo : hi);
    out.push_back(little_endian ? hi : lo);
  };
  if (bom) put(0xFEFF);
  for (const char16_t unit : text) put(unit);
  return out;
}

class StringSink : public SpanSink {
 public:
  void on_span(const char* data, std::size_t size) override { text.append(data, size); }
  std::string text;
};

std::string decode_in_chunks(Encoding encoding, const std::string& bytes, std::size_t chunk) {
  Decoder decoder(encoding);
  StringSink sink;
  for (std::size_t i = 0; i < bytes.size(); i += chunk)
    decoder.decode(reinterpret_cast<const std::uint8_t*>(bytes.data()) + i, std::min(chunk, bytes.size() - i), sink);
  decoder.finish(sink);
  return sink.text;
}

TEST(CsvEncoding, Utf8BomIsStrippedAndReported) {
  const auto r = read_csv("\xEF\xBB\xBFid,name\n1,J\xC3\xBCri\n");
  EXPECT_EQ(r.dialect.encoding, "utf-8-bom");
  EXPECT_EQ(r.header, (std::vector<std::string>{"id", "name"}));
  EXPECT_EQ(r.rows, (Rows{{"1", "Jüri"}}));
}

TEST(CsvEncoding, BomSplitAcrossChunks) {
  const std::string text = "\xEF\xBB\xBFid,name\n1,x\n";
  for (std::size_t chunk = 1; chunk <= 4; ++chunk) {
    const auto r = read_csv(text, {}, chunk);
    EXPECT_EQ(r.dialect.encoding, "utf-8-bom") << chunk;
    EXPECT_EQ(r.header.front(), "id") << chunk;
  }
  const std::string u16 = utf16(u"id\tname\r\n1\tx\r\n", true, true);
  for (std::size_t chunk = 1; chunk <= 4; ++chunk) EXPECT_EQ(read_csv(u16, {}, chunk).header.front(), "id") << chunk;
}

TEST(CsvEncoding, Utf16LittleAndBigEndianWithSurrogatePairs) {
  const std::u16string text = u"name\tnote\r\nAnn\tcaf\u00e9 \U0001F600 \u20ac\r\n";
  for (const bool little_endian : {true, false}) {
    const auto r = read_csv(utf16(text, little_endian, true));
    EXPECT_EQ(r.dialect.encoding, little_endian ? "utf-16le" : "utf-16be");
    EXPECT_EQ(r.dialect.delimiter, '\t');
    EXPECT_EQ(r.header, (std::vector<std::string>{"name", "note"}));
    EXPECT_EQ(r.rows, (Rows{{"Ann", "café 😀 €"}}));
    EXPECT_EQ(r.replaced, 0u);
  }
}

TEST(CsvEncoding, Utf16WithoutBomIsDetected) {
  const auto le = read_csv(utf16(u"a,b\n1,\u00e9\n", true, false));
  EXPECT_EQ(le.dialect.encoding, "utf-16le");
  EXPECT_EQ(le.rows, (Rows{{"1", "é"}}));
  const auto be = read_csv(utf16(u"a,b\n1,\u00e9\n", false, false));
  EXPECT_EQ(be.dialect.encoding, "utf-16be");
  EXPECT_EQ(be.rows, (Rows{{"1", "é"}}));
}

TEST(CsvEncoding, Utf16LoneSurrogatesBecomeReplacementCharacters) {
  EXPECT_EQ(decode_in_chunks(Encoding::utf16le, utf16(std::u16string(u"a") + char16_t(0xD800) + u"b", true, false), 1), "a\xEF\xBF\xBD" "b");
  EXPECT_EQ(decode_in_chunks(Encoding::utf16le, utf16(std::u16string(u"a") + char16_t(0xDC00), true, false), 3), "a\xEF\xBF\xBD");
  EXPECT_EQ(decode_in_chunks(Encoding::utf16le, utf16(std::u16string(u"a") + char16_t(0xD800), true, false), 2), "a\xEF\xBF\xBD");
  EXPECT_EQ(decode_in_chunks(Encoding::utf16le, std::string("a\0b", 3), 1), "a\xEF\xBF\xBD");  // odd byte at the end
}

TEST(CsvEncoding, Windows1252IsTranscoded) {
  const auto r = read_csv("id,comment\n1,tr\xE8s long, d\xE9j\xE0 vu\n2,\x80 5 \x93ok\x94 \x85\n");
  EXPECT_EQ(r.dialect.encoding, "windows-1252");
  EXPECT_EQ(r.rows[0], (std::vector<std::string>{"1", "très long", " déjà vu"}));
  EXPECT_EQ(r.rows[1], (std::vector<std::string>{"2", "€ 5 “ok” …"}));
}

TEST(CsvEncoding, ForcedEncodingOverridesDetection) {
  ReaderOptions latin1;
  latin1.encoding = "latin-1";
  // Valid UTF-8 bytes read as Windows-1252 on purpose.
  const auto r = read_csv("a,b\n1,\xC3\xA9\n", latin1);
  EXPECT_EQ(r.dialect.encoding, "windows-1252");
  EXPECT_EQ(r.rows, (Rows{{"1", "Ã©"}}));

  ReaderOptions utf16_generic;
  utf16_generic.encoding = "utf-16";
  EXPECT_EQ(read_csv(utf16(u"a,b\n1,2\n", false, true), utf16_generic).dialect.encoding, "utf-16be");
  EXPECT_EQ(read_csv(utf16(u"a,b\n1,2\n", true, false), utf16_generic).dialect.encoding, "utf-16le");
}

TEST(CsvEncoding, StrayLatin1BytesInUtf8AreRepairedAfterTheSample) {
  // The sample (first 16 bytes) is valid UTF-8; a Latin-1 byte comes later.
  ReaderOptions options;
  options.sniff_bytes = 16;
  const auto r = read_csv("id,text\n1,caf\xC3\xA9\n2,caf\xE9\n3,ok\n", options);
  EXPECT_EQ(r.dialect.encoding, "utf-8");
  EXPECT_EQ(r.rows, (Rows{{"1", "café"}, {"2", "café"}, {"3", "ok"}}));
  EXPECT_EQ(r.replaced, 1u);
}

TEST(CsvEncoding, MostlyUtf8WithOneStrayByteStaysUtf8) {
  const auto r = read_csv("id,text\n1,\xC3\xA9t\xC3\xA9\n2,na\xC3\xAFve\n3,\xE9\n");
  EXPECT_EQ(r.dialect.encoding, "utf-8");
  EXPECT_EQ(r.rows, (Rows{{"1", "été"}, {"2", "naïve"}, {"3", "é"}}));
}

TEST(CsvEncoding, DetectEncoding) {
  auto detect = [](const std::string& bytes, bool complete = true) {
    return detect_encoding(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size(), complete).name;
  };
  EXPECT_EQ(detect("plain ascii"), "utf-8");
  EXPECT_EQ(detect(""), "utf-8");
  EXPECT_EQ(detect("\xEF\xBB\xBF" "x"), "utf-8-bom");
  EXPECT_EQ(detect("\xFF\xFEx\0", true), "utf-16le");
  EXPECT_EQ(detect("\xFE\xFF\0x", true), "utf-16be");
  EXPECT_EQ(detect("tr\xE8s"), "windows-1252");
  // A multi-byte sequence cut by the end of the sample is fine, unless the sample is the whole file.
  EXPECT_EQ(detect("caf\xC3", false), "utf-8");
  EXPECT_EQ(detect("caf\xC3", true), "windows-1252");
}

TEST(CsvEncoding, Utf8SequenceValidation) {
  struct Case {
    std::string bytes;
    int expected;
  };
  const Case cases[] = {
      {"A", 1},          {"\xC3\xA9", 2},        {"\xE2\x82\xAC", 3}, {"\xF0\x9F\x98\x80", 4},
      {"\xC3", -1},      {"\xE2\x82", -1},       {"\xF0\x9F\x98", -1}, {"\xC0\x80", 0},  // overlong
      {"\xE0\x80\x80", 0}, {"\xED\xA0\x80", 0},  // surrogate
      {"\xF4\x90\x80\x80", 0},                   // above U+10FFFF
      {"\xF5\x80\x80\x80", 0}, {"\x80", 0},      {"\xE8s", 0},
  };
  for (const Case& c : cases) {
    const auto* p = reinterpret_cast<const std::uint8_t*>(c.bytes.data());
    EXPECT_EQ(detail::utf8_sequence_length(p, p + c.bytes.size()), c.expected) << ::testing::PrintToString(c.bytes);
  }
}

TEST(CsvEncoding, DecoderIsChunkIndependent) {
  const std::string mixed = "ab\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80x\xE8y\xC3\xE2\x82z\xF0\x9F" "end\xC3";
  const std::string whole = decode_in_chunks(Encoding::utf8, mixed, mixed.size());
  EXPECT_EQ(whole, "abé€😀xèyÃâ‚zðŸendÃ");
  for (std::size_t chunk = 1; chunk <= mixed.size(); ++chunk) EXPECT_EQ(decode_in_chunks(Encoding::utf8, mixed, chunk), whole) << chunk;

  const std::string u16 = utf16(u"x\U0001F600y\u00e9", false, false);
  const std::string u16_whole = decode_in_chunks(Encoding::utf16be, u16, u16.size());
  EXPECT_EQ(u16_whole, "x😀yé");
  for (std::size_t chunk = 1; chunk <= u16.size(); ++chunk) EXPECT_EQ(decode_in_chunks(Encoding::utf16be, u16, chunk), u16_whole);
}

TEST(CsvEncoding, Windows1252Table) {
  EXPECT_EQ(detail::windows1252_code_point(0x80), 0x20ACu);
  EXPECT_EQ(detail::windows1252_code_point(0x9F), 0x0178u);
  EXPECT_EQ(detail::windows1252_code_point(0x81), 0x81u);
  EXPECT_EQ(detail::windows1252_code_point(0xE8), 0xE8u);
  EXPECT_EQ(detail::windows1252_code_point('a'), static_cast<std::uint32_t>('a'));
}

TEST(CsvEncoding, EncodingNames) {
  EXPECT_EQ(encoding_from_name("UTF-8"), Encoding::utf8);
  EXPECT_EQ(encoding_from_name("cp1252"), Encoding::windows1252);
  EXPECT_EQ(encoding_from_name("ISO-8859-1"), Encoding::windows1252);
  EXPECT_EQ(encoding_from_name("utf-16be"), Encoding::utf16be);
  EXPECT_FALSE(encoding_from_name("auto").has_value());
  EXPECT_FALSE(encoding_from_name("koi8-r").has_value());
}

}  // namespace
}  // namespace skpi::csv

namespace skpi::csv {
namespace {

TEST(CsvEncoding, Windows1254IsDetectedFromTurkishLetters) {
  // "Müşteri;Oluşturulma Tarihi;Çözüldü;İşlemde;Yılmaz" in Windows-1254.
  const std::string turkish = "M\xFC\xFEteri;Olu\xFEturulma Tarihi\n\xC7\xF6z\xFCld\xFC;\xDD\xFElemde\nY\xFDlmaz;Da\xF0\n";
  const auto r = read_csv(turkish);
  EXPECT_EQ(r.dialect.encoding, "windows-1254");
  EXPECT_EQ(r.rows[0], (std::vector<std::string>{"Çözüldü", "İşlemde"}));
  EXPECT_EQ(r.rows[1], (std::vector<std::string>{"Yılmaz", "Dağ"}));
  // Western European text keeps Windows-1252, even with an occasional ð or þ among other accents.
  const auto french = read_csv("nom;ville\nR\xE9my;G\xE4vle\nA\xF0" "alsteinn;Z\xFCrich\nJos\xE9;M\xE1laga\n");
  EXPECT_EQ(french.dialect.encoding, "windows-1252");
  EXPECT_EQ(french.rows[1], (std::vector<std::string>{"Aðalsteinn", "Zürich"}));
}

TEST(CsvEncoding, IcelandicStaysWindows1252) {
  // Icelandic writes ð ý þ Ð Ý Þ, the bytes of Windows-1254's ğ ı ş Ğ İ Ş, at about half of its
  // accented letters; á í ó ú æ, which Turkish does not write, make most of the rest.
  // "Beiðni;Þjónustufulltrúi;Staða;Ánægja / 1;Jón Þórðarson;Afgreitt;Mjög ánægð(ur) / 2;Guðrún
  // Sigurðardóttir;Í vinnslu;Óánægð(ur) / 3;Sýslumaður;Lokið;Þokkaleg"
  const std::string icelandic =
      "Bei\xF0ni;\xDEj\xF3nustufulltr\xFAi;Sta\xF0" "a;\xC1n\xE6gja\n"
      "1;J\xF3n \xDE\xF3r\xF0" "arson;Afgreitt;Mj\xF6g \xE1n\xE6g\xF0(ur)\n"
      "2;Gu\xF0r\xFAn Sigur\xF0" "ard\xF3ttir;\xCD vinnslu;\xD3\xE1n\xE6g\xF0(ur)\n"
      "3;S\xFDsluma\xF0ur;Loki\xF0;\xDEokkaleg\n";
  const auto r = read_csv(icelandic);
  EXPECT_EQ(r.dialect.encoding, "windows-1252");
  ASSERT_EQ(r.rows.size(), 3u);
  EXPECT_EQ(r.rows[0], (std::vector<std::string>{"1", "Jón Þórðarson", "Afgreitt", "Mjög ánægð(ur)"}));
  EXPECT_EQ(r.rows[2], (std::vector<std::string>{"3", "Sýslumaður", "Lokið", "Þokkaleg"}));
  // Turkish with a Spanish name or two keeps Windows-1254: "Müşteri;Şikayet / José Yılmaz;Çözüldü /
  // María Doğan;İşlemde / Ayşe Kılıç;Açık".
  const auto t = read_csv("M\xFC\xFEteri;\xDEikayet\nJos\xE9 Y\xFDlmaz;\xC7\xF6z\xFCld\xFC\nMar\xED" "a Do\xF0" "an;\xDD\xFElemde\nAy\xFE" "e K\xFDl\xFD\xE7;A\xE7\xFDk\n");
  EXPECT_EQ(t.dialect.encoding, "windows-1254");
  EXPECT_EQ(t.rows[1], (std::vector<std::string>{"María Doğan", "İşlemde"}));
}

TEST(CsvEncoding, Windows1250And1256AreDetected) {
  // "Ştefan;Ţară;Rezolvată" in Windows-1250 (Romanian, cedilla forms).
  const auto romanian = read_csv("Agent;Tar\xE3\n\xAAtefan;\xDE" "ar\xE3\nIoana;Rezolvat\xE3 \xBAi \xEEnchis\xE3\n");
  EXPECT_EQ(romanian.dialect.encoding, "windows-1250");
  EXPECT_EQ(romanian.rows[0], (std::vector<std::string>{"Ştefan", "Ţară"}));
  // "الحالة,القناة" and a row in Windows-1256.
  const auto arabic = read_csv("\xC7\xE1\xCD\xC7\xE1\xC9,\xC7\xE1\xDE\xE4\xC7\xC9\n\xE3\xDB\xE1\xDE,\xC7\xE1\xE5\xC7\xCA\xDD\n");
  EXPECT_EQ(arabic.dialect.encoding, "windows-1256");
  EXPECT_EQ(arabic.header, (std::vector<std::string>{"الحالة", "القناة"}));
  EXPECT_EQ(arabic.rows[0], (std::vector<std::string>{"مغلق", "الهاتف"}));
  // Western text keeps Windows-1252: German capitals and ß, Portuguese ã with nº.
  EXPECT_EQ(read_csv("Stra\xDF" "e;Gr\xF6\xDF" "e\n\xC4rger;\xDC" "bel\nM\xFCller;sch\xF6n\n").dialect.encoding, "windows-1252");
  // Many capitals and ß, few small umlauts: the 0xC1-0xDF share of an Arabic file, but no runs.
  EXPECT_EQ(read_csv("Stra\xDF" "e;Gr\xF6\xDF" "e\n\xC4rger;\xDC" "bel\nM\xFCller;sch\xF6n\nK\xFC" "ndigung;\xDC" "bersicht\n"
                     "Schlie\xDF" "en;Ma\xDF" "nahme\n\xD6" "ffnung;\xC4nderung\n").dialect.encoding, "windows-1252");
  EXPECT_EQ(read_csv("Descri\xE7\xE3o;N\xBA\nN\xE3o enviado;n\xBA 5\nA\xE7\xE3o;S\xE3o Jo\xE3o\n").dialect.encoding, "windows-1252");
  EXPECT_EQ(encoding_from_name("cp1250"), Encoding::windows1250);
  EXPECT_EQ(encoding_from_name("Windows-1256"), Encoding::windows1256);
  EXPECT_EQ(detail::windows1256_code_point(0xC7), 0x0627u);  // ا
  EXPECT_EQ(detail::windows1250_code_point(0xBA), 0x015Fu);  // ş
}

TEST(CsvEncoding, Windows1254TableAndNames) {
  EXPECT_EQ(detail::windows1254_code_point(0xFD), 0x0131u);  // ı
  EXPECT_EQ(detail::windows1254_code_point(0xDD), 0x0130u);  // İ
  EXPECT_EQ(detail::windows1254_code_point(0xF0), 0x011Fu);  // ğ
  EXPECT_EQ(detail::windows1254_code_point(0xFE), 0x015Fu);  // ş
  EXPECT_EQ(detail::windows1254_code_point(0x80), 0x20ACu);  // € as in Windows-1252
  EXPECT_EQ(detail::windows1254_code_point(0xE7), 0x00E7u);  // ç
  EXPECT_EQ(encoding_from_name("cp1254"), Encoding::windows1254);
  EXPECT_EQ(encoding_from_name("ISO-8859-9"), Encoding::windows1254);
  const std::string bytes = "\xDD\xFEleme al\xFDnd\xFD \xF0\xFC\xE7";
  for (std::size_t chunk = 1; chunk <= 5; ++chunk) EXPECT_EQ(decode_in_chunks(Encoding::windows1254, bytes, chunk), "İşleme alındı ğüç") << chunk;
}

// Estonian Excel "CSV" (Windows-1257): š ž Š Ž at 0xF0 0xFE 0xD0 0xDE, where Windows-1252 has ð þ Ð Þ;
// õ ä ö ü share their bytes with Windows-1252.
const std::string estonian_1257 =
    "Pileti ID;Loodud;Staatus;Kanal;Agent\n"
    "ET-1;04.03.2024 09:10;Lahendatud;E-post;J\xFCri \xD0midt\n"
    "ET-2;04.03.2024 10:00;Suletud;Telefon;\xDE" "anna P\xF5ld\n"
    "ET-3;05.03.2024 08:30;T\xF6\xF6s;Vestlus;J\xFCri \xD0midt\n"
    "ET-4;05.03.2024 13:15;Ootel;E-post;T\xF5nis K\xE4\xE4r\n";

TEST(CsvEncoding, Windows1257IsDetectedFromEstonianLetters) {
  const auto r = read_csv(estonian_1257);
  EXPECT_EQ(r.dialect.encoding, "windows-1257");
  EXPECT_EQ(r.dialect.delimiter, ';');
  EXPECT_EQ(r.header, (std::vector<std::string>{"Pileti ID", "Loodud", "Staatus", "Kanal", "Agent"}));
  ASSERT_EQ(r.rows.size(), 4u);
  EXPECT_EQ(r.rows[0][4], "Jüri Šmidt");
  EXPECT_EQ(r.rows[1][4], "Žanna Põld");
  EXPECT_EQ(r.rows[2][2], "Töös");
  EXPECT_EQ(r.rows[3][4], "Tõnis Käär");
  EXPECT_EQ(r.replaced, 0u);
  // The same result whatever the chunk size.
  const std::string whole = r.describe();
  for (std::size_t chunk = 1; chunk <= 64; ++chunk) EXPECT_EQ(read_csv(estonian_1257, {}, chunk).describe(), whole) << chunk;
}

TEST(CsvEncoding, Windows1257WordsAndOtherBalticLanguages) {
  auto detect = [](const std::string& bytes) {
    return detect_encoding(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size(), true).name;
  };
  // One word is enough: š ž Š Ž starting a word or after a consonant, with Estonian letters around.
  EXPECT_EQ(detect("riik;m\xFC\xFCk\n\xD0oti;kleit\n"), "windows-1257");       // Šoti
  EXPECT_EQ(detect("liik;m\xFC\xFCk\n\xFE" "anr;film\n"), "windows-1257");     // žanr
  EXPECT_EQ(detect("agent\nJ\xFCri \xDEukov\n"), "windows-1257");             // Jüri Žukov
  EXPECT_EQ(detect("teema\nT\xF0" "ekk puudub\n"), "windows-1257");           // Tšekk
  EXPECT_EQ(detect("toode\n\xF0okolaad;k\xF5ik\n"), "windows-1257");          // šokolaad
  // Latvian "Jānis Bērziņš;Slēgts;Žanis" and Lithuanian "Jonas Šimkus;Išspręsta;Ačiū už pagalbą".
  const std::string latvian = "Klients;Statuss\nJ\xE2nis B\xE7rzi\xF2\xF0;Sl\xE7gts\n\xDE" "anis Kalni\xF2\xF0;Atrisin\xE2ts\n";
  EXPECT_EQ(detect(latvian), "windows-1257");
  const auto lv = read_csv(latvian);
  EXPECT_EQ(lv.rows[0], (std::vector<std::string>{"Jānis Bērziņš", "Slēgts"}));
  EXPECT_EQ(lv.rows[1], (std::vector<std::string>{"Žanis Kalniņš", "Atrisināts"}));
  const std::string lithuanian = "Klientas;B\xFBsena\nJonas \xD0imkus;I\xF0spr\xE6sta\nA\xE8i\xFB u\xFE pagalb\xE0;U\xFE" "daryta\n";
  EXPECT_EQ(detect(lithuanian), "windows-1257");
  EXPECT_EQ(read_csv(lithuanian).rows[1], (std::vector<std::string>{"Ačiū už pagalbą", "Uždaryta"}));
}

TEST(CsvEncoding, Windows1257LeavesOtherCodePagesAlone) {
  auto detect = [](const std::string& bytes) {
    return detect_encoding(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size(), true).name;
  };
  // Estonian without š ž reads the same in Windows-1252, and stays Windows-1252.
  EXPECT_EQ(detect("Pileti ID;Agent;Staatus\n1;J\xFCri P\xF5ld;T\xF6\xF6s\n2;T\xF5nis K\xE4\xE4r;Ootel\n"), "windows-1252");
  // German, Finnish, French, Portuguese: Windows-1252.
  EXPECT_EQ(detect("Stra\xDF" "e;Gr\xF6\xDF" "e\n\xC4rger;\xDC" "bel\nM\xFCller;sch\xF6n\n"), "windows-1252");
  EXPECT_EQ(detect("Tila;Ensimm\xE4inen vastaus;Tyytyv\xE4isyys\nRatkaistu;K\xE4sittelij\xE4;H\xE4nninen\n"), "windows-1252");
  EXPECT_EQ(detect("nom;ville\nR\xE9my;G\xE4vle\nFran\xE7ois;Besan\xE7on\nH\xE9l\xE8ne;No\xEBl\n"), "windows-1252");
  EXPECT_EQ(detect("Descri\xE7\xE3o;N\xBA\nN\xE3o enviado;n\xBA 5\nA\xE7\xE3o;S\xE3o Jo\xE3o\n"), "windows-1252");
  // Icelandic: þ starts words as Estonian ž does, but ó ú ý (1257: ó ś ż) are no Baltic letters; and
  // its ð ý þ are Turkish ğ ı ş's bytes, but its á í ó ú æ are not Turkish: Windows-1252.
  EXPECT_EQ(detect("nafn;sta\xF0ur\n\xDE\xF3r \xDE\xF3r\xF0" "arson;Reykjav\xEDk\n\xDE" "a\xF0 er \xFE\xFA;Gu\xF0r\xFAn\n"), "windows-1252");
  // Turkish with ı İ stays Windows-1254 though ş ğ are š ž's bytes: "Şikayet;Şube;Müşteri;karşı;yanlış".
  EXPECT_EQ(detect("\xDEikayet;\xDE" "ube;M\xFC\xFEteri\nkar\xFE\xFD;yanl\xFD\xFE\n"), "windows-1254");
}

TEST(CsvEncoding, Windows1257TableAndNames) {
  EXPECT_EQ(detail::windows1257_code_point(0xF0), 0x0161u);  // š
  EXPECT_EQ(detail::windows1257_code_point(0xFE), 0x017Eu);  // ž
  EXPECT_EQ(detail::windows1257_code_point(0xD0), 0x0160u);  // Š
  EXPECT_EQ(detail::windows1257_code_point(0xDE), 0x017Du);  // Ž
  EXPECT_EQ(detail::windows1257_code_point(0xF5), 0x00F5u);  // õ
  EXPECT_EQ(detail::windows1257_code_point(0xE4), 0x00E4u);  // ä
  EXPECT_EQ(detail::windows1257_code_point(0xE8), 0x010Du);  // č
  EXPECT_EQ(detail::windows1257_code_point(0xEB), 0x0117u);  // ė
  EXPECT_EQ(detail::windows1257_code_point(0xF2), 0x0146u);  // ņ
  EXPECT_EQ(detail::windows1257_code_point(0x80), 0x20ACu);  // €
  EXPECT_EQ(detail::windows1257_code_point(0xA1), 0x00A1u);  // undefined: the byte's own value
  EXPECT_EQ(detail::windows1257_code_point('a'), static_cast<std::uint32_t>('a'));
  EXPECT_EQ(encoding_from_name("windows-1257"), Encoding::windows1257);
  EXPECT_EQ(encoding_from_name("cp1257"), Encoding::windows1257);
  EXPECT_EQ(encoding_from_name("Windows1257"), Encoding::windows1257);
  EXPECT_EQ(encoding_from_name("CP 1257"), Encoding::windows1257);
  EXPECT_TRUE(is_single_byte(Encoding::windows1257));
  const std::string bytes = "T\xF0" "ekk \xDE" "anna \xF5\xE4\xF6\xFC \x80";
  for (std::size_t chunk = 1; chunk <= 5; ++chunk) EXPECT_EQ(decode_in_chunks(Encoding::windows1257, bytes, chunk), "Tšekk Žanna õäöü €") << chunk;
}

TEST(CsvEncoding, Windows1257CanBeForced) {
  // Too little to detect (no š ž at all in the sample), so forced by name; also in its other spellings.
  const std::string bytes = "Agent;Staatus\nJ\xFCri;T\xF6\xF6s\n";
  EXPECT_EQ(read_csv(bytes).dialect.encoding, "windows-1252");
  for (const char* name : {"windows-1257", "cp1257", "CP1257", "windows1257"}) {
    ReaderOptions options;
    options.encoding = name;
    const auto r = read_csv(estonian_1257, options);
    EXPECT_EQ(r.dialect.encoding, "windows-1257") << name;
    EXPECT_EQ(r.rows[1][4], "Žanna Põld") << name;
    EXPECT_EQ(read_csv(bytes, options).dialect.encoding, "windows-1257") << name;
  }
  // Forcing Windows-1252 on the Estonian bytes gives the Icelandic letters.
  ReaderOptions western;
  western.encoding = "windows-1252";
  EXPECT_EQ(read_csv(estonian_1257, western).rows[1][4], "Þanna Põld");
}

}  // namespace
}  // namespace skpi::csv
