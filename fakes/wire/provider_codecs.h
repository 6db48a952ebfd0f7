// The provider-side codec of each platform (one source file each).
#pragma once

#include <memory>

#include "fakes/wire/provider_wire_codec.h"

namespace msgsim::fakes {

// One declaration per channel type, added with its codec.
std::unique_ptr<ProviderWireCodec> make_twilio_sms_codec();
std::unique_ptr<ProviderWireCodec> make_meta_whatsapp_codec();
std::unique_ptr<ProviderWireCodec> make_meta_messenger_codec();
std::unique_ptr<ProviderWireCodec> make_apple_codec();
std::unique_ptr<ProviderWireCodec> make_line_codec();
std::unique_ptr<ProviderWireCodec> make_web_codec();
std::unique_ptr<ProviderWireCodec> make_in_app_codec();
std::unique_ptr<ProviderWireCodec> make_byoc_codec();
std::unique_ptr<ProviderWireCodec> make_byoc_ccaas_codec();

}  // namespace msgsim::fakes
