#include "sim/stack/channels/signatures.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <algorithm>
#include <array>

namespace msgsim::stack {

using runtime::Result;
using runtime::Status;
using runtime::StatusCode;

namespace {

using Digest = std::vector<unsigned char>;

const unsigned char* bytes_of(std::string_view text) {
  // OpenSSL refuses a null key even when its length is zero.
  static const unsigned char kEmpty = 0;
  return text.empty() ? &kEmpty : reinterpret_cast<const unsigned char*>(text.data());
}

// One digest fetched once per thread with a reusable context. OpenSSL 3's
// one-shot HMAC() looks its digest up on every call, which cost more than
// the hashing itself on webhook-sized bodies; RFC 2104 over a fetched
// digest gives the same bytes at half the cost.
class DigestEngine {
 public:
  explicit DigestEngine(const char* name) : md_(EVP_MD_fetch(nullptr, name, nullptr)), context_(EVP_MD_CTX_new()) {
    MSGSIM_CHECK_MSG(md_ != nullptr && context_ != nullptr, "OpenSSL digest unavailable");
  }
  ~DigestEngine() {
    EVP_MD_CTX_free(context_);
    EVP_MD_free(md_);
  }
  DigestEngine(const DigestEngine&) = delete;
  DigestEngine& operator=(const DigestEngine&) = delete;

  int block_size() const { return EVP_MD_get_block_size(md_); }
  // H(first || second); returns the digest's length.
  unsigned int hash(std::string_view first, std::string_view second, unsigned char* out) {
    unsigned int length = 0;
    const bool ok = EVP_DigestInit_ex2(context_, md_, nullptr) == 1 &&
                    EVP_DigestUpdate(context_, first.data(), first.size()) == 1 &&
                    EVP_DigestUpdate(context_, second.data(), second.size()) == 1 &&
                    EVP_DigestFinal_ex(context_, out, &length) == 1;
    MSGSIM_CHECK_MSG(ok, "OpenSSL digest failed");
    return length;
  }

 private:
  EVP_MD* md_;
  EVP_MD_CTX* context_;
};

DigestEngine& engine(HashAlgorithm algorithm) {
  thread_local DigestEngine sha1("SHA1");
  thread_local DigestEngine sha256("SHA256");
  return algorithm == HashAlgorithm::kSha1 ? sha1 : sha256;
}

}  // namespace

// HMAC per RFC 2104: H((K ^ opad) || H((K ^ ipad) || data)).
std::size_t hmac_into(HashAlgorithm algorithm, std::string_view key, std::string_view data, unsigned char* out) {
  DigestEngine& digest = engine(algorithm);
  const auto block = static_cast<std::size_t>(digest.block_size());
  std::array<unsigned char, 2 * EVP_MAX_MD_SIZE> key_block{};
  MSGSIM_CHECK(block <= key_block.size());
  if (key.size() > block) {
    digest.hash(key, {}, key_block.data());
  } else {
    std::copy(key.begin(), key.end(), key_block.begin());
  }
  std::array<char, 2 * EVP_MAX_MD_SIZE> pad{};
  for (std::size_t i = 0; i < block; ++i) pad[i] = static_cast<char>(key_block[i] ^ 0x36u);
  std::array<unsigned char, EVP_MAX_MD_SIZE> inner{};
  const unsigned int inner_length = digest.hash(std::string_view(pad.data(), block), data, inner.data());
  for (std::size_t i = 0; i < block; ++i) pad[i] = static_cast<char>(key_block[i] ^ 0x5cu);
  return digest.hash(std::string_view(pad.data(), block),
                     std::string_view(reinterpret_cast<const char*>(inner.data()), inner_length), out);
}

namespace {

Digest hmac(HashAlgorithm algorithm, std::string_view key, std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
  const std::size_t length = hmac_into(algorithm, key, data, out.data());
  return Digest(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(length));
}

std::string base64(const Digest& digest) {
  // EVP_EncodeBlock writes 4 characters per 3 bytes and a terminating NUL.
  std::string out(4 * ((digest.size() + 2) / 3) + 1, '\0');
  const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), digest.data(),
                                      static_cast<int>(digest.size()));
  out.resize(static_cast<std::size_t>(written));
  return out;
}

std::string lower_hex(const Digest& digest) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(digest.size() * 2);
  for (unsigned char byte : digest) {
    out.push_back(kHex[byte >> 4]);
    out.push_back(kHex[byte & 0x0F]);
  }
  return out;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// One form component, URL-decoded; offset locates it in the body for messages.
Result<std::string> url_decode(std::string_view text, std::size_t offset) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out.push_back(' ');
    } else if (text[i] != '%') {
      out.push_back(text[i]);
    } else {
      const int high = i + 2 < text.size() ? hex_value(text[i + 1]) : -1;
      const int low = i + 2 < text.size() ? hex_value(text[i + 2]) : -1;
      if (high < 0 || low < 0) {
        return Status(StatusCode::kInvalidInput, "bad percent escape at byte " + std::to_string(offset + i));
      }
      out.push_back(static_cast<char>(high * 16 + low));
      i += 2;
    }
  }
  return out;
}

}  // namespace

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
  FormParams sorted = params;
  std::sort(sorted.begin(), sorted.end());  // by name, then value: deterministic for repeated names
  std::string text(url);
  for (const auto& [name, value] : sorted) text += name + value;
  return text;
}

std::string twilio_signature(std::string_view auth_token, std::string_view url, const FormParams& params) {
  return base64(hmac(HashAlgorithm::kSha1, auth_token, twilio_string_to_sign(url, params)));
}

bool verify_twilio_signature(std::string_view auth_token, std::string_view url, const FormParams& params,
                             std::string_view header_value) {
  return constant_time_equals(twilio_signature(auth_token, url, params), header_value);
}

std::string meta_signature(std::string_view app_secret, std::string_view raw_body) {
  return "sha256=" + lower_hex(hmac(HashAlgorithm::kSha256, app_secret, raw_body));
}

bool verify_meta_signature(std::string_view app_secret, std::string_view raw_body, std::string_view header_value) {
  return constant_time_equals(meta_signature(app_secret, raw_body), header_value);
}

std::string line_signature(std::string_view channel_secret, std::string_view raw_body) {
  return base64(hmac(HashAlgorithm::kSha256, channel_secret, raw_body));
}

bool verify_line_signature(std::string_view channel_secret, std::string_view raw_body, std::string_view header_value) {
  return constant_time_equals(line_signature(channel_secret, raw_body), header_value);
}

Result<FormParams> decode_form_body(std::string_view body) {
  FormParams params;
  std::size_t start = 0;
  while (start <= body.size()) {
    const std::size_t end = std::min(body.find('&', start), body.size());
    const std::string_view pair = body.substr(start, end - start);
    if (!pair.empty()) {
      const std::size_t equals = std::min(pair.find('='), pair.size());
      Result<std::string> name = url_decode(pair.substr(0, equals), start);
      if (!name.is_ok()) return name.status();
      const std::string_view raw_value = equals < pair.size() ? pair.substr(equals + 1) : std::string_view();
      Result<std::string> value = url_decode(raw_value, start + equals + 1);
      if (!value.is_ok()) return value.status();
      params.emplace_back(name.take(), value.take());
    }
    start = end + 1;
  }
  return params;
}

std::string sha256_hex(std::string_view bytes) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
  unsigned int length = 0;
  const int ok = EVP_Digest(bytes_of(bytes), bytes.size(), out.data(), &length, EVP_sha256(), nullptr);
  MSGSIM_CHECK_MSG(ok == 1, "OpenSSL SHA-256 failed");
  return lower_hex(Digest(out.begin(), out.begin() + length));
}

bool constant_time_equals(std::string_view a, std::string_view b) {
  // The length is not secret (every signature of a kind has the same length).
  if (a.size() != b.size()) return false;
  return a.empty() || CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace msgsim::stack
