// A reform: a change to a pack's rules from a date, written as a small literate file in
// the pack format (docs/simulate.md, "Reforms") — the draft notice quoted paragraph by
// paragraph, each followed by a ```minsheng block:
//
//   reform: {id: township-2012, title: {zh: …, en: …}, from: 2012-08-01}
//   parameters:   each a whole parameter definition, as in a pack
//   variables:    each a whole variable definition with its formula(s)
//
// A definition whose name the pack has replaces the pack's values, scale versions or
// formula versions from its own first date on (which must be on or after `from`); one the
// pack does not have is added. ApplyReform makes a new, checked Pack and never touches the
// baseline: a simulation runs the two side by side, each with its own engine and cache.
// Thread-compatible; a loaded Reform is immutable.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/status.h"
#include "policy/pack.h"

namespace minsheng::policy {

struct Reform {
  std::string id;  // lowercase letters, digits and -
  std::string title_zh, title_en;
  Date from;                     // the date the reform takes effect
  SourceLocation from_location;  // where `from:` is written
  Source source;                 // the quote above the `reform:` block, if any
  std::string file;     // the file's name, as the definitions' locations give it
  std::string version;  // 16 hex digits: FNV-1a of the file's bytes
  std::vector<std::string> lines;  // the file's lines, for errors and explanations
  std::vector<Parameter> parameters;  // as written in the file
  std::vector<Variable> variables;
};

// Reads a reform file. Errors carry file:line:column, the file named by the path as given
// (FormatReformDiagnostic shows the line).
Result<Reform> LoadReform(const std::string& path);

// The same for a reform's text, its errors naming `file` (for tests and fuzzing).
Result<Reform> ParseReform(std::string_view text, const std::string& file);

// What a reform did to one definition of the pack.
struct ReformChange {
  std::string kind;  // "parameter", "variable"
  std::string name;
  bool added = false;  // new to the pack, rather than replacing its versions from a date
};

// The baseline with the reform applied and checked (CheckPack), and what changed. Errors
// (at the reform's file:line:column): a definition dated before `from`; a parameter whose
// unit, or scale kind, threshold or result differs from the pack's; a variable whose
// entity, period, type or enum values differ, or that is an input of the pack or made an
// input by the reform; a formula that does not check against the reformed pack.
struct ReformedPack {
  Pack pack;  // version: FNV-1a of the baseline's version and the reform's
  std::vector<ReformChange> changes;
};
Result<ReformedPack> ApplyReform(const Pack& baseline, const Reform& reform);

// An error of LoadReform or ApplyReform for a person: at the reform's line when it is the
// reform's, at the pack's (FormatDiagnostic) otherwise.
std::string FormatReformDiagnostic(const Status& status, const std::string& reform_path,
                                   const std::string& pack_directory);

}  // namespace minsheng::policy
