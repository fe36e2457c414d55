// PackBuilder: reads the YAML definitions of a pack's ```minsheng blocks into a Pack.
//
// The loader hands it every block in file order; it checks each definition as it reads it
// (names, keys, units, dates, sources) and, in Finish, what spans blocks and files: the
// `pack:` block given once, the entities variables belong to, the money variables
// programs and stages pay. The format is in docs/packs.md ("Definitions", "Claims and
// stages"). Errors carry the
// pack-relative file:line:column. Formulas are kept as text with their location;
// CheckPack parses them. Thread-compatible. Internal to the policy capability.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"
#include "policy/pack.h"
#include "policy/reform.h"
#include "policy/yaml_block.h"

namespace minsheng::policy {

// The file that must hold the `pack:` block.
inline constexpr const char* kPackFileName = "pack.md";

class PackBuilder {
 public:
  enum class Kind {
    kPack,    // a pack's files: `pack:` (in pack.md), entities, parameters, variables,
              // programs, stages
    kReform,  // a reform file (reform.h): `reform:` once, parameters and variables
  };
  explicit PackBuilder(Kind kind = Kind::kPack) : kind_(kind) {}

  // Reads one block's definitions. Only a block of pack.md may hold `pack:`.
  Status AddBlock(const YamlBlock& block, bool is_pack_file);

  // Completes the pack after the last block: default entities when none was defined,
  // and the checks between definitions. Leaves the builder empty.
  Result<Pack> Finish();

  // Completes a reform after the last block: its `reform:` block must have been given.
  // Its definitions are checked against the pack they change by ApplyReform, not here.
  // Leaves the builder empty.
  Result<Reform> FinishReform();

 private:
  // What the definitions' own structs do not keep but Finish needs, to place its errors.
  struct ProgramNotes {
    SourceLocation variable_location;
    std::optional<Rounding> rounding;
    SourceLocation rounding_location;
  };
  struct StageNotes {
    SourceLocation variable_location;
  };

  Status ReadSection(const YamlBlock& yaml, const YamlEntry& section, bool is_pack_file);
  Status ReadPackBlock(const YamlBlock& yaml, const YamlEntry& entry, bool is_pack_file);
  Status ReadReformBlock(const YamlBlock& yaml, const YamlEntry& entry);
  Status ReadEntity(const YamlBlock& yaml, const YamlEntry& definition);
  Status ReadParameter(const YamlBlock& yaml, const YamlEntry& definition);
  Status ReadPlainValues(const YamlBlock& yaml, const std::vector<YamlEntry>& entries,
                         Parameter& parameter);
  Status ReadScale(const YamlBlock& yaml, const std::vector<YamlEntry>& entries,
                   Parameter& parameter);
  Result<ScaleVersion> ReadScaleVersion(const YamlBlock& yaml, const YamlEntry& dated,
                                        const Parameter& parameter);
  Status ReadVariable(const YamlBlock& yaml, const YamlEntry& definition);
  Status ReadVariableValue(const YamlBlock& yaml, const std::vector<YamlEntry>& entries,
                           Variable& variable);
  Status ReadFormulas(const YamlBlock& yaml, const std::vector<YamlEntry>& entries,
                      Variable& variable);
  Status ReadProgram(const YamlBlock& yaml, const YamlEntry& definition);
  Status ReadStage(const YamlBlock& yaml, const YamlEntry& definition);
  // A stage's `order:`, which no other stage of the pack may have.
  Result<int> ReadStageOrder(const YamlBlock& yaml, const YamlEntry& entry, const Stage& stage);

  // A definition's name, its place, and how errors name it ("parameter 'fare'").
  struct DefinitionName {
    std::string name;
    SourceLocation location;
    std::string what;
  };
  // Checks a definition's name, that it is new among its kind, and the pack's limit on
  // definitions; records where it is.
  Result<DefinitionName> NameDefinition(const YamlBlock& yaml, const YamlEntry& definition,
                                        std::map<std::string, SourceLocation>& names,
                                        const std::string& kind);

  Status FinishEntities();
  Status FinishVariables();
  Status FinishPrograms();
  Status FinishStages();
  // The variable a program or stage pays, which must be defined and money (and of
  // `entity` when not empty); hints come from the money variables (of that entity).
  Result<Variable*> PaidVariable(const std::string& what, const std::string& name,
                                 const SourceLocation& location, std::string_view entity);

  Kind kind_;
  Pack pack_;
  std::optional<SourceLocation> pack_block_location_;
  Reform reform_;  // a reform's `reform:` block (pack_block_location_ marks it read)
  size_t definition_count_ = 0;
  std::map<std::string, SourceLocation> entity_names_, parameter_names_, variable_names_,
      program_names_, stage_names_;
  std::vector<SourceLocation> entity_group_locations_;     // parallel to pack_.entities
  std::vector<SourceLocation> variable_entity_locations_;  // parallel to pack_.variables
  std::vector<ProgramNotes> program_notes_;                // parallel to pack_.programs
  std::vector<StageNotes> stage_notes_;  // parallel to pack_.stages until Finish sorts them
  // Each stage order taken, with its stage's name and where the order is written.
  std::map<int, std::pair<std::string, SourceLocation>> stage_orders_;
  std::map<std::string, SourceLocation> variable_rounding_locations_;  // explicit roundings
};

}  // namespace minsheng::policy
