// The name tables (names.h). Surname shares are approximate for Shandong, in hundredths
// of a percent, and are normalized over the listed surnames, which cover about 83% of
// people there (an assumption drawn from the published national rankings, with Shandong's
// larger shares of 王, 张, 李, 刘 and 孙). Given-name characters follow the fashions of
// three eras, as the commonest names of each decade show.
#include "synth/names.h"

#include <algorithm>
#include <array>
#include <vector>

#include "synth/sampling.h"

namespace minsheng::synth {
namespace {

struct SurnameShare {
  std::string_view surname;
  int share;  // hundredths of a percent
};

constexpr std::array<SurnameShare, 100> kSurnames = {{
    {"王", 940}, {"张", 820}, {"李", 760}, {"刘", 660}, {"孙", 310}, {"杨", 230}, {"赵", 220},
    {"高", 190}, {"陈", 170}, {"徐", 160}, {"马", 150}, {"于", 150}, {"郭", 120}, {"宋", 120},
    {"韩", 110}, {"田", 100}, {"吴", 90},  {"周", 90},  {"朱", 90},  {"石", 80},  {"孟", 80},
    {"崔", 80},  {"董", 80},  {"姜", 80},  {"曹", 70},  {"魏", 70},  {"吕", 70},  {"郑", 70},
    {"贾", 70},  {"任", 60},  {"胡", 60},  {"侯", 60},  {"尹", 55},  {"史", 55},  {"付", 55},
    {"邢", 50},  {"耿", 50},  {"薛", 50},  {"许", 50},  {"袁", 45},  {"冯", 45},  {"谢", 45},
    {"范", 45},  {"邱", 40},  {"彭", 40},  {"程", 40},  {"丁", 40},  {"牛", 40},  {"卢", 40},
    {"梁", 40},  {"黄", 40},  {"林", 35},  {"潘", 35},  {"房", 35},  {"路", 35},  {"杜", 35},
    {"颜", 30},  {"秦", 30},  {"唐", 30},  {"蒋", 30},  {"毕", 30},  {"鲁", 30},  {"阎", 30},
    {"宁", 25},  {"苏", 25},  {"庞", 25},  {"武", 25},  {"贺", 25},  {"闫", 25},  {"葛", 25},
    {"邵", 25},  {"方", 25},  {"倪", 20},  {"岳", 20},  {"常", 20},  {"申", 20},  {"翟", 20},
    {"季", 20},  {"霍", 20},  {"安", 20},  {"祝", 20},  {"焦", 20},  {"齐", 20},  {"仇", 20},
    {"褚", 15},  {"聂", 15},  {"车", 15},  {"商", 15},  {"温", 15},  {"隋", 15},  {"鞠", 15},
    {"刁", 10},  {"佘", 10},  {"綦", 10},  {"逯", 10},  {"桑", 10},  {"邴", 8},   {"蔺", 8},
    {"左", 10},  {"连", 10},
}};

// Given-name characters by era of birth: before about 1965, about 1965–1989, after.
constexpr std::array<std::string_view, 39> kMaleOlder = {
    "国", "建", "明", "德", "福", "永", "庆", "春", "文", "志", "宝", "林", "海",
    "山", "长", "贵", "生", "成", "金", "忠", "顺", "友", "树", "富", "玉", "学",
    "昌", "兴", "祥", "田", "荣", "立", "新", "光", "军", "红", "卫", "东", "华"};
constexpr std::array<std::string_view, 38> kMaleMiddle = {
    "伟", "强", "磊", "军", "勇", "杰", "涛", "明", "超", "刚", "平", "辉", "鹏",
    "华", "飞", "波", "斌", "亮", "健", "峰", "锋", "建", "龙", "海", "林", "东",
    "凯", "宁", "俊", "帅", "猛", "振", "鑫", "晓", "永", "利", "红", "新"};
constexpr std::array<std::string_view, 32> kMaleYoung = {
    "浩", "宇", "轩", "子", "博", "文", "泽", "俊", "豪", "一", "鑫", "杰", "晨", "阳", "睿", "铭",
    "天", "皓", "梓", "嘉", "逸", "辰", "航", "奕", "瑞", "然", "明", "昊", "翔", "凯", "欣", "硕"};
constexpr std::array<std::string_view, 28> kFemaleOlder = {
    "秀", "英", "兰", "桂", "玉", "珍", "凤", "芳", "淑", "荣", "华", "梅", "香", "花",
    "云", "琴", "霞", "翠", "彩", "菊", "爱", "美", "春", "秋", "风", "素", "金", "银"};
constexpr std::array<std::string_view, 28> kFemaleMiddle = {
    "丽", "娜", "敏", "静", "艳", "娟", "霞", "燕", "红", "芳", "玲", "萍", "莉", "梅",
    "杰", "婷", "雪", "慧", "琳", "颖", "晓", "倩", "洁", "晶", "蕾", "丹", "青", "宁"};
constexpr std::array<std::string_view, 28> kFemaleYoung = {
    "欣", "怡", "涵", "萱", "雨", "梓", "诗", "琪", "佳", "悦", "可", "馨", "彤", "妍",
    "若", "语", "晨", "思", "一", "子", "嘉", "璐", "瑶", "菲", "雅", "婧", "曦", "宁"};

// Share of one-character given names by era, in percent (王伟, 李娜 were commonest in the
// middle era).
constexpr std::array<int, 3> kSingleCharacterPercent = {25, 40, 20};

// Village names: a surname with 家 and a settlement word, or a direction or size before a
// surname, or a landscape word; 村 is added unless the name already ends in it.
constexpr std::array<std::string_view, 10> kSettlements = {"庄", "村", "洼", "屯", "寨",
                                                           "铺", "店", "楼", "坊", "集"};
constexpr std::array<std::string_view, 10> kDirections = {"东", "西", "南", "北", "前",
                                                          "后", "大", "小", "上", "下"};
constexpr std::array<std::string_view, 14> kLandscapes = {"海", "盐", "河", "堤", "埕", "碱", "沙",
                                                          "柳", "桑", "杨", "枣", "苇", "石", "泉"};
constexpr std::array<std::string_view, 8> kLandscapeEnds = {"窝", "头", "口", "湾",
                                                            "坡", "台", "园", "沟"};

constexpr std::array<std::string_view, 60> kCommunityWords = {
    "幸福", "和平", "新华", "建设", "胜利", "文化", "育才", "光明", "阳光", "锦绣", "富源", "振兴",
    "丰华", "花园", "翠苑", "康乐", "安居", "惠民", "明珠", "金城", "北海", "南湖", "东城", "西城",
    "中心", "府前", "商城", "车站", "公园", "世纪", "东方", "鑫园", "福苑", "怡景", "颐和", "丽景",
    "新村", "玉泉", "齐鲁", "华侨", "银河", "民主", "团结", "友谊", "解放", "人民", "朝阳", "向阳",
    "青年", "长安", "永安", "兴隆", "广场", "滨河", "学府", "书香", "锦华", "富康", "嘉园", "绿城"};
constexpr std::array<std::string_view, 9> kOrdinals = {"二", "三", "四", "五", "六",
                                                       "七", "八", "九", "十"};

const WeightedTable& SurnameTable() {
  static const WeightedTable table = [] {
    std::vector<uint64_t> weights;
    for (const SurnameShare& entry : kSurnames) {
      weights.push_back(static_cast<uint64_t>(entry.share));
    }
    return WeightedTable(weights);
  }();
  return table;
}

template <size_t N>
std::string_view Pick(Random& random, const std::array<std::string_view, N>& choices) {
  return choices[random.Below(N)];
}

// 0 older, 1 middle, 2 young; fashions blur over a few years either side of a boundary.
int Era(Random& random, int birth_year) {
  const int year = birth_year + static_cast<int>(random.Between(-4, 4));
  return year < 1965 ? 0 : year < 1990 ? 1 : 2;
}

}  // namespace

std::string_view PickSurname(Random& random) {
  return kSurnames[SurnameTable().Pick(random)].surname;
}

std::string GivenName(Random& random, Sex sex, int birth_year) {
  const int era = Era(random, birth_year);
  const auto character = [&]() -> std::string_view {
    if (sex == Sex::kMale) {
      return era == 0   ? Pick(random, kMaleOlder)
             : era == 1 ? Pick(random, kMaleMiddle)
                        : Pick(random, kMaleYoung);
    }
    return era == 0   ? Pick(random, kFemaleOlder)
           : era == 1 ? Pick(random, kFemaleMiddle)
                      : Pick(random, kFemaleYoung);
  };
  std::string name(character());
  if (random.Below(100) < static_cast<uint64_t>(kSingleCharacterPercent[era])) return name;
  std::string_view second = character();
  // Doubled characters (婷婷, 晶晶) are a girls' fashion; for boys draw again.
  if (second == name && sex == Sex::kMale) second = character();
  name += second;
  return name;
}

std::string VillageName(Random& random) {
  // One draw per statement: the order in which the operands of + are evaluated is
  // unspecified, and compilers differ, so draws inside one expression could swap.
  std::string name;
  switch (random.Below(4)) {
    case 0: {  // 张家庄
      name = std::string(PickSurname(random)) + "家";
      name += Pick(random, kSettlements);
      break;
    }
    case 1: {  // 前刘, 东王庄
      name = std::string(Pick(random, kDirections));
      name += PickSurname(random);
      if (random.Below(2) == 0) name += Pick(random, kSettlements);
      break;
    }
    case 2: {  // 王集, 刘庄
      name = std::string(PickSurname(random));
      name += Pick(random, kSettlements);
      break;
    }
    default: {  // 盐窝, 柳沟
      name = std::string(Pick(random, kLandscapes));
      name += Pick(random, kLandscapeEnds);
      break;
    }
  }
  if (!name.ends_with("村")) name += "村";
  return name;
}

std::string CommunityName(int first, int index) {
  const auto count = static_cast<int>(kCommunityWords.size());
  std::string name(kCommunityWords[static_cast<size_t>((first + index) % count)]);
  const int round = index / count;
  if (round > 0) name += kOrdinals[static_cast<size_t>(std::min(round - 1, 8))];
  return name + "社区";
}

}  // namespace minsheng::synth
