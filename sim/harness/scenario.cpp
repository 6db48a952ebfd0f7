// The spellings of the scenario model's enums, as written in scenario files
// (spec/scenario-format.md). One table per enum, in declaration order.
#include "sim/harness/scenario.h"

namespace msgsim::harness {

namespace {

constexpr EnumName<CapacityModel> kCapacityModels[] = {
    {CapacityModel::kTabBased, "tab_based"},
    {CapacityModel::kStatusBased, "status_based"},
};
constexpr EnumName<ConsentRevocation> kConsentRevocations[] = {
    {ConsentRevocation::kKeywords, "keywords"},
    {ConsentRevocation::kFcc, "fcc"},
};
constexpr EnumName<IdentityPolicy> kIdentityPolicies[] = {
    {IdentityPolicy::kStrict, "strict"},
    {IdentityPolicy::kVerified, "verified"},
    {IdentityPolicy::kPhoneEmail, "phone_email"},
    {IdentityPolicy::kNone, "none"},
};
constexpr EnumName<RoutingModel> kRoutingModels[] = {
    {RoutingModel::kMostAvailable, "most_available"},
    {RoutingModel::kLeastActive, "least_active"},
    {RoutingModel::kExternal, "external"},
};
constexpr EnumName<ChannelType> kChannelTypes[] = {
    {ChannelType::kSms, "sms"},         {ChannelType::kWhatsapp, "whatsapp"},
    {ChannelType::kMessenger, "messenger"}, {ChannelType::kApple, "apple"},
    {ChannelType::kLine, "line"},       {ChannelType::kWeb, "web"},
    {ChannelType::kInApp, "in_app"},    {ChannelType::kByoc, "byoc"},
    {ChannelType::kByocCcaas, "byoc_ccaas"},
};
constexpr EnumName<ConsentLevelRequired> kConsentLevels[] = {
    {ConsentLevelRequired::kImplicit, "implicit"},
    {ConsentLevelRequired::kExplicit, "explicit"},
    {ConsentLevelRequired::kDouble, "double"},
};
constexpr EnumName<KeywordPack> kKeywordPacks[] = {
    {KeywordPack::kDefault, "default"}, {KeywordPack::kTwilio, "twilio"},
    {KeywordPack::kAws, "aws"},         {KeywordPack::kTollFree, "toll_free"},
    {KeywordPack::kNone, "none"},
};
constexpr EnumName<Owner> kOwners[] = {
    {Owner::kPlatform, "platform"},
    {Owner::kPartner, "partner"},
};
constexpr EnumName<WireMode> kWireModes[] = {
    {WireMode::kTyped, "typed"},
    {WireMode::kJson, "json"},
};
constexpr EnumName<PresenceStatus> kPresenceStatuses[] = {
    {PresenceStatus::kOnline, "online"},
    {PresenceStatus::kBusy, "busy"},
    {PresenceStatus::kAway, "away"},
    {PresenceStatus::kOffline, "offline"},
};
constexpr EnumName<AllowExistingSession> kAllowExistingSessions[] = {
    {AllowExistingSession::kAny, "any"},
    {AllowExistingSession::kClosed, "closed"},
    {AllowExistingSession::kNonActive, "non_active"},
};
constexpr EnumName<TemplateCategory> kTemplateCategories[] = {
    {TemplateCategory::kMarketing, "marketing"},
    {TemplateCategory::kUtility, "utility"},
    {TemplateCategory::kAuthentication, "authentication"},
};
constexpr EnumName<PreferredAgent> kPreferredAgents[] = {
    {PreferredAgent::kNone, "none"},
    {PreferredAgent::kLast, "last"},
    {PreferredAgent::kLastRequired, "last_required"},
};
constexpr EnumName<KeywordMatch> kKeywordMatches[] = {
    {KeywordMatch::kSingleWordCaseInsensitive, "single_word_case_insensitive"},
    {KeywordMatch::kExactCaseSensitive, "exact_case_sensitive"},
    {KeywordMatch::kIgnorePunctuation, "ignore_punctuation"},
};
constexpr EnumName<ArrivalKind> kArrivalKinds[] = {
    {ArrivalKind::kPoisson, "rate"},
    {ArrivalKind::kCount, "count"},
    {ArrivalKind::kAt, "at"},
};
constexpr EnumName<StepAction> kStepActions[] = {
    {StepAction::kSend, "send"},
    {StepAction::kExpect, "expect"},
    {StepAction::kVerify, "verify"},
    {StepAction::kDeleteConversation, "delete_conversation"},
    {StepAction::kBlock, "block"},
    {StepAction::kClearDevice, "clear_device"},
};
constexpr EnumName<CompareOp> kCompareOps[] = {
    {CompareOp::kMin, "min"},
    {CompareOp::kMax, "max"},
    {CompareOp::kEquals, "equals"},
};

}  // namespace

template <> std::span<const EnumName<CapacityModel>> enum_names() { return kCapacityModels; }
template <> std::span<const EnumName<ConsentRevocation>> enum_names() { return kConsentRevocations; }
template <> std::span<const EnumName<IdentityPolicy>> enum_names() { return kIdentityPolicies; }
template <> std::span<const EnumName<RoutingModel>> enum_names() { return kRoutingModels; }
template <> std::span<const EnumName<ChannelType>> enum_names() { return kChannelTypes; }
template <> std::span<const EnumName<ConsentLevelRequired>> enum_names() { return kConsentLevels; }
template <> std::span<const EnumName<KeywordPack>> enum_names() { return kKeywordPacks; }
template <> std::span<const EnumName<Owner>> enum_names() { return kOwners; }
template <> std::span<const EnumName<WireMode>> enum_names() { return kWireModes; }
template <> std::span<const EnumName<PresenceStatus>> enum_names() { return kPresenceStatuses; }
template <> std::span<const EnumName<AllowExistingSession>> enum_names() { return kAllowExistingSessions; }
template <> std::span<const EnumName<TemplateCategory>> enum_names() { return kTemplateCategories; }
template <> std::span<const EnumName<KeywordMatch>> enum_names() { return kKeywordMatches; }
template <> std::span<const EnumName<PreferredAgent>> enum_names() { return kPreferredAgents; }
template <> std::span<const EnumName<ArrivalKind>> enum_names() { return kArrivalKinds; }
template <> std::span<const EnumName<StepAction>> enum_names() { return kStepActions; }
template <> std::span<const EnumName<CompareOp>> enum_names() { return kCompareOps; }

const char* to_string(ChannelType type) { return enum_name(type); }

}  // namespace msgsim::harness
