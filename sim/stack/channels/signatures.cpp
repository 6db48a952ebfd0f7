#include "sim/stack/channels/signatures.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <cstring>

#include "sim/runtime/check.h"

namespace msgsim::stack {

using runtime::Result;
using runtime::Status;
using runtime::StatusCode;

namespace {

// A digest on the stack: signing allocates nothing but the returned text.
struct Digest {
  std::array<unsigned char, kHmacDigestBytesMax> bytes{};
  std::size_t size = 0;
};

Digest hmac(HashAlgorithm algorithm, std::string_view key, std::string_view data) {
  Digest digest;
  digest.size = hmac_into(algorithm, key, data, digest.bytes.data());
  return digest;
}

void append_base64(SignatureText& text, const Digest& digest) {
  // EVP_EncodeBlock writes 4 characters per 3 bytes and a terminating NUL.
  MSGSIM_CHECK(text.size + 4 * ((digest.size + 2) / 3) + 1 <= text.chars.size());
  const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(text.chars.data() + text.size),
                                      digest.bytes.data(), static_cast<int>(digest.size));
  text.size += static_cast<std::size_t>(written);
}

// Both hex digits of each byte value, in one table read.
constexpr std::array<std::array<char, 2>, 256> kHexPairs = [] {
  constexpr char kHex[] = "0123456789abcdef";
  std::array<std::array<char, 2>, 256> pairs{};
  for (std::size_t byte = 0; byte < pairs.size(); ++byte) pairs[byte] = {kHex[byte >> 4], kHex[byte & 0x0F]};
  return pairs;
}();

void append_lower_hex(SignatureText& text, const Digest& digest) {
  MSGSIM_CHECK(text.size + 2 * digest.size <= text.chars.size());
  char* out = text.chars.data() + text.size;
  for (std::size_t i = 0; i < digest.size; ++i) std::memcpy(out + 2 * i, kHexPairs[digest.bytes[i]].data(), 2);
  text.size += 2 * digest.size;
}

// By name, then value (byte order): deterministic for repeated names.
// Twilio sends its parameters in name order, so a check usually finds them
// sorted already.
void sort_params(std::span<FormParamView> params) {
  const auto before = [](const FormParamView& a, const FormParamView& b) {
    return a.name != b.name ? a.name < b.name : a.value < b.value;
  };
  if (!std::is_sorted(params.begin(), params.end(), before)) std::sort(params.begin(), params.end(), before);
}

std::vector<FormParamView> views_of(const FormParams& params) {
  std::vector<FormParamView> views;
  views.reserve(params.size());
  for (const auto& [name, value] : params) views.push_back(FormParamView{name, value});
  return views;
}

// Appends `text` at `at` and returns the end of what was written.
char* copy_text(std::string_view text, char* at) { return std::copy(text.begin(), text.end(), at); }

}  // namespace

void SignatureText::append(std::string_view text) {
  MSGSIM_CHECK(size + text.size() <= chars.size());
  std::copy(text.begin(), text.end(), chars.begin() + static_cast<std::ptrdiff_t>(size));
  size += text.size();
}

SignatureText meta_signature_text(std::string_view app_secret, std::string_view raw_body) {
  SignatureText text;
  text.append("sha256=");
  append_lower_hex(text, hmac(HashAlgorithm::kSha256, app_secret, raw_body));
  return text;
}

SignatureText line_signature_text(std::string_view channel_secret, std::string_view raw_body) {
  SignatureText text;
  append_base64(text, hmac(HashAlgorithm::kSha256, channel_secret, raw_body));
  return text;
}

SignatureText twilio_signature_text(std::string_view auth_token, std::string_view url,
                                    std::span<FormParamView> params) {
  sort_params(params);
  // The string to sign is assembled on the stack (a webhook's is a few
  // hundred bytes) and hashed in one piece: feeding the hash two dozen
  // short pieces costs more than copying them.
  std::size_t length = url.size();
  for (const FormParamView& param : params) length += param.name.size() + param.value.size();
  std::array<char, 2048> stack_text;
  std::string heap_text;
  char* to_sign = stack_text.data();
  if (length > stack_text.size()) {
    heap_text.resize(length);
    to_sign = heap_text.data();
  }
  char* end = copy_text(url, to_sign);
  for (const FormParamView& param : params) end = copy_text(param.value, copy_text(param.name, end));
  Digest digest;
  digest.size = hmac_into(HashAlgorithm::kSha1, auth_token, std::string_view(to_sign, length), digest.bytes.data());
  SignatureText text;
  append_base64(text, digest);
  return text;
}

std::size_t hmac_into(HashAlgorithm algorithm, std::string_view key, std::string_view data, unsigned char* out) {
  HmacStream stream(cached_hmac_key(algorithm, key));
  stream.update(data);
  return stream.finish(out);
}

Result<WebhookSigner> webhook_signer_from_name(std::string_view name) {
  std::string lower(name);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; });
  if (lower == "twilio" || lower == "sms") return WebhookSigner::kTwilio;
  if (lower == "whatsapp" || lower == "meta" || lower == "messenger") return WebhookSigner::kMeta;
  if (lower == "line") return WebhookSigner::kLine;
  return Status(StatusCode::kInvalidInput, "unknown provider '" + std::string(name) +
                                               "' (expected twilio, sms, whatsapp, meta, messenger or line)");
}

const char* signature_header(WebhookSigner signer) {
  switch (signer) {
    case WebhookSigner::kTwilio: return "X-Twilio-Signature";
    case WebhookSigner::kMeta: return "X-Hub-Signature-256";
    case WebhookSigner::kLine: break;
  }
  return "x-line-signature";
}

std::string twilio_string_to_sign(std::string_view url, const FormParams& params) {
  std::vector<FormParamView> sorted = views_of(params);
  sort_params(sorted);
  std::string text(url);
  for (const FormParamView& param : sorted) text.append(param.name).append(param.value);
  return text;
}

std::string twilio_signature(std::string_view auth_token, std::string_view url, const FormParams& params) {
  std::vector<FormParamView> views = views_of(params);
  return std::string(twilio_signature_text(auth_token, url, views).view());
}

bool verify_twilio_signature(std::string_view auth_token, std::string_view url, const FormParams& params,
                             std::string_view header_value) {
  std::vector<FormParamView> views = views_of(params);
  return constant_time_equals(twilio_signature_text(auth_token, url, views).view(), header_value);
}

std::string twilio_signature_of_views(std::string_view auth_token, std::string_view url,
                                      std::span<FormParamView> params) {
  return std::string(twilio_signature_text(auth_token, url, params).view());
}

bool verify_twilio_signature_of_views(std::string_view auth_token, std::string_view url,
                                      std::span<FormParamView> params, std::string_view header_value) {
  return constant_time_equals(twilio_signature_text(auth_token, url, params).view(), header_value);
}

std::string meta_signature(std::string_view app_secret, std::string_view raw_body) {
  return std::string(meta_signature_text(app_secret, raw_body).view());
}

bool verify_meta_signature(std::string_view app_secret, std::string_view raw_body, std::string_view header_value) {
  return constant_time_equals(meta_signature_text(app_secret, raw_body).view(), header_value);
}

std::string line_signature(std::string_view channel_secret, std::string_view raw_body) {
  return std::string(line_signature_text(channel_secret, raw_body).view());
}

bool verify_line_signature(std::string_view channel_secret, std::string_view raw_body, std::string_view header_value) {
  return constant_time_equals(line_signature_text(channel_secret, raw_body).view(), header_value);
}

Result<FormParams> decode_form_body(std::string_view body) {
  Result<FormFields> fields = FormFields::decode(body);
  if (!fields.is_ok()) return fields.status();
  FormParams params;
  params.reserve(fields.value().size());
  for (std::size_t i = 0; i < fields.value().size(); ++i) {
    params.emplace_back(std::string(fields.value().name(i)), std::string(fields.value().value(i)));
  }
  return params;
}

std::string sha256_hex(std::string_view bytes) {
  static const unsigned char kEmpty = 0;  // OpenSSL refuses a null pointer even for zero bytes
  Digest digest;
  unsigned int length = 0;
  const unsigned char* data = bytes.empty() ? &kEmpty : reinterpret_cast<const unsigned char*>(bytes.data());
  const int ok = EVP_Digest(data, bytes.size(), digest.bytes.data(), &length, EVP_sha256(), nullptr);
  MSGSIM_CHECK_MSG(ok == 1 && length <= digest.bytes.size(), "OpenSSL SHA-256 failed");
  digest.size = length;
  SignatureText text;
  append_lower_hex(text, digest);
  return std::string(text.view());
}

bool constant_time_equals(std::string_view a, std::string_view b) {
  // The length is not secret (every signature of a kind has the same length).
  if (a.size() != b.size()) return false;
  // Every byte is read whatever the differences: eight at a time, the
  // differences or-ed together, and the empty asm keeps the compiler from
  // turning the sum into an early exit.
  std::uint64_t difference = 0;
  std::size_t i = 0;
  for (; i + 8 <= a.size(); i += 8) {
    std::uint64_t x = 0;
    std::uint64_t y = 0;
    std::memcpy(&x, a.data() + i, 8);
    std::memcpy(&y, b.data() + i, 8);
    difference |= x ^ y;
    asm volatile("" : "+r"(difference));
  }
  for (; i < a.size(); ++i) {
    difference |= static_cast<unsigned char>(a[i] ^ b[i]);
    asm volatile("" : "+r"(difference));
  }
  return difference == 0;
}

}  // namespace msgsim::stack
