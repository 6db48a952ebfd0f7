#include "sim/live/serve/console_assets.h"

#include <map>
#include <string_view>

namespace msgsim::live {

namespace {

struct EmbeddedFile {
  std::string_view name;
  std::string_view bytes;
};

constexpr EmbeddedFile kConsoleFiles[] = {
#include "sim/live/console_files.inc"
};

}  // namespace

StaticFiles console_files() {
  std::map<std::string, StaticFiles::File> files;
  for (const EmbeddedFile& file : kConsoleFiles) {
    files.emplace(std::string(file.name),
                  StaticFiles::File{std::string(content_type_for_path(file.name)), std::string(file.bytes)});
  }
  return StaticFiles::from_map(std::move(files));
}

}  // namespace msgsim::live
