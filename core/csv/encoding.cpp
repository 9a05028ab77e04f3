#include "core/csv/encoding.hpp"

#include <algorithm>
#include <cstring>

namespace skpi::csv {
namespace {

// Transcoded output is handed on once it reaches this size, so the buffer stays small however
// large the caller's chunk is.
constexpr std::size_t flush_threshold = 64 * 1024;
constexpr std::uint64_t high_bits = 0x8080808080808080ULL;

bool all_ascii8(const std::uint8_t* p) {
  std::uint64_t word;
  std::memcpy(&word, p, 8);
  return (word & high_bits) == 0;
}

// Skips ASCII 16 bytes at a time (one branch per two words), then 8.
const std::uint8_t* skip_ascii(const std::uint8_t* p, const std::uint8_t* end) {
  while (end - p >= 16) {
    std::uint64_t a, b;
    std::memcpy(&a, p, 8);
    std::memcpy(&b, p + 8, 8);
    if (((a | b) & high_bits) != 0) break;
    p += 16;
  }
  while (end - p >= 8 && all_ascii8(p)) p += 8;
  while (p < end && *p < 0x80) ++p;
  return p;
}

char lower_ascii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool ascii_letter(std::uint8_t byte) { return (byte | 0x20) >= 'a' && (byte | 0x20) <= 'z'; }
bool ascii_vowel(std::uint8_t byte) {
  const std::uint8_t c = byte | 0x20;
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}
// A letter in Windows-1252 and in the other code pages alike: ASCII, or 0xC0-0xFE but × ÷.
bool letter_byte(std::uint8_t byte) { return ascii_letter(byte) || (byte >= 0xC0 && byte != 0xD7 && byte != 0xF7 && byte != 0xFF); }
// Windows-1257 bytes of the letters Estonian, Latvian and Lithuanian write: Ą Į Ā Ä Ę Ē Č Ė Ģ Ķ Ī Ļ Š Ņ Ō
// Õ Ö Ų Ū Ü Ž and their small letters (0x20 above). Not the Polish ones the code page also has (Ć Ł Ń Ś
// Ź Ż), nor Å Ø Æ, nor Latvian's old Ŗ ŗ (0xAA 0xBA, Romanian's Ş ş in Windows-1250).
bool baltic_letter(std::uint8_t byte) {
  if (byte < 0xC0 || byte == 0xD7 || byte == 0xF7 || byte == 0xFF) return false;
  switch (byte & 0xDF) {
    case 0xC0: case 0xC1: case 0xC2: case 0xC4: case 0xC6: case 0xC7: case 0xC8: case 0xCB: case 0xCC: case 0xCD:
    case 0xCE: case 0xCF: case 0xD0: case 0xD2: case 0xD4: case 0xD5: case 0xD6: case 0xD8: case 0xDB: case 0xDC:
    case 0xDE:
      return true;
    default:
      return false;
  }
}

}  // namespace

namespace detail {

int utf8_sequence_length(const std::uint8_t* p, const std::uint8_t* end) {
  const std::uint8_t lead = p[0];
  if (lead < 0x80) return 1;
  int length;
  std::uint8_t second_min = 0x80, second_max = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) second_min = 0xA0;       // overlong
    else if (lead == 0xED) second_max = 0x9F;  // UTF-16 surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) second_min = 0x90;       // overlong
    else if (lead == 0xF4) second_max = 0x8F;  // above U+10FFFF
  } else {
    return 0;
  }
  const std::ptrdiff_t available = end - p;
  for (int i = 1; i < length; ++i) {
    if (i >= available) return -1;
    const std::uint8_t lo = (i == 1) ? second_min : 0x80;
    const std::uint8_t hi = (i == 1) ? second_max : 0xBF;
    if (p[i] < lo || p[i] > hi) return 0;
  }
  return length;
}

std::uint32_t windows1252_code_point(std::uint8_t byte) {
  static constexpr std::uint16_t c1[32] = {
      0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
      0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
      0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};
  if (byte >= 0x80 && byte < 0xA0) return c1[byte - 0x80];
  return byte;
}

std::uint32_t windows1254_code_point(std::uint8_t byte) {
  switch (byte) {
    case 0x8E: return 0x008E;
    case 0x9E: return 0x009E;
    case 0xD0: return 0x011E;  // Ğ
    case 0xDD: return 0x0130;  // İ
    case 0xDE: return 0x015E;  // Ş
    case 0xF0: return 0x011F;  // ğ
    case 0xFD: return 0x0131;  // ı
    case 0xFE: return 0x015F;  // ş
    default: return windows1252_code_point(byte);
  }
}

constexpr std::uint16_t windows1250_high[128] = {  // CP1250 bytes 0x80-0xFF (undefined ones: the C1 control of the same value)
    0x20AC, 0x0081, 0x201A, 0x0083, 0x201E, 0x2026, 0x2020, 0x2021,
    0x0088, 0x2030, 0x0160, 0x2039, 0x015A, 0x0164, 0x017D, 0x0179,
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x0098, 0x2122, 0x0161, 0x203A, 0x015B, 0x0165, 0x017E, 0x017A,
    0x00A0, 0x02C7, 0x02D8, 0x0141, 0x00A4, 0x0104, 0x00A6, 0x00A7,
    0x00A8, 0x00A9, 0x015E, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x017B,
    0x00B0, 0x00B1, 0x02DB, 0x0142, 0x00B4, 0x00B5, 0x00B6, 0x00B7,
    0x00B8, 0x0105, 0x015F, 0x00BB, 0x013D, 0x02DD, 0x013E, 0x017C,
    0x0154, 0x00C1, 0x00C2, 0x0102, 0x00C4, 0x0139, 0x0106, 0x00C7,
    0x010C, 0x00C9, 0x0118, 0x00CB, 0x011A, 0x00CD, 0x00CE, 0x010E,
    0x0110, 0x0143, 0x0147, 0x00D3, 0x00D4, 0x0150, 0x00D6, 0x00D7,
    0x0158, 0x016E, 0x00DA, 0x0170, 0x00DC, 0x00DD, 0x0162, 0x00DF,
    0x0155, 0x00E1, 0x00E2, 0x0103, 0x00E4, 0x013A, 0x0107, 0x00E7,
    0x010D, 0x00E9, 0x0119, 0x00EB, 0x011B, 0x00ED, 0x00EE, 0x010F,
    0x0111, 0x0144, 0x0148, 0x00F3, 0x00F4, 0x0151, 0x00F6, 0x00F7,
    0x0159, 0x016F, 0x00FA, 0x0171, 0x00FC, 0x00FD, 0x0163, 0x02D9,
};
constexpr std::uint16_t windows1256_high[128] = {  // CP1256 bytes 0x80-0xFF (undefined ones: the C1 control of the same value)
    0x20AC, 0x067E, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0679, 0x2039, 0x0152, 0x0686, 0x0698, 0x0688,
    0x06AF, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x06A9, 0x2122, 0x0691, 0x203A, 0x0153, 0x200C, 0x200D, 0x06BA,
    0x00A0, 0x060C, 0x00A2, 0x00A3, 0x00A4, 0x00A5, 0x00A6, 0x00A7,
    0x00A8, 0x00A9, 0x06BE, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x00AF,
    0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00B4, 0x00B5, 0x00B6, 0x00B7,
    0x00B8, 0x00B9, 0x061B, 0x00BB, 0x00BC, 0x00BD, 0x00BE, 0x061F,
    0x06C1, 0x0621, 0x0622, 0x0623, 0x0624, 0x0625, 0x0626, 0x0627,
    0x0628, 0x0629, 0x062A, 0x062B, 0x062C, 0x062D, 0x062E, 0x062F,
    0x0630, 0x0631, 0x0632, 0x0633, 0x0634, 0x0635, 0x0636, 0x00D7,
    0x0637, 0x0638, 0x0639, 0x063A, 0x0640, 0x0641, 0x0642, 0x0643,
    0x00E0, 0x0644, 0x00E2, 0x0645, 0x0646, 0x0647, 0x0648, 0x00E7,
    0x00E8, 0x00E9, 0x00EA, 0x00EB, 0x0649, 0x064A, 0x00EE, 0x00EF,
    0x064B, 0x064C, 0x064D, 0x064E, 0x00F4, 0x064F, 0x0650, 0x00F7,
    0x0651, 0x00F9, 0x0652, 0x00FB, 0x00FC, 0x200E, 0x200F, 0x06D2,
};

constexpr std::uint16_t windows1257_high[128] = {  // CP1257 bytes 0x80-0xFF (undefined ones: the C1 control of the same value)
    0x20AC, 0x0081, 0x201A, 0x0083, 0x201E, 0x2026, 0x2020, 0x2021,
    0x0088, 0x2030, 0x008A, 0x2039, 0x008C, 0x00A8, 0x02C7, 0x00B8,
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x0098, 0x2122, 0x009A, 0x203A, 0x009C, 0x00AF, 0x02DB, 0x009F,
    0x00A0, 0x00A1, 0x00A2, 0x00A3, 0x00A4, 0x00A5, 0x00A6, 0x00A7,
    0x00D8, 0x00A9, 0x0156, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x00C6,
    0x00B0, 0x00B1, 0x00B2, 0x00B3, 0x00B4, 0x00B5, 0x00B6, 0x00B7,
    0x00F8, 0x00B9, 0x0157, 0x00BB, 0x00BC, 0x00BD, 0x00BE, 0x00E6,
    0x0104, 0x012E, 0x0100, 0x0106, 0x00C4, 0x00C5, 0x0118, 0x0112,
    0x010C, 0x00C9, 0x0179, 0x0116, 0x0122, 0x0136, 0x012A, 0x013B,
    0x0160, 0x0143, 0x0145, 0x00D3, 0x014C, 0x00D5, 0x00D6, 0x00D7,
    0x0172, 0x0141, 0x015A, 0x016A, 0x00DC, 0x017B, 0x017D, 0x00DF,
    0x0105, 0x012F, 0x0101, 0x0107, 0x00E4, 0x00E5, 0x0119, 0x0113,
    0x010D, 0x00E9, 0x017A, 0x0117, 0x0123, 0x0137, 0x012B, 0x013C,
    0x0161, 0x0144, 0x0146, 0x00F3, 0x014D, 0x00F5, 0x00F6, 0x00F7,
    0x0173, 0x0142, 0x015B, 0x016B, 0x00FC, 0x017C, 0x017E, 0x02D9,
};

std::uint32_t windows1250_code_point(std::uint8_t byte) { return byte < 0x80 ? byte : windows1250_high[byte - 0x80]; }
std::uint32_t windows1256_code_point(std::uint8_t byte) { return byte < 0x80 ? byte : windows1256_high[byte - 0x80]; }
std::uint32_t windows1257_code_point(std::uint8_t byte) { return byte < 0x80 ? byte : windows1257_high[byte - 0x80]; }

std::size_t encode_utf8(std::uint32_t cp, char* out) {
  if (cp < 0x80) {
    out[0] = static_cast<char>(cp);
    return 1;
  }
  if (cp < 0x800) {
    out[0] = static_cast<char>(0xC0 | (cp >> 6));
    out[1] = static_cast<char>(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = static_cast<char>(0xE0 | (cp >> 12));
    out[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out[2] = static_cast<char>(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = static_cast<char>(0xF0 | (cp >> 18));
  out[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
  out[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
  out[3] = static_cast<char>(0x80 | (cp & 0x3F));
  return 4;
}

}  // namespace detail

EncodingGuess detect_encoding(const std::uint8_t* data, std::size_t size, bool complete) {
  if (size >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF) return {Encoding::utf8, 3, "utf-8-bom"};
  if (size >= 2 && data[0] == 0xFF && data[1] == 0xFE) return {Encoding::utf16le, 2, "utf-16le"};
  if (size >= 2 && data[0] == 0xFE && data[1] == 0xFF) return {Encoding::utf16be, 2, "utf-16be"};

  // Without a BOM, UTF-16 text of mostly ASCII has a NUL in every other byte.
  const std::size_t pairs = std::min<std::size_t>(size, 4096) / 2;
  if (pairs >= 2) {
    std::size_t even_zero = 0, odd_zero = 0;
    for (std::size_t i = 0; i < pairs; ++i) {
      even_zero += data[2 * i] == 0;
      odd_zero += data[2 * i + 1] == 0;
    }
    if (odd_zero * 10 >= pairs * 4 && even_zero * 20 <= pairs) return {Encoding::utf16le, 0, "utf-16le"};
    if (even_zero * 10 >= pairs * 4 && odd_zero * 20 <= pairs) return {Encoding::utf16be, 0, "utf-16be"};
  }

  std::size_t multibyte = 0, invalid = 0;
  const std::uint8_t* p = data;
  const std::uint8_t* end = data + size;
  while (p < end) {
    if (end - p >= 8 && all_ascii8(p)) {
      p += 8;
      continue;
    }
    const int length = detail::utf8_sequence_length(p, end);
    if (length > 0) {
      multibyte += length > 1;
      p += length;
    } else if (length == 0) {
      ++invalid;
      ++p;
    } else {
      invalid += complete;  // a sequence cut by the end of the sample is only wrong at the end of the file
      break;
    }
  }
  // Latin-1 text almost never forms valid multi-byte UTF-8 by accident, so a majority of valid
  // sequences means a UTF-8 file with a few stray bytes, which the UTF-8 decoder repairs one by one.
  if (invalid == 0 || multibyte > invalid) return {Encoding::utf8, 0, "utf-8"};
  // A single-byte code page. Turkish Excel writes Windows-1254, which differs from Windows-1252 only
  // in six letters: ğ ı ş Ğ İ Ş where Windows-1252 has the Icelandic ð ý þ Ð Ý Þ. Turkish text uses
  // them constantly ("Oluşturulma", "Müşteri", "Çözüldü" aside), other languages of Windows-1252
  // hardly ever, so a quarter of the high bytes being these six decides, unless the text also
  // writes á í ó ú æ, which Turkish does not and Icelandic (whose ð ý þ they are) does all the time.
  // Arabic Excel writes Windows-1256, whose letters ء..ك sit at 0xC1-0xDF, where Windows-1252 has
  // the capitals with accents (and ß) that Western text uses far less than its small letters, and
  // whose words are runs of high bytes.
  // Romanian Excel writes Windows-1250, whose ş ţ Ş Ţ are º þ ª Þ in Windows-1252.
  // Estonian, Latvian and Lithuanian Excel write Windows-1257: õ ä ö ü have the bytes of Windows-1252,
  // but š ž Š Ž sit where it has the Icelandic ð þ Ð Þ (and Windows-1254 ğ ş Ğ Ş). They count when they
  // start a word or follow a consonant ("Šoti", "žanr", "Jüri Žukov", "Tšekk"), where ğ never stands and
  // ð seldom, and the letters of those languages must then make three quarters of the letters above 0x7F.
  // Turkish ı İ and Icelandic ý ú ó (1257: ż Ż ś Ś ó Ó, which none of the three languages writes) keep
  // Turkish text Turkish and Icelandic text Western; Arabic's ف ع س are the same bytes. Checked before
  // Arabic, as a Baltic file with many capitals (Š Ž Õ Ä Ö Ü, in Windows-1256's letter block) could pass
  // for Arabic.
  std::size_t high = 0, turkish = 0, turkish_only = 0, arabic = 0, romanian = 0, romanian_st = 0;
  std::size_t letters = 0, baltic = 0, baltic_sz = 0, not_baltic = 0, in_runs = 0, icelandic = 0;
  for (std::size_t i = 0; i < size; ++i) {
    const std::uint8_t byte = data[i];
    if (byte < 0x80) continue;
    ++high;
    if (letter_byte(byte) || byte == 0xA8 || byte == 0xAA || byte == 0xAF || byte == 0xB8 || byte == 0xBA || byte == 0xBF) {
      ++letters;  // letters in Windows-1257 (also Ø Ŗ Æ ø ŗ æ below 0xC0)
      baltic += baltic_letter(byte);
      const std::uint8_t folded = byte & 0xDF;
      not_baltic += folded == 0xDD || folded == 0xDA || folded == 0xD3;  // ż ś ó (1252 ý ú ó, 1254 ı ú ó)
      if (folded == 0xD0 || folded == 0xDE) {
        const std::uint8_t prev = i > 0 ? data[i - 1] : 0;
        const std::uint8_t following = i + 1 < size ? data[i + 1] : 0;
        baltic_sz += letter_byte(following) && (!letter_byte(prev) || (ascii_letter(prev) && !ascii_vowel(prev)));
      }
    }
    turkish += byte == 0xD0 || byte == 0xDD || byte == 0xDE || byte == 0xF0 || byte == 0xFD || byte == 0xFE;
    turkish_only += byte == 0xD0 || byte == 0xDD || byte == 0xF0 || byte == 0xFD;  // Ğ İ ğ ı: no Romanian letter
    const std::uint8_t small = byte | 0x20;
    icelandic += small == 0xE1 || small == 0xED || small == 0xF3 || small == 0xFA || small == 0xE6;  // á í ó ú æ
    arabic += byte >= 0xC1 && byte <= 0xDF && byte != 0xD7;
    // Arabic words are runs of high bytes; accented Western letters stand alone between ASCII ones.
    const bool high_neighbour = (i > 0 && data[i - 1] >= 0x80) || (i + 1 < size && data[i + 1] >= 0x80);
    in_runs += high_neighbour;
    // ş Ş ţ Ţ inside a word (followed by a letter): Windows-1252's º ª stand after a number or "n"
    // ("nº 5"), and þ Þ only in Icelandic.
    const std::uint8_t next = i + 1 < size ? data[i + 1] : 0;
    const bool letter_follows = next >= 0x80 || ((next | 0x20) >= 'a' && (next | 0x20) <= 'z');
    const bool st = (byte == 0xBA || byte == 0xAA || byte == 0xFE || byte == 0xDE) && letter_follows;
    romanian_st += st;
    romanian += st || byte == 0xE3 || byte == 0xC3 || byte == 0xE2 || byte == 0xC2 || byte == 0xEE || byte == 0xCE;  // ă Ă â Â î Î
  }
  if (baltic_sz >= 1 && baltic * 4 >= letters * 3 && not_baltic * 20 <= baltic) return {Encoding::windows1257, 0, "windows-1257"};
  // German capitals and ß alone can fill 0xC1-0xDF ("Übersicht", "Größe", "Schließen"), so Arabic
  // also needs most high bytes to stand in runs.
  if (high >= 8 && arabic * 10 >= high * 4 && in_runs * 10 >= high * 7) return {Encoding::windows1256, 0, "windows-1256"};
  if (turkish >= 2 && turkish_only >= 1 && turkish * 4 >= high && icelandic * 4 < turkish) return {Encoding::windows1254, 0, "windows-1254"};
  if (romanian_st >= 2 && romanian * 2 >= high) return {Encoding::windows1250, 0, "windows-1250"};
  return {Encoding::windows1252, 0, "windows-1252"};
}

std::optional<Encoding> encoding_from_name(std::string_view name) {
  std::string n;
  for (const char c : name) {
    if (c != ' ' && c != '_') n.push_back(lower_ascii(c));
  }
  if (n == "utf-8" || n == "utf8" || n == "utf-8-bom") return Encoding::utf8;
  if (n == "utf-16le" || n == "utf16le" || n == "utf-16" || n == "utf16" || n == "ucs-2") return Encoding::utf16le;
  if (n == "utf-16be" || n == "utf16be") return Encoding::utf16be;
  if (n == "windows-1252" || n == "cp1252" || n == "windows1252" || n == "latin-1" || n == "latin1" ||
      n == "iso-8859-1" || n == "iso8859-1" || n == "iso-8859-15")
    return Encoding::windows1252;
  if (n == "windows-1254" || n == "cp1254" || n == "windows1254" || n == "iso-8859-9" || n == "latin-5" || n == "latin5")
    return Encoding::windows1254;
  if (n == "windows-1250" || n == "cp1250" || n == "windows1250") return Encoding::windows1250;
  if (n == "windows-1256" || n == "cp1256" || n == "windows1256") return Encoding::windows1256;
  if (n == "windows-1257" || n == "cp1257" || n == "windows1257") return Encoding::windows1257;
  return std::nullopt;
}

std::size_t bom_length_for(Encoding encoding, const std::uint8_t* data, std::size_t size) {
  switch (encoding) {
    case Encoding::utf8:
      return (size >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF) ? 3 : 0;
    case Encoding::utf16le:
      return (size >= 2 && data[0] == 0xFF && data[1] == 0xFE) ? 2 : 0;
    case Encoding::utf16be:
      return (size >= 2 && data[0] == 0xFE && data[1] == 0xFF) ? 2 : 0;
    case Encoding::windows1252:
    case Encoding::windows1254:
    case Encoding::windows1250:
    case Encoding::windows1256:
    case Encoding::windows1257:
      return 0;
  }
  return 0;
}

void Decoder::put_code_point(std::uint32_t code_point) {
  char bytes[4];
  buffer_.append(bytes, detail::encode_utf8(code_point, bytes));
}

void Decoder::flush(SpanSink& out) {
  if (buffer_.empty()) return;
  out.on_span(buffer_.data(), buffer_.size());
  buffer_.clear();
}

void Decoder::decode(const std::uint8_t* data, std::size_t size, SpanSink& out) {
  if (size == 0) return;
  const std::uint8_t* end = data + size;
  switch (encoding_) {
    case Encoding::utf8:
      decode_utf8(data, end, out);
      break;
    case Encoding::windows1252:
    case Encoding::windows1254:
    case Encoding::windows1250:
    case Encoding::windows1256:
    case Encoding::windows1257:
      decode_single_byte(data, end, out);
      break;
    case Encoding::utf16le:
    case Encoding::utf16be:
      decode_utf16(data, end, out);
      break;
  }
}

void Decoder::decode_utf8(const std::uint8_t* p, const std::uint8_t* end, SpanSink& out) {
  if (pending_size_ > 0) {
    // Finish the sequence cut by the previous chunk. Three more bytes always decide it, unless
    // this chunk is shorter than that, in which case what is left stays pending.
    std::uint8_t joined[8];
    const std::size_t carried = pending_size_;
    std::memcpy(joined, pending_, carried);
    const std::size_t take = std::min<std::size_t>(static_cast<std::size_t>(end - p), 3);
    std::memcpy(joined + carried, p, take);
    const std::size_t available = carried + take;
    std::size_t i = 0;
    pending_size_ = 0;
    while (i < carried) {
      const int length = detail::utf8_sequence_length(joined + i, joined + available);
      if (length > 0) {
        buffer_.append(reinterpret_cast<const char*>(joined + i), static_cast<std::size_t>(length));
        i += static_cast<std::size_t>(length);
      } else if (length == 0) {
        put_code_point(detail::windows1252_code_point(joined[i]));
        ++replaced_;
        ++i;
      } else {
        pending_size_ = available - i;
        std::memcpy(pending_, joined + i, pending_size_);
        flush(out);
        return;
      }
    }
    flush(out);
    p += i - carried;
  }

  const std::uint8_t* run = p;  // valid UTF-8 handed on without copying
  while (p < end) {
    p = skip_ascii(p, end);
    if (p == end) break;
    const int length = detail::utf8_sequence_length(p, end);
    if (length > 0) {
      p += length;
      continue;
    }
    if (p > run) out.on_span(reinterpret_cast<const char*>(run), static_cast<std::size_t>(p - run));
    if (length < 0) {
      pending_size_ = static_cast<std::size_t>(end - p);
      std::memcpy(pending_, p, pending_size_);
      return;
    }
    decode_utf8_slow(p, end, out);
    return;
  }
  if (p > run) out.on_span(reinterpret_cast<const char*>(run), static_cast<std::size_t>(p - run));
}

// After the first invalid byte of a chunk the rest of it is copied into buffer_ with repairs,
// rather than split into many pass-through spans (each span boundary costs the tokenizer a copy).
void Decoder::decode_utf8_slow(const std::uint8_t* p, const std::uint8_t* end, SpanSink& out) {
  while (p < end) {
    if (*p < 0x80) {
      const std::uint8_t* run = p;
      const std::uint8_t* limit = p + std::min<std::size_t>(static_cast<std::size_t>(end - p), flush_threshold);
      while (p < limit && *p < 0x80) ++p;
      buffer_.append(reinterpret_cast<const char*>(run), static_cast<std::size_t>(p - run));
    } else {
      const int length = detail::utf8_sequence_length(p, end);
      if (length > 0) {
        buffer_.append(reinterpret_cast<const char*>(p), static_cast<std::size_t>(length));
        p += length;
      } else if (length == 0) {
        put_code_point(detail::windows1252_code_point(*p));
        ++replaced_;
        ++p;
      } else {
        pending_size_ = static_cast<std::size_t>(end - p);
        std::memcpy(pending_, p, pending_size_);
        break;
      }
    }
    if (buffer_.size() >= flush_threshold) flush(out);
  }
  flush(out);
}

void Decoder::decode_single_byte(const std::uint8_t* p, const std::uint8_t* end, SpanSink& out) {
  const auto code_point = encoding_ == Encoding::windows1254   ? detail::windows1254_code_point
                          : encoding_ == Encoding::windows1250 ? detail::windows1250_code_point
                          : encoding_ == Encoding::windows1256 ? detail::windows1256_code_point
                          : encoding_ == Encoding::windows1257 ? detail::windows1257_code_point
                                                               : detail::windows1252_code_point;
  while (p < end) {
    const std::uint8_t* run = p;
    const std::uint8_t* limit = p + std::min<std::size_t>(static_cast<std::size_t>(end - p), flush_threshold);
    while (limit - p >= 8 && all_ascii8(p)) p += 8;
    while (p < limit && *p < 0x80) ++p;
    buffer_.append(reinterpret_cast<const char*>(run), static_cast<std::size_t>(p - run));
    while (p < limit && *p >= 0x80) put_code_point(code_point(*p++));
    if (buffer_.size() >= flush_threshold) flush(out);
  }
  flush(out);
}

void Decoder::decode_utf16(const std::uint8_t* p, const std::uint8_t* end, SpanSink& out) {
  const bool little_endian = encoding_ == Encoding::utf16le;
  auto handle_unit = [&](std::uint16_t unit) {
    if (high_surrogate_ != 0) {
      if (unit >= 0xDC00 && unit <= 0xDFFF) {
        put_code_point(0x10000 + ((static_cast<std::uint32_t>(high_surrogate_) - 0xD800) << 10) + (unit - 0xDC00));
        high_surrogate_ = 0;
        return;
      }
      put_code_point(0xFFFD);
      ++replaced_;
      high_surrogate_ = 0;
    }
    if (unit >= 0xD800 && unit <= 0xDBFF) {
      high_surrogate_ = unit;
    } else if (unit >= 0xDC00 && unit <= 0xDFFF) {
      put_code_point(0xFFFD);
      ++replaced_;
    } else if (unit < 0x80) {
      buffer_.push_back(static_cast<char>(unit));
    } else {
      put_code_point(unit);
    }
  };
  auto unit_at = [little_endian](std::uint8_t first, std::uint8_t second) -> std::uint16_t {
    return little_endian ? static_cast<std::uint16_t>(first | (second << 8)) : static_cast<std::uint16_t>((first << 8) | second);
  };
  if (pending_size_ == 1 && p < end) {
    handle_unit(unit_at(pending_[0], *p++));
    pending_size_ = 0;
  }
  while (end - p >= 2) {
    handle_unit(unit_at(p[0], p[1]));
    p += 2;
    if (buffer_.size() >= flush_threshold) flush(out);
  }
  if (p < end) {
    pending_[0] = *p;
    pending_size_ = 1;
  }
  flush(out);
}

void Decoder::finish(SpanSink& out) {
  if (encoding_ == Encoding::utf8) {
    for (std::size_t i = 0; i < pending_size_; ++i) put_code_point(detail::windows1252_code_point(pending_[i]));
    replaced_ += pending_size_;
  } else if (!is_single_byte(encoding_)) {
    if (high_surrogate_ != 0 || pending_size_ != 0) {
      put_code_point(0xFFFD);
      ++replaced_;
    }
    high_surrogate_ = 0;
  }
  pending_size_ = 0;
  flush(out);
}

}  // namespace skpi::csv
