// Test helpers for the HTML pages minsheng writes (header-only; not part of the library):
// the county report, the fund projection, the reform simulation.
#pragma once

#include <algorithm>
#include <regex>
#include <string>
#include <vector>

namespace minsheng::report::testing {

// Checks that elements nest: every opening tag is closed, in order (void and self-closing
// elements aside; the style sheet's text is left out). "" when they do, else the first
// problem.
inline std::string NestingProblem(std::string html) {
  const size_t style = html.find("<style>");
  if (style != std::string::npos) html.erase(style, html.find("</style>") + 8 - style);
  const std::regex tag(R"(<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(/?)>)");
  const std::vector<std::string> void_elements = {"meta", "br", "hr", "img", "link"};
  std::vector<std::string> open;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), tag); it != std::sregex_iterator();
       ++it) {
    const std::string name = (*it)[2];
    const bool is_void =
        std::find(void_elements.begin(), void_elements.end(), name) != void_elements.end();
    if ((*it)[3] == "/" || is_void) continue;
    if ((*it)[1] == "") {
      open.push_back(name);
    } else if (open.empty() || open.back() != name) {
      return "</" + name + "> closes " + (open.empty() ? "nothing" : "<" + open.back() + ">");
    } else {
      open.pop_back();
    }
  }
  return open.empty() ? "" : "unclosed <" + open.back() + ">";
}

}  // namespace minsheng::report::testing
