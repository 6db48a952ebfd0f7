// SMS encoding and segmentation as carriers bill it (and as Twilio's segment
// calculator reports it): a body is GSM-7 when every character is in the GSM
// 03.38 default alphabet or its extension table, otherwise the whole body is
// UCS-2. One segment holds 160 septets / 70 UTF-16 units; once a second segment
// is needed, each segment carries a 6-octet header and holds 153 / 67. A
// grapheme cluster (emoji sequence, flag, base plus combining marks, a 2-septet
// escape pair) is never split across segments.
//
// Grapheme clusters follow UAX #29 extended grapheme clusters without ICU, with
// the property tables this file needs: controls; combining marks (Latin,
// Cyrillic, Hebrew, Arabic, Syriac, Thaana, NKo, the Indic blocks U+0900..U+0D7F
// by their shared layout, Sinhala, Thai, Lao, Tibetan, Myanmar, Khmer, the
// diacritic supplement blocks, marks for symbols, half marks, kana voicing
// marks); ZWJ and ZWNJ; variation selectors
// (VS1-16 incl. VS15/VS16, VS17-256); emoji modifiers U+1F3FB..U+1F3FF; tag
// characters U+E0020..U+E007F (subdivision flags); regional-indicator pairs
// (flags); Hangul conjoining jamo; Extended_Pictographic for ZWJ sequences.
// Not covered: Prepend characters (GB9b) and the Indic conjunct rule (GB9c).
// Deliberate deviation, as Twilio's calculator: CR LF is two characters.
//
// Pure functions; any thread may call them.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/runtime/status.h"

namespace msgsim::stack {

enum class SmsEncoding : std::uint8_t { kGsm7, kUcs2 };

// "GSM-7" or "UCS-2", the names Twilio's calculator and our vectors use.
const char* sms_encoding_name(SmsEncoding encoding);

constexpr std::size_t kGsm7SingleSegmentSeptets = 160;
constexpr std::size_t kGsm7MultipartSegmentSeptets = 153;
constexpr std::size_t kUcs2SingleSegmentUnits = 70;
constexpr std::size_t kUcs2MultipartSegmentUnits = 67;
// Twilio refuses longer bodies with error 21617; the provider fake decides.
constexpr std::size_t kSmsBodyCharactersMax = 1600;

struct SmsSegment {
  std::string text;       // the UTF-8 bytes of this part of the body
  std::size_t units = 0;  // septets (GSM-7) or UTF-16 units (UCS-2)
};

struct SmsEncodingInfo {
  SmsEncoding encoding = SmsEncoding::kGsm7;
  std::size_t segments = 1;         // == parts.size(); an empty body is one segment
  std::size_t units = 0;            // sum of parts[i].units
  std::size_t characters = 0;       // as Twilio's calculator: septets (GSM-7), graphemes (UCS-2)
  std::size_t graphemes = 0;
  std::size_t unicode_scalars = 0;
  std::size_t utf16_units = 0;
  std::vector<SmsSegment> parts;    // concatenated, they give back the body
};

// Encoding and segmentation of a UTF-8 body.
// Returns kInvalidInput (naming the byte offset) when utf8 is not valid UTF-8.
// A single grapheme larger than a whole segment (say, a letter with 100
// combining marks) is split between code points, never inside a surrogate pair
// or an escape pair: no carrier can do better.
runtime::Result<SmsEncodingInfo> sms_encoding_info(std::string_view utf8);

// The GSM 03.38 code of one character: one septet (default alphabet) or the
// escape 0x1B plus one septet (extension table). nullopt: not GSM-7.
struct Gsm7Code {
  std::array<std::uint8_t, 2> septets{};
  std::size_t length = 0;  // 1 or 2
};
std::optional<Gsm7Code> gsm7_code(char32_t code_point);

// The body split into extended grapheme clusters (see the coverage above).
runtime::Result<std::vector<std::string>> split_graphemes(std::string_view utf8);

// The length checked against kSmsBodyCharactersMax: Unicode scalar values.
// (How Twilio counts for 21617 is unverified; scalars agree with UTF-16 units
// for every body without emoji.)
runtime::Result<std::size_t> sms_body_characters(std::string_view utf8);

}  // namespace msgsim::stack
