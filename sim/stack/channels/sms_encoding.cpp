#include "sim/stack/channels/sms_encoding.h"

#include <string>
#include <utility>

namespace msgsim::stack {

using runtime::Result;
using runtime::Status;
using runtime::StatusCode;

namespace {

// ---- GSM 03.38 -------------------------------------------------------------

constexpr char32_t kNoChar = 0xFFFFFFFF;
constexpr std::uint8_t kEscape = 0x1B;

// The default alphabet indexed by septet; 0x1B is the escape to the extension table.
constexpr std::array<char32_t, 128> kGsmBasic = {
    U'@',  U'£',  U'$',  U'¥',  U'è',  U'é',  U'ù',  U'ì',  U'ò',  U'Ç',  U'\n', U'Ø',  U'ø',  U'\r', U'Å',  U'å',
    U'Δ',  U'_',  U'Φ',  U'Γ',  U'Λ',  U'Ω',  U'Π',  U'Ψ',  U'Σ',  U'Θ',  U'Ξ',  kNoChar, U'Æ', U'æ', U'ß', U'É',
    U' ',  U'!',  U'"',  U'#',  U'¤',  U'%',  U'&',  U'\'', U'(',  U')',  U'*',  U'+',  U',',  U'-',  U'.',  U'/',
    U'0',  U'1',  U'2',  U'3',  U'4',  U'5',  U'6',  U'7',  U'8',  U'9',  U':',  U';',  U'<',  U'=',  U'>',  U'?',
    U'¡',  U'A',  U'B',  U'C',  U'D',  U'E',  U'F',  U'G',  U'H',  U'I',  U'J',  U'K',  U'L',  U'M',  U'N',  U'O',
    U'P',  U'Q',  U'R',  U'S',  U'T',  U'U',  U'V',  U'W',  U'X',  U'Y',  U'Z',  U'Ä',  U'Ö',  U'Ñ',  U'Ü',  U'§',
    U'¿',  U'a',  U'b',  U'c',  U'd',  U'e',  U'f',  U'g',  U'h',  U'i',  U'j',  U'k',  U'l',  U'm',  U'n',  U'o',
    U'p',  U'q',  U'r',  U's',  U't',  U'u',  U'v',  U'w',  U'x',  U'y',  U'z',  U'ä',  U'ö',  U'ñ',  U'ü',  U'à',
};

struct ExtensionEntry {
  char32_t code_point;
  std::uint8_t septet;
};
constexpr std::array<ExtensionEntry, 10> kGsmExtension = {{
    {U'\f', 0x0A}, {U'^', 0x14}, {U'{', 0x28}, {U'}', 0x29}, {U'\\', 0x2F},
    {U'[', 0x3C},  {U'~', 0x3D}, {U']', 0x3E}, {U'|', 0x40}, {U'€', 0x65},
}};

// ---- UTF-8 ---------------------------------------------------------------

struct DecodedText {
  std::vector<char32_t> code_points;
  std::vector<std::size_t> byte_offsets;  // one per code point, plus the end
};

Status invalid_utf8(std::size_t offset) {
  return Status(StatusCode::kInvalidInput, "invalid UTF-8 at byte " + std::to_string(offset));
}

// Strict decoding: rejects overlong forms, surrogates, values above U+10FFFF
// and truncated sequences, so every accepted body has one UTF-16 form.
Result<DecodedText> decode_utf8(std::string_view utf8) {
  DecodedText text;
  std::size_t i = 0;
  while (i < utf8.size()) {
    const auto lead = static_cast<unsigned char>(utf8[i]);
    std::size_t length = 0;
    char32_t value = 0;
    char32_t minimum = 0;
    if (lead < 0x80) { length = 1; value = lead; }
    else if (lead >= 0xC2 && lead <= 0xDF) { length = 2; value = lead & 0x1Fu; minimum = 0x80; }
    else if (lead >= 0xE0 && lead <= 0xEF) { length = 3; value = lead & 0x0Fu; minimum = 0x800; }
    else if (lead >= 0xF0 && lead <= 0xF4) { length = 4; value = lead & 0x07u; minimum = 0x10000; }
    else return invalid_utf8(i);
    if (utf8.size() - i < length) return invalid_utf8(i);
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(utf8[i + k]);
      if ((next & 0xC0u) != 0x80u) return invalid_utf8(i);
      value = (value << 6) | (next & 0x3Fu);
    }
    if (value < minimum || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return invalid_utf8(i);
    text.code_points.push_back(value);
    text.byte_offsets.push_back(i);
    i += length;
  }
  text.byte_offsets.push_back(utf8.size());
  return text;
}

// ---- Grapheme cluster properties (UAX #29 subset, see the header) ----------

enum class BreakClass : std::uint8_t { kOther, kCr, kLf, kControl, kExtend, kZwj, kRegional, kL, kV, kT, kLv, kLvt };

struct Range {
  char32_t first;
  char32_t last;
};

bool in_ranges(char32_t cp, const Range* ranges, std::size_t count) {
  for (std::size_t i = 0; i < count; ++i) {
    if (cp >= ranges[i].first && cp <= ranges[i].last) return true;
  }
  return false;
}

constexpr Range kControls[] = {
    {0x0000, 0x001F}, {0x007F, 0x009F}, {0x00AD, 0x00AD}, {0x061C, 0x061C}, {0x180E, 0x180E},
    {0x200B, 0x200B}, {0x200E, 0x200F}, {0x2028, 0x202E}, {0x2060, 0x206F}, {0xFEFF, 0xFEFF},
    {0xFFF0, 0xFFFB}, {0xE0000, 0xE001F},
};

// Combining marks (Mn, Me, Mc: GB9 and GB9a both glue them to what precedes),
// variation selectors, emoji modifiers, tags and ZWNJ.
constexpr Range kExtends[] = {
    {0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x05BF, 0x05BF}, {0x05C1, 0x05C2},
    {0x05C4, 0x05C5}, {0x05C7, 0x05C7}, {0x0610, 0x061A}, {0x064B, 0x065F}, {0x0670, 0x0670},
    {0x06D6, 0x06DC}, {0x06DF, 0x06E4}, {0x06E7, 0x06E8}, {0x06EA, 0x06ED}, {0x0711, 0x0711},
    {0x0730, 0x074A}, {0x07A6, 0x07B0}, {0x07EB, 0x07F3}, {0x0816, 0x082D}, {0x0859, 0x085B},
    {0x08CA, 0x08FF}, {0x0D81, 0x0D83}, {0x0DCA, 0x0DCA}, {0x0DCF, 0x0DDF}, {0x0DF2, 0x0DF3},
    {0x0E31, 0x0E31}, {0x0E33, 0x0E3A}, {0x0E47, 0x0E4E}, {0x0EB1, 0x0EB1}, {0x0EB3, 0x0EBC},
    {0x0EC8, 0x0ECD}, {0x0F18, 0x0F19}, {0x0F35, 0x0F35}, {0x0F37, 0x0F37}, {0x0F39, 0x0F39},
    {0x0F3E, 0x0F3F}, {0x0F71, 0x0F84}, {0x0F86, 0x0F87}, {0x0F8D, 0x0FBC}, {0x102B, 0x103E},
    {0x1056, 0x1059}, {0x135D, 0x135F}, {0x17B4, 0x17D3}, {0x180B, 0x180D}, {0x1AB0, 0x1AFF},
    {0x1B00, 0x1B04}, {0x1DC0, 0x1DFF}, {0x200C, 0x200C}, {0x20D0, 0x20FF}, {0x302A, 0x302F},
    {0x3099, 0x309A}, {0xA66F, 0xA672}, {0xA674, 0xA67D}, {0xFB1E, 0xFB1E}, {0xFE00, 0xFE0F},
    {0xFE20, 0xFE2F}, {0xFF9E, 0xFF9F}, {0x1F3FB, 0x1F3FF}, {0xE0020, 0xE007F}, {0xE0100, 0xE01EF},
};

// Extended_Pictographic, generously: it only matters right after a ZWJ.
constexpr Range kPictographics[] = {
    {0x00A9, 0x00A9}, {0x00AE, 0x00AE}, {0x203C, 0x203C}, {0x2049, 0x2049}, {0x2122, 0x2122},
    {0x2139, 0x2139}, {0x2194, 0x2199}, {0x21A9, 0x21AA}, {0x231A, 0x231B}, {0x2328, 0x2328},
    {0x2388, 0x2388}, {0x23CF, 0x23CF}, {0x23E9, 0x23F3}, {0x23F8, 0x23FA}, {0x24C2, 0x24C2},
    {0x25AA, 0x25AB}, {0x25B6, 0x25B6}, {0x25C0, 0x25C0}, {0x25FB, 0x25FE}, {0x2600, 0x27BF},
    {0x2934, 0x2935}, {0x2B05, 0x2B07}, {0x2B1B, 0x2B1C}, {0x2B50, 0x2B50}, {0x2B55, 0x2B55},
    {0x3030, 0x3030}, {0x303D, 0x303D}, {0x3297, 0x3297}, {0x3299, 0x3299}, {0x1F000, 0x1FAFF},
    {0x1FC00, 0x1FFFD},
};

// The Indic blocks U+0900..U+0D7F share one layout: signs at offsets 0x00-0x03,
// 0x3A-0x4F (except the avagraha 0x3D), 0x51-0x57 and 0x62-0x63.
bool is_indic_mark(char32_t cp) {
  if (cp < 0x0900 || cp > 0x0D7F) return false;
  const char32_t offset = cp & 0x7Fu;
  return offset <= 0x03 || (offset >= 0x3A && offset <= 0x4F && offset != 0x3D) ||
         (offset >= 0x51 && offset <= 0x57) || offset == 0x62 || offset == 0x63;
}

BreakClass hangul_class(char32_t cp) {
  if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0xA960 && cp <= 0xA97C)) return BreakClass::kL;
  if ((cp >= 0x1160 && cp <= 0x11A7) || (cp >= 0xD7B0 && cp <= 0xD7C6)) return BreakClass::kV;
  if ((cp >= 0x11A8 && cp <= 0x11FF) || (cp >= 0xD7CB && cp <= 0xD7FB)) return BreakClass::kT;
  if (cp >= 0xAC00 && cp <= 0xD7A3) return (cp - 0xAC00) % 28 == 0 ? BreakClass::kLv : BreakClass::kLvt;
  return BreakClass::kOther;
}

BreakClass break_class(char32_t cp) {
  if (cp == U'\r') return BreakClass::kCr;
  if (cp == U'\n') return BreakClass::kLf;
  if (cp == 0x200D) return BreakClass::kZwj;
  if (in_ranges(cp, kControls, std::size(kControls))) return BreakClass::kControl;
  if (is_indic_mark(cp) || in_ranges(cp, kExtends, std::size(kExtends))) return BreakClass::kExtend;
  if (cp >= 0x1F1E6 && cp <= 0x1F1FF) return BreakClass::kRegional;
  return hangul_class(cp);
}

bool is_pictographic(char32_t cp) { return in_ranges(cp, kPictographics, std::size(kPictographics)); }

// What the rules that look further back than one character (GB11, GB12/13) need.
struct BreakState {
  bool pictographic_run = false;  // the cluster so far is ExtPict Extend*
  bool pictographic_zwj = false;  // ... followed by a ZWJ
  std::size_t regional_run = 0;   // regional indicators just before
};

bool is_hangul_pair(BreakClass prev, BreakClass next) {
  using B = BreakClass;
  if (prev == B::kL) return next == B::kL || next == B::kV || next == B::kLv || next == B::kLvt;
  if (prev == B::kLv || prev == B::kV) return next == B::kV || next == B::kT;
  if (prev == B::kLvt || prev == B::kT) return next == B::kT;
  return false;
}

bool breaks_between(const BreakState& state, BreakClass prev, BreakClass next, char32_t next_cp) {
  using B = BreakClass;
  // GB4/GB5, with CR LF treated as two characters (see the header).
  if (prev == B::kCr || prev == B::kLf || prev == B::kControl) return true;
  if (next == B::kCr || next == B::kLf || next == B::kControl) return true;
  if (is_hangul_pair(prev, next)) return false;                                  // GB6-GB8
  if (next == B::kExtend || next == B::kZwj) return false;                       // GB9, GB9a
  if (prev == B::kZwj && state.pictographic_zwj && is_pictographic(next_cp)) return false;  // GB11
  if (prev == B::kRegional && next == B::kRegional) return state.regional_run % 2 == 0;    // GB12/13
  return true;
}

void advance(BreakState& state, BreakClass cls, char32_t cp) {
  const bool pictographic = cls == BreakClass::kOther && is_pictographic(cp);
  state.pictographic_zwj = cls == BreakClass::kZwj && state.pictographic_run;
  state.pictographic_run = pictographic || (cls == BreakClass::kExtend && state.pictographic_run);
  state.regional_run = cls == BreakClass::kRegional ? state.regional_run + 1 : 0;
}

// Code point indexes where each grapheme starts, plus the end.
std::vector<std::size_t> grapheme_starts(const std::vector<char32_t>& code_points) {
  std::vector<std::size_t> starts;
  BreakState state;
  BreakClass prev = BreakClass::kControl;
  for (std::size_t i = 0; i < code_points.size(); ++i) {
    const BreakClass cls = break_class(code_points[i]);
    if (i == 0 || breaks_between(state, prev, cls, code_points[i])) starts.push_back(i);
    advance(state, cls, code_points[i]);
    prev = cls;
  }
  starts.push_back(code_points.size());
  return starts;
}

// ---- Segmentation ------------------------------------------------------------

std::size_t unit_cost(SmsEncoding encoding, char32_t cp) {
  if (encoding == SmsEncoding::kUcs2) return cp > 0xFFFF ? 2 : 1;
  return gsm7_code(cp)->length;
}

// An indivisible run of code points: a grapheme, or one code point of a
// grapheme too large for a segment.
struct Piece {
  std::size_t begin = 0;  // code point indexes
  std::size_t end = 0;
  std::size_t units = 0;
};

std::vector<Piece> pieces_of(const DecodedText& text, const std::vector<std::size_t>& starts,
                             SmsEncoding encoding, std::size_t capacity) {
  std::vector<Piece> pieces;
  for (std::size_t g = 0; g + 1 < starts.size(); ++g) {
    Piece grapheme{starts[g], starts[g + 1], 0};
    for (std::size_t i = grapheme.begin; i < grapheme.end; ++i) {
      grapheme.units += unit_cost(encoding, text.code_points[i]);
    }
    if (grapheme.units <= capacity) {
      pieces.push_back(grapheme);
      continue;
    }
    for (std::size_t i = grapheme.begin; i < grapheme.end; ++i) {
      pieces.push_back(Piece{i, i + 1, unit_cost(encoding, text.code_points[i])});
    }
  }
  return pieces;
}

// Greedy packing: the segment calculators fill each segment as far as a whole
// piece fits, which also gives the fewest segments for indivisible pieces.
std::vector<SmsSegment> pack(std::string_view utf8, const DecodedText& text, const std::vector<Piece>& pieces,
                             std::size_t capacity) {
  std::vector<SmsSegment> parts(1);
  std::size_t part_begin = 0;  // code point index where the open part starts
  auto close_part = [&](std::size_t end) {
    const std::size_t from = text.byte_offsets[part_begin];
    parts.back().text = std::string(utf8.substr(from, text.byte_offsets[end] - from));
    part_begin = end;
  };
  for (const Piece& piece : pieces) {
    if (parts.back().units + piece.units > capacity) {
      close_part(piece.begin);
      parts.emplace_back();
    }
    parts.back().units += piece.units;
  }
  close_part(text.code_points.size());
  return parts;
}

SmsEncoding encoding_of(const std::vector<char32_t>& code_points) {
  for (char32_t cp : code_points) {
    if (!gsm7_code(cp)) return SmsEncoding::kUcs2;
  }
  return SmsEncoding::kGsm7;
}

}  // namespace

const char* sms_encoding_name(SmsEncoding encoding) {
  return encoding == SmsEncoding::kGsm7 ? "GSM-7" : "UCS-2";
}

std::optional<Gsm7Code> gsm7_code(char32_t code_point) {
  for (std::size_t septet = 0; septet < kGsmBasic.size(); ++septet) {
    if (kGsmBasic[septet] == code_point) return Gsm7Code{{static_cast<std::uint8_t>(septet), 0}, 1};
  }
  for (const ExtensionEntry& entry : kGsmExtension) {
    if (entry.code_point == code_point) return Gsm7Code{{kEscape, entry.septet}, 2};
  }
  return std::nullopt;
}

Result<SmsEncodingInfo> sms_encoding_info(std::string_view utf8) {
  Result<DecodedText> decoded = decode_utf8(utf8);
  if (!decoded.is_ok()) return decoded.status();
  const DecodedText& text = decoded.value();
  const std::vector<std::size_t> starts = grapheme_starts(text.code_points);

  SmsEncodingInfo info;
  info.encoding = encoding_of(text.code_points);
  info.graphemes = starts.size() - 1;
  info.unicode_scalars = text.code_points.size();
  for (char32_t cp : text.code_points) {
    info.utf16_units += cp > 0xFFFF ? 2 : 1;
    info.units += unit_cost(info.encoding, cp);
  }
  info.characters = info.encoding == SmsEncoding::kGsm7 ? info.units : info.graphemes;

  const bool gsm7 = info.encoding == SmsEncoding::kGsm7;
  const std::size_t single = gsm7 ? kGsm7SingleSegmentSeptets : kUcs2SingleSegmentUnits;
  const std::size_t multipart = gsm7 ? kGsm7MultipartSegmentSeptets : kUcs2MultipartSegmentUnits;
  if (info.units <= single) {
    info.parts.push_back(SmsSegment{std::string(utf8), info.units});
  } else {
    info.parts = pack(utf8, text, pieces_of(text, starts, info.encoding, multipart), multipart);
  }
  info.segments = info.parts.size();
  return info;
}

Result<std::vector<std::string>> split_graphemes(std::string_view utf8) {
  Result<DecodedText> decoded = decode_utf8(utf8);
  if (!decoded.is_ok()) return decoded.status();
  const DecodedText& text = decoded.value();
  const std::vector<std::size_t> starts = grapheme_starts(text.code_points);
  std::vector<std::string> graphemes;
  for (std::size_t g = 0; g + 1 < starts.size(); ++g) {
    const std::size_t from = text.byte_offsets[starts[g]];
    graphemes.emplace_back(utf8.substr(from, text.byte_offsets[starts[g + 1]] - from));
  }
  return graphemes;
}

Result<std::size_t> sms_body_characters(std::string_view utf8) {
  Result<DecodedText> decoded = decode_utf8(utf8);
  if (!decoded.is_ok()) return decoded.status();
  return decoded.value().code_points.size();
}

}  // namespace msgsim::stack
