#include "sim/stack/consent/consent_settings.h"

namespace msgsim::stack {

namespace {
const ConsentLanguageSettings* language_at(const ChannelConsentSettings& settings, ConsentLanguageIndex index) {
  return index == 0 || index > settings.languages.size() ? nullptr : &settings.languages[index - 1u];
}
}  // namespace

const std::string& ChannelConsentSettings::opt_out_text(ConsentLanguageIndex index) const {
  const ConsentLanguageSettings* language = language_at(*this, index);
  return language != nullptr && language->opt_out_response ? *language->opt_out_response : opt_out_response;
}

const std::optional<std::string>& ChannelConsentSettings::opt_in_text(ConsentLanguageIndex index) const {
  const ConsentLanguageSettings* language = language_at(*this, index);
  return language != nullptr && language->opt_in_response ? language->opt_in_response : opt_in_response;
}

const std::string& ChannelConsentSettings::double_opt_in_prompt_text(ConsentLanguageIndex index) const {
  const ConsentLanguageSettings* language = language_at(*this, index);
  return language != nullptr && language->double_opt_in_prompt ? *language->double_opt_in_prompt
                                                                : double_opt_in_prompt;
}

const std::optional<std::string>& ChannelConsentSettings::help_text(ConsentLanguageIndex index) const {
  const ConsentLanguageSettings* language = language_at(*this, index);
  return language != nullptr && language->help_response ? language->help_response : help_response;
}

}  // namespace msgsim::stack
