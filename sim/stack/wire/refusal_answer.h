// How a send API of msgsim's JSON-speaking platforms (Apple's MSP, web and
// in-app transports, BYOC partners) says no, and how the stack reads it:
// the provider's code as the HTTP status when it is one (400..599), else
// 400, with the body {"code":N,"message":"..."} so a code that is not an
// HTTP status (and any code, exactly) survives the trip. Pure functions.
#pragma once

#include <string_view>

#include "sim/stack/wire/http_message.h"

namespace msgsim::stack {

HttpResponse refusal_response(int code, std::string_view message);

// The provider's code of a non-2xx answer: the body's integer "code" when
// the body is a JSON object carrying one, else the HTTP status.
int refusal_code(const HttpResponse& response);

}  // namespace msgsim::stack
