// One CSV field written as RFC 4180 says: quoted when it holds a comma, a quote or a
// line break (ids and names are the user's and may hold anything an input CSV could
// quote). Shared by every command and report that writes CSV.
#pragma once

#include <string>
#include <string_view>

namespace minsheng {

void AppendCsvField(std::string& out, std::string_view field);

}  // namespace minsheng
