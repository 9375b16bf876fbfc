// Runs every case of the npm csv-spectrum suite (node_modules/csv-spectrum: csvs/*.csv against json/*.json).
//
// Upstream erratum (csv-spectrum 2.0.0): location_coordinates.json expects "Contact Phone Number"
// "1234567890" while the CSV holds 2095257564, and it is a bare object rather than an array. The test
// accepts that one cell only when it equals the CSV's own text, and says so in the output.
#include <gtest/gtest.h>

#include <dirent.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "csv/csv_reader.h"
#include "test_support.h"
#include "text/text_decoder.h"

namespace ss {
namespace {

std::vector<std::string> case_names() {
  std::vector<std::string> names;
  const std::string dir = std::string(SS_CSV_SPECTRUM_DIR) + "/csvs";
  if (DIR* d = opendir(dir.c_str())) {
    while (dirent* e = readdir(d)) {
      std::string n = e->d_name;
      if (n.size() > 4 && n.compare(n.size() - 4, 4, ".csv") == 0) names.push_back(n.substr(0, n.size() - 4));
    }
    closedir(d);
  }
  std::sort(names.begin(), names.end());
  return names;
}

TEST(CsvSpectrum, SuiteIsPresent) { EXPECT_GE(case_names().size(), 12u) << SS_CSV_SPECTRUM_DIR; }

class CsvSpectrumCase : public ::testing::TestWithParam<std::string> {};

TEST_P(CsvSpectrumCase, MatchesExpectedJson) {
  const std::string base = std::string(SS_CSV_SPECTRUM_DIR);
  const std::string csv = test::read_file(base + "/csvs/" + GetParam() + ".csv");
  auto expected = nlohmann::json::parse(test::read_file(base + "/json/" + GetParam() + ".json"), nullptr, false);
  ASSERT_FALSE(expected.is_discarded());
  if (expected.is_object()) expected = nlohmann::json::array({expected});

  auto text = decode_text(csv);
  ASSERT_TRUE(text.ok()) << text.error().message;
  auto table = parse_csv(text->utf8);
  ASSERT_TRUE(table.ok()) << table.error().message;
  ASSERT_EQ(table->record_count(), expected.size() + 1);
  for (size_t r = 1; r < table->record_count(); ++r) {
    const auto& want = expected[r - 1];
    ASSERT_EQ(table->width(r), table->width(0)) << "record " << r;
    ASSERT_EQ(want.size(), table->width(0));
    for (size_t c = 0; c < table->width(0); ++c) {
      const std::string key(table->cell(0, c));
      ASSERT_TRUE(want.contains(key)) << key;
      const std::string got(table->cell(r, c));
      if (GetParam() == "location_coordinates" && key == "Contact Phone Number") {
        EXPECT_EQ(got, "2095257564") << "upstream erratum: the JSON says " << want[key];
        continue;
      }
      EXPECT_EQ(got, want[key].get<std::string>()) << GetParam() << " record " << r << " column " << key;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(AllCases, CsvSpectrumCase, ::testing::ValuesIn(case_names()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace ss
