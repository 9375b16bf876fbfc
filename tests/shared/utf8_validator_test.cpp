// Utf8Validator (text/utf8_validator.h) and the single pass it makes possible: the CSV scanner checking
// each block as it loads it, and import_file trusting a UTF-8 upload only once all of it is checked.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "csv/csv_scanner.h"
#include "pipeline/import_file.h"
#include "text/text_decoder.h"
#include "text/utf8_validator.h"

namespace ss {
namespace {

constexpr Utf8ScanLoop kLoops[] = {Utf8ScanLoop::kBest, Utf8ScanLoop::kPortable, Utf8ScanLoop::kAvx2, Utf8ScanLoop::kAvx512};

// Broken pieces, each an error within its own bytes or at the byte after it (a lead cut short).
const std::vector<std::string> kBadPieces = {"\x80", "\xBF", "\xC0\x80", "\xFF", "\xE4\xB8", "\xE4", "\xF0\x9F\x90", "\xED\xA0\x80"};

// Text of a few thousand bytes (several vector steps and scanner blocks): ASCII, Chinese, emoji, line ends.
std::string mixed_text(std::mt19937& rng, size_t pieces) {
  static const std::vector<std::string> good = {"a", "用户", "（第3期）", "🐟", ",", "\n", "\r\n", "\t", "0123456789", "\xC2\xA0", "\x01"};
  std::string out;
  while (pieces-- > 0) out += good[rng() % good.size()];
  return out;
}

TEST(Utf8Validator, CheckedInPiecesIsTheWholeScan) {
  std::mt19937 rng(20261127);
  for (int round = 0; round < 400; ++round) {
    std::string s = mixed_text(rng, rng() % 3000);
    if (round % 3 == 0 && !s.empty()) s.insert(rng() % s.size(), kBadPieces[rng() % kBadPieces.size()]);
    for (const Utf8ScanLoop loop : kLoops) {
      if (!utf8_scan_loop_available(loop)) continue;
      const Utf8TextScan whole = scan_utf8_text_with(s, loop);
      Utf8Validator v(s, loop);
      size_t end = 0;
      while (end < s.size() + 100) {
        end += rng() % 700;
        const bool valid = v.check_to(end);
        if (valid) {
          ASSERT_GE(v.checked(), std::min(end, s.size())) << round;
        } else {
          EXPECT_FALSE(v.check_to(end + 1000)) << "stays invalid";
        }
      }
      const Utf8TextScan pieces = v.finish();
      ASSERT_EQ(pieces.valid_utf8, whole.valid_utf8) << round << " loop " << static_cast<int>(loop);
      if (!whole.valid_utf8) continue;
      EXPECT_EQ(pieces.line_feeds, whole.line_feeds) << round;
      EXPECT_EQ(pieces.controls, whole.controls) << round;
      EXPECT_EQ(pieces.has_nul, whole.has_nul) << round;
    }
  }
}

// What a reader may rely on: a bad byte is found once the check reaches a few bytes past it.
TEST(Utf8Validator, ABadByteIsFoundByTheCheckThatPassesIt) {
  std::mt19937 rng(7);
  const std::string text = mixed_text(rng, 2000);
  for (size_t at = 0; at < text.size(); at += 1 + rng() % 23) {
    while (at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) ++at;  // between characters
    for (const std::string& bad : kBadPieces) {
      const std::string s = text.substr(0, at) + bad + "x" + text.substr(at);
      for (const Utf8ScanLoop loop : kLoops) {
        if (!utf8_scan_loop_available(loop)) continue;
        Utf8Validator v(s, loop);
        EXPECT_FALSE(v.check_to(at + bad.size() + 1)) << at << " " << testing::PrintToString(bad);
      }
    }
  }
}

std::vector<std::vector<std::string>> records_of(std::string_view text, Utf8Validator* validator) {
  CsvScanner scanner(text, ',', validator);
  CsvRecordView record;
  std::vector<std::vector<std::string>> out;
  while (scanner.next(record)) out.emplace_back(record.cells.begin(), record.cells.end());
  EXPECT_FALSE(scanner.error().has_value());
  return out;
}

std::string quoted_csv(std::mt19937& rng, size_t records) {
  std::string out;
  while (records-- > 0) {
    out += "u_" + std::to_string(rng() % 100000) + ",\"昵称, \"\"引号\"\"\n第二行\"," + mixed_text(rng, rng() % 40) + "\n";
  }
  return out;
}

TEST(Utf8Validator, ScannerReturnsTheSameRecordsWhenChecking) {
  std::mt19937 rng(11);
  for (int round = 0; round < 30; ++round) {
    const std::string text = quoted_csv(rng, 50 + rng() % 200);
    Utf8Validator v(text);
    EXPECT_EQ(records_of(text, &v), records_of(text, nullptr)) << round;
    EXPECT_TRUE(v.finish().valid_utf8);
  }
}

// The reader's guarantee: no record holding a byte that is not UTF-8, wherever the bad byte is; the
// records before it as without checking.
TEST(Utf8Validator, ScannerStopsBeforeAnyRecordThatIsNotUtf8) {
  std::mt19937 rng(12);
  for (int round = 0; round < 200; ++round) {
    std::string text = quoted_csv(rng, 100);
    const size_t at = rng() % text.size();
    text.insert(at, kBadPieces[rng() % kBadPieces.size()]);
    Utf8Validator v(text);
    const auto checked = records_of(text, &v);
    const auto unchecked = records_of(text, nullptr);
    ASSERT_LT(checked.size(), unchecked.size()) << round;
    for (size_t r = 0; r < checked.size(); ++r) {
      ASSERT_EQ(checked[r], unchecked[r]) << round;
      for (const std::string& cell : checked[r]) ASSERT_TRUE(is_valid_utf8(cell)) << round << " record " << r;
    }
    EXPECT_FALSE(v.finish().valid_utf8);
  }
}

// A quoted cell that runs from one block to the end of the text, past every block the scanner loaded.
TEST(Utf8Validator, ScannerChecksAQuotedCellRunningToTheEnd) {
  const std::string text = "a,b\n1,\"" + std::string(10000, 'x') + "\xFF" + "\"";
  Utf8Validator v(text);
  const auto records = records_of(text, &v);
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0], (std::vector<std::string>{"a", "b"}));
}

// --- import_file: whatever stopped the scan, a file that is not UTF-8 text gets decode_text's verdict ---

std::string export_text(size_t rows) {
  std::string out = "用户ID,昵称,手机号,课程,学习日期\n";
  for (size_t r = 0; r < rows; ++r) {
    out += "u_" + std::to_string(10000 + r) + ",昵称" + std::to_string(r) + ",138" + std::to_string(10000000 + r) +
           ",课程" + std::to_string(r % 7) + ",2024-01-15\n";
  }
  return out;
}

void expect_decode_verdict(const std::string& bytes) {
  const auto decoded = decode_text(bytes);
  ASSERT_FALSE(decoded.ok());
  const auto imported = import_file(bytes, {}, {});
  ASSERT_FALSE(imported.ok());
  EXPECT_EQ(imported.error().code, decoded.error().code);
  EXPECT_EQ(imported.error().message, decoded.error().message);
}

TEST(Utf8Validator, ImportOfAFileNotUtf8FarDownIsDecodeTextsVerdict) {
  std::string text = export_text(3000);
  const size_t deep = text.find("u_12500");
  text.insert(deep, "\xFF");  // no GB18030 either
  expect_decode_verdict(text);
  expect_decode_verdict("\xEF\xBB\xBF" + text);  // "标明是 UTF-8" message
}

TEST(Utf8Validator, ImportOfABinaryFileIsNotTextEvenWhenItsRowsRead) {
  std::string text = export_text(3000);
  text.insert(text.find("u_12000"), std::string(1, '\0'));
  expect_decode_verdict(text);
  EXPECT_EQ(import_file(text, {}, {}).error().code, kErrNotText);
}

TEST(Utf8Validator, ImportReportsTheEncodingBeforeAnEarlierCsvOrColumnError) {
  std::string unterminated = export_text(3000);
  unterminated.insert(unterminated.find("昵称5,"), "\"");
  unterminated.insert(unterminated.find("u_12500"), "\xFF");
  expect_decode_verdict(unterminated);

  std::string no_user_column = "名字,课程,学习日期\n";
  for (int r = 0; r < 3000; ++r) no_user_column += "张三,课程,2024-01-15\n";
  no_user_column += std::string(1, '\0');
  expect_decode_verdict(no_user_column);
}

TEST(Utf8Validator, ImportOfAUtf8FileIsTheSameWithOrWithoutItsBom) {
  const std::string text = export_text(3000);
  const auto plain = import_file(text, {}, {});
  const auto bom = import_file("\xEF\xBB\xBF" + text, {}, {});
  ASSERT_TRUE(plain.ok() && bom.ok());
  EXPECT_EQ(plain->encoding, SourceEncoding::kUtf8);
  EXPECT_EQ(bom->encoding, SourceEncoding::kUtf8Bom);
  EXPECT_EQ(bom->headers, plain->headers);
  ASSERT_EQ(bom->rows.rows.size(), 3000u);
  ASSERT_EQ(plain->rows.rows.size(), 3000u);
  for (size_t r = 0; r < 3000; ++r) {
    EXPECT_EQ(bom->rows.rows[r].user_id(), plain->rows.rows[r].user_id());
    EXPECT_EQ(bom->rows.rows[r].nickname(), plain->rows.rows[r].nickname());
    EXPECT_EQ(bom->rows.rows[r].line, plain->rows.rows[r].line);
  }
}

}  // namespace
}  // namespace ss
