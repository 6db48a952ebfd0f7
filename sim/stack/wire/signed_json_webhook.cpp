#include "sim/stack/wire/signed_json_webhook.h"

#include <string>

#include "sim/stack/wire/webhook_limits.h"

namespace msgsim::stack {

runtime::Result<JsonDocument> open_signed_json_webhook(const HttpRequest& request, bool signature_verifies,
                                                       std::string_view forged) {
  if (!signature_verifies) return runtime::Status(runtime::StatusCode::kUnauthenticated, std::string(forged));
  runtime::Status size = check_webhook_size(request.body.size());
  if (!size.is_ok()) return size;
  return JsonDocument::parse(request.body);
}

}  // namespace msgsim::stack
