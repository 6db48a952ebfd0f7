// The stack-side codec of each channel type (one source file each).
#pragma once

#include <memory>

#include "sim/stack/wire/stack_wire_codec.h"

namespace msgsim::stack {

// One declaration per channel type, added with its codec.
std::unique_ptr<StackWireCodec> make_apple_wire_codec();
std::unique_ptr<StackWireCodec> make_line_wire_codec();
std::unique_ptr<StackWireCodec> make_web_wire_codec();
std::unique_ptr<StackWireCodec> make_in_app_wire_codec();
std::unique_ptr<StackWireCodec> make_byoc_wire_codec();
std::unique_ptr<StackWireCodec> make_byoc_ccaas_wire_codec();
std::unique_ptr<StackWireCodec> make_sms_wire_codec();
std::unique_ptr<StackWireCodec> make_whatsapp_wire_codec();
std::unique_ptr<StackWireCodec> make_messenger_wire_codec();

}  // namespace msgsim::stack
