// LoadPack: reads a policy pack folder into a Pack (pack.h), without checking formulas
// (CheckPack does that). LoadAndCheckPack does both.
//
// pack.md holds the metadata (a ```minsheng block with id, name_zh, name_en, region,
// sources) and may hold definitions too; every other .md file holds definitions; each
// ```minsheng block's definitions take the blockquote just above the block as their
// source. Errors carry the pack-relative file:line:column (YAML positions are mapped back
// to the .md file). Nothing is kept from a pack that fails to load.
#pragma once

#include <string>

#include "core/status.h"
#include "policy/pack.h"

namespace minsheng::policy {

Result<Pack> LoadPack(const std::string& directory);
Result<Pack> LoadAndCheckPack(const std::string& directory);

// Renders an error for a person: "DIR/file:line:column: message", then the offending
// line (read again from the pack folder) and a caret under the column, when the location
// names a file of the pack; otherwise just status.ToString().
std::string FormatDiagnostic(const Status& status, const std::string& pack_directory);

}  // namespace minsheng::policy
