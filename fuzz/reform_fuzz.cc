// Fuzz target for reforms (policy/reform.h): ParseReform (the literate scan, the YAML
// blocks, the `reform:` block and the definitions, read as a pack reads them) and, when
// the input parses, ApplyReform to the bundled Wudi pack (dates against `from`, units and
// kinds against the pack's, formulas checked against the reformed pack); and, when either
// refuses, FormatReformDiagnostic. Any input may be refused; none may crash, leak, make
// either report an internal error, or touch the baseline, which a simulation runs beside
// the reformed pack (reform.h); and a reformed pack must hold what the loader promises of
// any pack's formula versions (FormulasHold, below).
//
// The Wudi pack is loaded once per process: loading it is far slower than an input, and
// ApplyReform only reads it, which the checks after each input hold it to. The input is
// parsed under a path that does not exist, so that FormatReformDiagnostic takes the
// reform's branch (the error is in that file) and FormatDiagnostic finds no file there:
// it must fall back to the message. An input never names a file the fuzzer could read.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "policy/loader.h"
#include "policy/reform.h"

namespace {

// Larger inputs only slow the fuzzer down: the parser's limit (8 MiB) is checked before
// parsing and needs no fuzzing.
constexpr size_t kInputMax = 64 << 10;

const std::string kReformPath = "/nonexistent/reform.md";
const std::string kWudi = std::string(MINSHENG_SOURCE_DIR) + "/policies/wudi-2013";

// What the checks after each input compare: cheap figures that any change to the
// baseline's definitions would show — its version, a parameter's dated values (the
// shipped reform replaces them) and a variable's formula versions (a formula reform
// replaces them).
struct Fingerprint {
  std::string version;
  size_t parameters = 0;
  size_t variables = 0;
  size_t deductible_values = 0;
  size_t subsidy_formulas = 0;

  bool operator==(const Fingerprint&) const = default;
};

Fingerprint FingerprintOf(const minsheng::policy::Pack& pack) {
  const minsheng::policy::Parameter* deductible = pack.FindParameter("ncms_township_deductible");
  const minsheng::policy::Variable* subsidy = pack.FindVariable("school_bus_subsidy");
  // A pack without them is not the Wudi pack these checks were written for.
  if (deductible == nullptr || subsidy == nullptr) {
    std::fprintf(stderr, "%s: not the pack the reform fuzzer expects\n", kWudi.c_str());
    std::abort();
  }
  return {.version = pack.version,
          .parameters = pack.parameters.size(),
          .variables = pack.variables.size(),
          .deductible_values = deductible->values.size(),
          .subsidy_formulas = subsidy->formulas.size()};
}

// The fixture: a failure here is the checkout's, not the reform code's: stop loudly
// rather than fuzz without a baseline.
const minsheng::policy::Pack& Wudi() {
  static const minsheng::policy::Pack* const pack = [] {
    minsheng::Result<minsheng::policy::Pack> loaded = minsheng::policy::LoadAndCheckPack(kWudi);
    if (!loaded.ok()) {
      std::fprintf(stderr, "%s\n",
                   minsheng::policy::FormatDiagnostic(loaded.status(), kWudi).c_str());
      std::abort();
    }
    return new minsheng::policy::Pack(std::move(loaded).value());
  }();
  return *pack;
}

// What the loader promises of every pack's formula versions, which a reformed pack must
// keep: each checked (CheckPack sets its expression), and each in force on some day (no
// `until` before its `from`), so that a version the reform wrote is never silently dead
// and the variable left at its default.
bool FormulasHold(const minsheng::policy::Pack& pack) {
  for (const minsheng::policy::Variable& variable : pack.variables) {
    for (const minsheng::policy::Formula& formula : variable.formulas) {
      if (formula.expression == nullptr) return false;
      if (formula.from.has_value() && formula.until.has_value() && *formula.until < *formula.from) {
        return false;
      }
    }
  }
  return true;
}

// A refusal must be the user's error (an internal one is a bug), and must format.
void CheckRefusal(const minsheng::Status& status) {
  if (status.code() == minsheng::ErrorCode::kInternal) __builtin_trap();
  const std::string diagnostic =
      minsheng::policy::FormatReformDiagnostic(status, kReformPath, kWudi);
  if (diagnostic.empty()) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > kInputMax) return 0;
  const minsheng::policy::Pack& wudi = Wudi();
  static const Fingerprint baseline = FingerprintOf(wudi);

  const minsheng::Result<minsheng::policy::Reform> reform = minsheng::policy::ParseReform(
      std::string_view(reinterpret_cast<const char*>(data), size), kReformPath);
  if (!reform.ok()) {
    CheckRefusal(reform.status());
    return 0;
  }
  const minsheng::Result<minsheng::policy::ReformedPack> reformed =
      minsheng::policy::ApplyReform(wudi, *reform);
  if (!(FingerprintOf(wudi) == baseline)) __builtin_trap();
  if (!reformed.ok()) {
    CheckRefusal(reformed.status());
    return 0;
  }
  // Every definition the reform gives is a change; the reformed pack is a new version.
  if (reformed->changes.size() != reform->parameters.size() + reform->variables.size()) {
    __builtin_trap();
  }
  if (reformed->pack.version == baseline.version) __builtin_trap();
  if (!FormulasHold(reformed->pack)) __builtin_trap();
  return 0;
}
