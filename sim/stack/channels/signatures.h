// Webhook signatures as the providers compute them (OpenSSL HMAC), so the fakes
// sign what they deliver and the stack's receivers verify it:
//   Twilio  X-Twilio-Signature  = base64(HMAC-SHA1(auth token, URL + each POST
//           parameter sorted by name, name then value, values URL-decoded));
//   Meta    X-Hub-Signature-256 = "sha256=" + lowercase hex HMAC-SHA256(app
//           secret, raw body bytes)  (WhatsApp Cloud API and Messenger);
//   LINE    x-line-signature    = base64(HMAC-SHA256(channel secret, raw body)).
// Meta and LINE sign the raw bytes received: never re-serialise a JSON body
// before verifying it. Verification compares in constant time. Every HMAC
// goes through the per-thread key cache of keyed_hmac.h.
//
// Pure functions; any thread may call them.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/runtime/status.h"
#include "sim/stack/channels/form_fields.h"
#include "sim/stack/channels/keyed_hmac.h"

namespace msgsim::stack {

enum class WebhookSigner : std::uint8_t { kTwilio, kMeta, kLine };

// A signature's text held without an allocation ("sha256=" or "Bearer "
// and 64 hex digits at most): what a codec copies into a header.
struct SignatureText {
  std::array<char, 80> chars{};
  std::size_t size = 0;

  std::string_view view() const { return std::string_view(chars.data(), size); }
  // REQUIRES: the text fits (an always-on check).
  void append(std::string_view text);
};

// HMAC (RFC 2104) of `data` under `key` into `out` (room for
// EVP_MAX_MD_SIZE bytes: 64); returns the digest's length. The one HMAC of
// every signature, through this thread's cached_hmac_key().
std::size_t hmac_into(HashAlgorithm algorithm, std::string_view key, std::string_view data, unsigned char* out);

// twilio|sms -> kTwilio; whatsapp|meta|messenger -> kMeta; line -> kLine
// (case-insensitive). kInvalidInput, naming the accepted names, otherwise.
runtime::Result<WebhookSigner> webhook_signer_from_name(std::string_view name);

// The HTTP header carrying the signature, spelled as the provider documents it.
const char* signature_header(WebhookSigner signer);

// Decoded POST parameters in arrival order; a name may repeat.
using FormParams = std::vector<std::pair<std::string, std::string>>;

// The string Twilio signs: url, then name + value for every parameter sorted
// by name (byte order), repeated names ordered by value (as Twilio's helper
// libraries do).
std::string twilio_string_to_sign(std::string_view url, const FormParams& params);
std::string twilio_signature(std::string_view auth_token, std::string_view url, const FormParams& params);
bool verify_twilio_signature(std::string_view auth_token, std::string_view url, const FormParams& params,
                             std::string_view header_value);
// The same over views of the decoded parameters, hashed in place without
// building the string to sign. Sorts `params` (by name, then value).
std::string twilio_signature_of_views(std::string_view auth_token, std::string_view url,
                                      std::span<FormParamView> params);
SignatureText twilio_signature_text(std::string_view auth_token, std::string_view url,
                                    std::span<FormParamView> params);
bool verify_twilio_signature_of_views(std::string_view auth_token, std::string_view url,
                                      std::span<FormParamView> params, std::string_view header_value);

std::string meta_signature(std::string_view app_secret, std::string_view raw_body);
SignatureText meta_signature_text(std::string_view app_secret, std::string_view raw_body);
bool verify_meta_signature(std::string_view app_secret, std::string_view raw_body, std::string_view header_value);

std::string line_signature(std::string_view channel_secret, std::string_view raw_body);
SignatureText line_signature_text(std::string_view channel_secret, std::string_view raw_body);
bool verify_line_signature(std::string_view channel_secret, std::string_view raw_body, std::string_view header_value);

// application/x-www-form-urlencoded: '&'-separated name=value, '+' is a space,
// %XX a byte. kInvalidInput for a bad escape (naming its offset).
runtime::Result<FormParams> decode_form_body(std::string_view body);

// Lowercase hex SHA-256 of bytes (to pin raw bodies in tests and traces).
std::string sha256_hex(std::string_view bytes);

// True iff a == b, in time that depends only on the lengths.
bool constant_time_equals(std::string_view a, std::string_view b);

}  // namespace msgsim::stack
