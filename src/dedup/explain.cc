#include "dedup/explain.h"

#include <cstdio>

namespace minsheng::dedup {
namespace {

std::string Signed(double weight) {
  char text[32];
  std::snprintf(text, sizeof text, "%+.2f", weight);
  return text;
}

std::string BirthText(const Record& record) {
  return record.has_birth ? record.birth.ToString() : "";
}

const char* SexText(uint8_t sex) {
  return sex == kSexMale ? "male" : sex == kSexFemale ? "female" : "";
}

// What normalising did to one side's value of a field; empty when nothing.
std::string IdNote(const Record& record) {
  switch (record.id.state) {
    case IdState::kUpgraded: return "15 digits upgraded";
    case IdState::kSuspect: return "check character or date fails";
    case IdState::kMalformed: return "not an ID: " + std::string(record.raw->resident_id);
    default: return "";
  }
}
std::string NameNote(const Record& record) {
  std::string note;
  if (record.name_traditional) note = "traditional " + std::string(record.raw->name);
  if (record.name_reshaped) note += (note.empty() ? "" : ", ") + std::string("spaces or forms folded");
  return note;
}
std::string BirthNote(const Record& record) {
  std::string note;
  if (record.birth_typed) note = "typed " + std::string(record.raw->birth_date);
  if (record.birth_disagrees) {
    note += (note.empty() ? "" : ", ") + std::string("declared ") +
            std::string(record.raw->birth_date) + " differs from the ID";
  }
  if (record.birth_unreadable) note += (note.empty() ? "" : ", ") + std::string("declared date unreadable");
  return note;
}
std::string SexNote(const Record& record) {
  return record.sex_disagrees ? "declared " + std::string(record.raw->sex) + " differs from the ID" : "";
}

std::string JoinNotes(const std::string& left, const std::string& right) {
  std::string note;
  if (!left.empty()) note = "left: " + left;
  if (!right.empty()) note += (note.empty() ? "" : "; ") + std::string("right: ") + right;
  return note;
}

}  // namespace

PairExplanation ExplainPair(const Record& left, const Record& right, const Model& model) {
  PairExplanation explanation;
  const Pattern pattern = Compare(left, right);
  explanation.prior_weight = model.PriorWeight();
  explanation.basis = model.basis;
  explanation.weight = model.Weight(pattern);
  explanation.probability = model.Probability(pattern);
  for (int f = 0; f < kFieldCount; ++f) {
    const auto field = static_cast<Field>(f);
    FieldExplanation line;
    line.field = field;
    line.level = LevelOf(pattern, field);
    line.weight = model.IsMasked(field) ? 0 : model.fields[static_cast<size_t>(f)].weight[line.level];
    switch (field) {
      case kFieldId:
        line.left = left.id.comparable() ? std::string(left.id.text()) : "";
        line.right = right.id.comparable() ? std::string(right.id.text()) : "";
        line.note = JoinNotes(IdNote(left), IdNote(right));
        break;
      case kFieldName:
        line.left = left.name;
        line.right = right.name;
        line.note = JoinNotes(NameNote(left), NameNote(right));
        if (line.level == 2) line.note += (line.note.empty() ? "" : "; ") + std::string("pinyin ") + left.pinyin;
        break;
      case kFieldBirth:
        line.left = BirthText(left);
        line.right = BirthText(right);
        line.note = JoinNotes(BirthNote(left), BirthNote(right));
        break;
      case kFieldSex:
        line.left = SexText(left.sex);
        line.right = SexText(right.sex);
        line.note = JoinNotes(SexNote(left), SexNote(right));
        break;
      case kFieldCounty:
        line.left = left.county == 0 ? "" : std::to_string(left.county);
        line.right = right.county == 0 ? "" : std::to_string(right.county);
        break;
      case kFieldCount: break;
    }
    if (model.IsMasked(field)) {
      line.note += (line.note.empty() ? "" : "; ") + std::string("a key of the rule that found the pair: not weighed");
    }
    explanation.fields.push_back(std::move(line));
  }
  return explanation;
}

std::string FieldCell(const FieldExplanation& field) {
  return std::string(LevelName(field.field, field.level)) + " " + Signed(field.weight);
}

std::string ExplanationText(const PairExplanation& explanation) {
  std::string text = explanation.basis + ": prior " + Signed(explanation.prior_weight);
  for (const FieldExplanation& field : explanation.fields) {
    text += "; " + std::string(FieldName(field.field)) + " " + FieldCell(field);
    std::string detail;
    if (field.level != kLevelMissing && field.left != field.right) detail = field.left + " / " + field.right;
    if (!field.note.empty()) detail += (detail.empty() ? "" : "; ") + field.note;
    if (!detail.empty()) text += " (" + detail + ")";
  }
  char total[64];
  std::snprintf(total, sizeof total, " = %+.2f, probability %.6f", explanation.weight,
                explanation.probability);
  return text + total;
}

}  // namespace minsheng::dedup
