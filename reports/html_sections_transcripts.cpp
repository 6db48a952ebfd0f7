#include "reports/html_sections_transcripts.h"

#include <string>

#include "reports/html_report.h"

namespace msgsim::reports::html {

namespace {

// Inline, like the page's own style: the page loads nothing.
constexpr const char* kTranscriptStyle =
    "<style>.views{display:grid;grid-template-columns:1fr 1.4fr;gap:16px}"
    ".transcript{margin:12px 0 20px}.transcript h3{margin:0 0 6px;font-size:15px}"
    ".transcript h4{margin:4px 0;font-size:13px;color:#5a6272}.tags{font-weight:400;color:#5a6272;font-size:13px}"
    ".transcript td.detail{white-space:pre-wrap}tr.system td,tr.linked td{color:#5a6272}"
    "tr.linked td{font-style:italic}tr.received td{background:#f0f5ff}</style>\n";

// Simulated seconds always with one decimal, so a column of times lines up.
std::string seconds(const Json& value) { return value.is_number() ? fixed(value.get<double>(), 1) : "n/a"; }

std::string joined(const Json& list, const std::string& separator) {
  std::string out;
  for (const Json& item : list.is_array() ? list : Json::array()) {
    out += (out.empty() ? "" : separator) + (item.is_string() ? item.get<std::string>() : item.dump());
  }
  return out;
}

std::string omitted_note(const Json& count) {
  if (!is_positive(count)) return "";
  return "<p class=\"note\">" + shown(count) + " more lines were not kept: each view is bounded.</p>\n";
}

void customer_view(const Json& conversation, Page& page) {
  page.body += "<div class=\"view customer-view\"><h4>Customer view: what the device sent and received</h4>\n"
               "<table><thead><tr><th>t (s)</th><th class=\"detail\">Direction</th><th class=\"detail\">Text</th>"
               "</tr></thead><tbody>\n";
  const Json& lines = at(conversation, "customer_view");
  for (const Json& line : lines.is_array() ? lines : Json::array()) {
    const std::string direction = text_or(at(line, "direction"), "?");
    const std::string text = direction == "agent_joined" ? "(an agent joined)" : text_or(at(line, "text"), "");
    page.body += "<tr class=\"" + html_escape(direction) + "\"><td>" + seconds(at(line, "t_s")) +
                 "</td><td class=\"detail\">" + html_escape(direction) + "</td><td class=\"detail\">" +
                 html_escape(text) + "</td></tr>\n";
  }
  page.body += "</tbody></table>\n" + omitted_note(at(conversation, "customer_view_omitted")) + "</div>\n";
}

void agent_view(const Json& conversation, Page& page) {
  page.body += "<div class=\"view agent-view\"><h4>Agent view: the transcript in the console</h4>\n"
               "<table><thead><tr><th>t (s)</th><th>Session</th><th class=\"detail\">Channel</th>"
               "<th class=\"detail\">From</th><th class=\"detail\">Text</th></tr></thead><tbody>\n";
  const Json& lines = at(conversation, "agent_view");
  for (const Json& line : lines.is_array() ? lines : Json::array()) {
    const bool linked = at(line, "linked").is_boolean() && at(line, "linked").get<bool>();
    const std::string from = text_or(at(line, "from"), "?");
    const std::string row_class = linked ? "linked" : from == "system" ? "system" : "message";
    page.body += "<tr class=\"" + row_class + "\"><td>" + seconds(at(line, "t_s")) + "</td><td>" +
                 shown(at(line, "session")) + "</td><td class=\"detail\">" +
                 html_escape(text_or(at(line, "channel"), "?")) + (linked ? " (linked)" : "") +
                 "</td><td class=\"detail\">" + html_escape(from) + "</td><td class=\"detail\">" +
                 html_escape(text_or(at(line, "text"), "")) + "</td></tr>\n";
  }
  page.body += "</tbody></table>\n" + omitted_note(at(conversation, "agent_view_omitted")) + "</div>\n";
}

void conversation_article(const Json& conversation, std::size_t number, Page& page) {
  std::string tags = "sessions " + joined(at(conversation, "sessions"), ", ");
  const Json& linked = at(conversation, "linked_channels");
  if (linked.is_array() && !linked.empty()) tags += " · linked with " + joined(linked, ", ");
  const Json& events = at(conversation, "events");
  if (events.is_array() && !events.empty()) tags += " · " + joined(events, ", ");
  page.body += "<article class=\"transcript\" id=\"transcript-" + std::to_string(number) + "\"><h3>" +
               html_escape(text_or(at(conversation, "customer"), "?")) + " on " +
               html_escape(text_or(at(conversation, "channel"), "?")) + " <span class=\"tags\">" + html_escape(tags) +
               "</span></h3>\n<div class=\"views\">\n";
  customer_view(conversation, page);
  agent_view(conversation, page);
  page.body += "</div></article>\n";
}

}  // namespace

void transcripts_section(const PageContext& context, Page& page) {
  const Json& transcripts = at(context.report, "transcripts");
  if (!transcripts.is_array()) return;
  page.body += "<section id=\"transcripts\"><h2>Sampled conversations</h2>\n";
  page.body += kTranscriptStyle;
  if (transcripts.empty()) {
    page.body += "<p class=\"note\">No conversation to show: no customer wrote.</p></section>\n";
    return;
  }
  page.body += "<p class=\"note\">" + std::to_string(transcripts.size()) +
               " conversations of the first replication, chosen as the run went: the first customers to write on "
               "each channel, and one with a transfer or a consent keyword when there was one. Customer view: what "
               "the customer's device sent and received. Agent view: the transcript as the agent console shows it, "
               "with routing events and, in italics, the messages of the contact's other conversations once "
               "identity linked them. Phone numbers and e-mail addresses in texts are masked unless the run used "
               "--show-pii.</p>\n";
  std::size_t number = 0;
  for (const Json& conversation : transcripts) conversation_article(conversation, ++number, page);
  page.body += "</section>\n";
}

}  // namespace msgsim::reports::html
