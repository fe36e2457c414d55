// Escaping, ID-number hiding and number formats for the report (html_text.h).
#include "report/html_text.h"

#include <string>

#include "core/mask.h"
#include "core/money.h"

namespace minsheng::report {
namespace {

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

}  // namespace

std::string EscapeHtml(std::string_view text) {
  std::string escaped;
  escaped.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': escaped += "&amp;"; break;
      case '<': escaped += "&lt;"; break;
      case '>': escaped += "&gt;"; break;
      case '"': escaped += "&quot;"; break;
      case '\'': escaped += "&#39;"; break;
      default: {
        const auto byte = static_cast<unsigned char>(c);
        const bool control = (byte < 0x20 && c != '\t' && c != '\n' && c != '\r') || byte == 0x7F;
        escaped += control ? ' ' : c;
      }
    }
  }
  return escaped;
}

std::string HideIdNumbers(std::string_view text) {
  std::string shown;
  shown.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    if (!IsDigit(text[i])) {
      shown += text[i++];
      continue;
    }
    size_t end = i;
    while (end < text.size() && IsDigit(text[end])) ++end;
    if (end - i < kIdLikeDigitRun) {
      shown.append(text.substr(i, end - i));
    } else {
      // Seventeen digits and an X are an 18-character ID number: the X goes too.
      if (end - i == 17 && end < text.size() && (text[end] == 'X' || text[end] == 'x')) ++end;
      shown += MaskIdNumber(text.substr(i, end - i));
    }
    i = end;
  }
  return shown;
}

std::string PublicText(std::string_view text) {
  return EscapeHtml(HideIdNumbers(text));
}

std::string BilingualText(std::string_view zh, std::string_view en, std::string_view fallback) {
  if (zh.empty() && en.empty()) return EscapeHtml(fallback);
  if (en.empty()) return PublicText(zh);
  if (zh.empty()) return PublicText(en);
  return PublicText(zh) + " / " + PublicText(en);
}

std::string YuanText(int64_t fen) {
  return Money::FromFen(fen).ToString();
}

std::string CountText(int64_t count) {
  // The magnitude as unsigned, so that the most negative count has one too.
  uint64_t magnitude = count < 0 ? 0 - static_cast<uint64_t>(count) : static_cast<uint64_t>(count);
  std::string digits = std::to_string(magnitude);
  std::string grouped;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped += ',';
    grouped += digits[i];
  }
  return count < 0 ? "-" + grouped : grouped;
}

}  // namespace minsheng::report
