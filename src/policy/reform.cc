// LoadReform reads a reform file with the pack loader's pieces (the literate scan, the
// strict YAML reader, the PackBuilder's definitions); ApplyReform splices its dated
// versions into a copy of the pack and checks the result (reform.h).
#include "policy/reform.h"

#include <algorithm>
#include <filesystem>
#include <iterator>

#include "policy/check.h"
#include "policy/definitions.h"
#include "policy/expression.h"
#include "policy/loader.h"
#include "policy/markdown.h"
#include "policy/source_text.h"
#include "policy/yaml_block.h"

namespace minsheng::policy {
namespace {

namespace fs = std::filesystem;

std::string Quoted(std::string_view text) { return "'" + std::string(text) + "'"; }

std::string Fnv1aHex(std::string_view bytes) {
  Fnv1a hash;
  hash.Add(bytes);
  return hash.Hex();
}

Result<std::string> ReadReformFile(const std::string& path) {
  return ReadFileAtMost(path, kPackBytesMax,
                        "the reform '" + path + "' is larger than " + std::to_string(kPackBytesMax >> 20) + " MiB");
}

Date DayBefore(Date date) { return date.AddDays(-1); }

// Keeps the pack's dated entries (values, scale versions) that start before `cut`, ending
// them the day before it, and adds the reform's.
template <typename Dated>
void ReplaceFrom(std::vector<Dated>& kept, const std::vector<Dated>& added, Date cut) {
  std::erase_if(kept, [cut](const Dated& dated) { return dated.from >= cut; });
  for (Dated& dated : kept) {
    if (!dated.until.has_value() || *dated.until >= cut) dated.until = DayBefore(cut);
  }
  kept.insert(kept.end(), added.begin(), added.end());
  std::stable_sort(kept.begin(), kept.end(), [](const Dated& a, const Dated& b) { return a.from < b.from; });
}

// The first date of a parameter's values or versions, with where it is written.
std::pair<Date, SourceLocation> FirstDate(const Parameter& parameter) {
  if (parameter.is_scale) return {parameter.versions.front().from, parameter.versions.front().location};
  return {parameter.values.front().from, parameter.values.front().location};
}

Status ApplyParameter(Pack& pack, const Reform& reform, const Parameter& changed,
                      std::vector<ReformChange>& changes) {
  const std::string what = "parameter " + Quoted(changed.name);
  const auto [first, first_location] = FirstDate(changed);
  if (first < reform.from) {
    return InvalidArgument(what + " takes a value from " + first.ToString() + ", before the reform's `from` (" +
                           reform.from.ToString() + ")")
        .At(first_location);
  }
  auto existing = std::find_if(pack.parameters.begin(), pack.parameters.end(),
                               [&](const Parameter& p) { return p.name == changed.name; });
  if (existing == pack.parameters.end()) {
    pack.parameters.push_back(changed);
    changes.push_back({"parameter", changed.name, true});
    return Status::Ok();
  }
  Parameter& parameter = *existing;
  if (parameter.is_scale != changed.is_scale) {
    return InvalidArgument(what + " is a " + (parameter.is_scale ? "scale" : "plain parameter") +
                           " in the pack (" + parameter.location.ToString() + "); the reform must give " +
                           (parameter.is_scale ? "`brackets:`" : "`values:`"))
        .At(changed.location);
  }
  if (!parameter.is_scale && parameter.unit != changed.unit) {
    return InvalidArgument(what + " is " + TypeName(parameter.unit) + " in the pack, not " + TypeName(changed.unit))
        .At(changed.location);
  }
  if (parameter.is_scale &&
      (parameter.scale_kind != changed.scale_kind || parameter.threshold_unit != changed.threshold_unit ||
       parameter.result_unit != changed.result_unit)) {
    return InvalidArgument(what + " is another kind of scale in the pack (" + parameter.location.ToString() +
                           "): the reform must keep its `scale`, `threshold` and `result`")
        .At(changed.location);
  }
  if (parameter.is_scale) {
    ReplaceFrom(parameter.versions, changed.versions, first);
  } else {
    ReplaceFrom(parameter.values, changed.values, first);
  }
  // The reformed values cite the reform's text; the titles stay unless the reform gives its own.
  parameter.source = changed.source;
  parameter.assumption = changed.assumption;
  if (!changed.title_zh.empty()) parameter.title_zh = changed.title_zh;
  if (!changed.title_en.empty()) parameter.title_en = changed.title_en;
  changes.push_back({"parameter", changed.name, false});
  return Status::Ok();
}

Status ApplyVariable(Pack& pack, const Reform& reform, const Variable& written,
                     std::vector<ReformChange>& changes) {
  const std::string what = "variable " + Quoted(written.name);
  if (written.is_input || written.formulas.empty()) {
    return InvalidArgument(what + ": a reform changes how a variable is computed; give `formula:` or `formulas:`")
        .At(written.location);
  }
  Variable changed = written;
  // A formula without a start is the reform's from its `from`.
  for (Formula& formula : changed.formulas) {
    if (!formula.from.has_value()) {
      formula.from = reform.from;
      // The loader refuses `until` before `from` only when both are written; one ending
      // before the reform starts would never be in force, and the variable would fall to
      // its default from the reform on without a word.
      if (formula.until.has_value() && *formula.until < reform.from) {
        return InvalidArgument(what + " has a formula until " + formula.until->ToString() +
                               ", before the reform's `from` (" + reform.from.ToString() +
                               "), on which a formula without `from:` starts")
            .At(formula.location);
      }
    }
    if (*formula.from < reform.from) {
      return InvalidArgument(what + " has a formula from " + formula.from->ToString() +
                             ", before the reform's `from` (" + reform.from.ToString() + ")")
          .At(formula.location);
    }
  }
  std::stable_sort(changed.formulas.begin(), changed.formulas.end(),
                   [](const Formula& a, const Formula& b) { return *a.from < *b.from; });
  const Date cut = *changed.formulas.front().from;

  auto existing = std::find_if(pack.variables.begin(), pack.variables.end(),
                               [&](const Variable& v) { return v.name == changed.name; });
  if (existing == pack.variables.end()) {
    if (pack.FindEntity(changed.entity) == nullptr) {
      return InvalidArgument(what + " belongs to entity " + Quoted(changed.entity) + ", which the pack does not define")
          .At(changed.location);
    }
    pack.variables.push_back(std::move(changed));
    changes.push_back({"variable", written.name, true});
    return Status::Ok();
  }
  Variable& variable = *existing;
  if (variable.is_input) {
    return InvalidArgument(what + " is an input of the pack (" + variable.location.ToString() +
                           "): a reform changes rules, not the data they read")
        .At(changed.location);
  }
  const bool same_enum = variable.type != Type::kEnum ||
                         (variable.enum_type && changed.enum_type &&
                          variable.enum_type->values == changed.enum_type->values);
  if (variable.entity != changed.entity || variable.period != changed.period || variable.type != changed.type ||
      !same_enum) {
    return InvalidArgument(what + " is a " + TypeName(variable.type) + " of " + variable.entity + " by " +
                           PeriodUnitName(variable.period) + " in the pack (" + variable.location.ToString() +
                           "): the reform must keep its entity, period and type" +
                           (variable.type == Type::kEnum ? " and values" : ""))
        .At(changed.location);
  }
  std::vector<Formula>& kept = variable.formulas;
  std::erase_if(kept, [cut](const Formula& f) { return f.from.has_value() && *f.from >= cut; });
  for (Formula& formula : kept) {
    if (!formula.until.has_value() || *formula.until >= cut) formula.until = DayBefore(cut);
  }
  std::erase_if(kept, [](const Formula& f) { return f.from.has_value() && *f.until < *f.from; });
  kept.insert(kept.end(), changed.formulas.begin(), changed.formulas.end());
  std::stable_sort(kept.begin(), kept.end(), [](const Formula& a, const Formula& b) {
    return a.from.value_or(Date()) < b.from.value_or(Date());
  });
  variable.source = changed.source;
  variable.assumption = changed.assumption;
  changes.push_back({"variable", written.name, false});
  return Status::Ok();
}

}  // namespace

Result<Reform> LoadReform(const std::string& path) {
  Result<std::string> bytes = ReadReformFile(path);
  if (!bytes.ok()) return bytes.status();
  return ParseReform(*bytes, path);
}

Result<Reform> ParseReform(std::string_view text, const std::string& path) {
  if (text.size() > kPackBytesMax) {
    return InvalidArgument("the reform '" + path + "' is larger than " + std::to_string(kPackBytesMax >> 20) + " MiB");
  }
  Status utf8 = CheckUtf8(text, path);
  if (!utf8.ok()) return utf8;
  std::vector<std::string> lines = SplitLines(text);
  Result<std::vector<MinshengBlock>> blocks = ScanMarkdown(lines, path);
  if (!blocks.ok()) return blocks.status();
  PackBuilder builder(PackBuilder::Kind::kReform);
  for (const MinshengBlock& block : *blocks) {
    Result<YamlBlock> yaml = YamlBlock::Parse(path, lines, block);
    if (!yaml.ok()) return yaml.status();
    Status added = builder.AddBlock(*yaml, false);
    if (!added.ok()) return added;
  }
  Result<Reform> reform = builder.FinishReform();
  if (!reform.ok()) return reform.status().At(SourceLocation::InText(path, 1, 1));
  if (reform->parameters.empty() && reform->variables.empty()) {
    return InvalidArgument("the reform changes nothing: give `parameters:` or `variables:`")
        .At(reform->from_location);
  }
  reform->file = path;
  reform->version = Fnv1aHex(text);
  reform->lines = std::move(lines);
  return reform;
}

Result<ReformedPack> ApplyReform(const Pack& baseline, const Reform& reform) {
  ReformedPack reformed{.pack = baseline, .changes = {}};
  Pack& pack = reformed.pack;
  for (const Parameter& parameter : reform.parameters) {
    Status status = ApplyParameter(pack, reform, parameter, reformed.changes);
    if (!status.ok()) return status;
  }
  for (const Variable& variable : reform.variables) {
    Status status = ApplyVariable(pack, reform, variable, reformed.changes);
    if (!status.ok()) return status;
  }
  pack.file_lines[reform.file] = reform.lines;
  Status checked = CheckPack(pack);
  if (!checked.ok()) return checked;
  pack.version = Fnv1aHex(baseline.version + "+" + reform.version);
  return reformed;
}

std::string FormatReformDiagnostic(const Status& status, const std::string& reform_path,
                                   const std::string& pack_directory) {
  const SourceLocation& location = status.location();
  if (location.file != reform_path) return FormatDiagnostic(status, pack_directory);
  // FormatDiagnostic shows a line of a file named relative to a folder.
  SourceLocation in_folder = location;
  const fs::path path(reform_path);
  in_folder.file = path.filename().string();
  return FormatDiagnostic(Status(status.code(), status.message()).At(in_folder), path.parent_path().string());
}

}  // namespace minsheng::policy
