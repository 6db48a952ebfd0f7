// How a send API of msgsim's JSON-speaking platforms (Apple's MSP, web and
// in-app transports, BYOC partners) says no, and how the stack reads it:
// the provider's code as the HTTP status when it is one (400..599), else
// 400, with the body {"code":N,"message":"..."} so a code that is not an
// HTTP status (and any code, exactly) survives the trip. A yes is a JSON
// object naming the new message's id. Pure functions.
#pragma once

#include <string_view>

#include "sim/runtime/status.h"
#include "sim/stack/wire/http_message.h"
#include "sim/stack/wire/wire_events.h"

namespace msgsim::stack {

HttpResponse refusal_response(int code, std::string_view message);

// The provider's code of a non-2xx answer: the body's integer "code" when
// the body is a JSON object carrying one, else the HTTP status.
int refusal_code(const HttpResponse& response);

// The send API's answer: refused with refusal_code for a non-2xx status,
// else accepted with the non-empty string under `id_member` as the message id.
runtime::Result<WireSendAnswer> read_send_answer(const HttpResponse& response, std::string_view id_member);

}  // namespace msgsim::stack
