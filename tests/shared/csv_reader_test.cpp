// Tests for csv/csv_reader: RFC 4180 parsing, delimiter sniffing, line numbers, malformed input.
#include "csv/csv_reader.h"

#include <gtest/gtest.h>

namespace ss {
namespace {

std::vector<std::vector<std::string>> cells_of(const CsvTable& t) {
  std::vector<std::vector<std::string>> out;
  for (size_t r = 0; r < t.record_count(); ++r) {
    out.emplace_back();
    for (size_t c = 0; c < t.width(r); ++c) out.back().emplace_back(t.cell(r, c));
  }
  return out;
}

using Rows = std::vector<std::vector<std::string>>;

TEST(CsvReader, KeepsCommaInsideQuotes) {
  auto t = parse_csv("a,b\n\"Grace, NVC\",2\n");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(cells_of(*t), (Rows{{"a", "b"}, {"Grace, NVC", "2"}}));
}

TEST(CsvReader, DoubledQuotesBecomeOneQuote) {
  auto t = parse_csv("a\n\"说\"\"谢谢\"\"的人\"\n");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->cell(1, 0), "说\"谢谢\"的人");
}

TEST(CsvReader, EveryCellIsTextWithoutNumberGuessing) {
  auto t = parse_csv("id,phone,amount\n00123,13800138000,1.50\n");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(cells_of(*t)[1], (std::vector<std::string>{"00123", "13800138000", "1.50"}));
}

TEST(CsvReader, CrLfAndLfAndLoneCrEndRecords) {
  auto t = parse_csv("a,b\r\n1,2\n3,4\r5,6");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(cells_of(*t), (Rows{{"a", "b"}, {"1", "2"}, {"3", "4"}, {"5", "6"}}));
  EXPECT_EQ(t->line(3), 4);
}

TEST(CsvReader, RecordLineIsWhereAMultiLineRecordStarts) {
  auto t = parse_csv("a,b\n\"x\ny\nz\",1\nnext,2\n");
  ASSERT_TRUE(t.ok());
  ASSERT_EQ(t->record_count(), 3u);
  EXPECT_EQ(t->line(0), 1);
  EXPECT_EQ(t->line(1), 2);
  EXPECT_EQ(t->cell(1, 0), "x\ny\nz");
  EXPECT_EQ(t->line(2), 5);
}

TEST(CsvReader, CrLfInsideQuotesIsKeptAndCountsOneLine) {
  auto t = parse_csv("a,b\r\n\"x\r\ny\",1\r\nq,2\r\n");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->cell(1, 0), "x\r\ny");
  EXPECT_EQ(t->line(2), 4);
}

TEST(CsvReader, BlankLinesAreSkippedButCounted) {
  auto t = parse_csv("a,b\n\n1,2\n\n");
  ASSERT_TRUE(t.ok());
  ASSERT_EQ(t->record_count(), 2u);
  EXPECT_EQ(t->line(1), 3);
}

TEST(CsvReader, TrailingDelimiterGivesAnEmptyLastCell) {
  auto t = parse_csv("a,b,\n1,2,");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(cells_of(*t), (Rows{{"a", "b", ""}, {"1", "2", ""}}));
}

TEST(CsvReader, RaggedRowsKeepTheirOwnWidth) {
  auto t = parse_csv("a,b,c\n1,2\n1,2,3,4\n");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->width(1), 2u);
  EXPECT_EQ(t->width(2), 4u);
  EXPECT_EQ(t->cell(1, 2), "");  // past the end reads as empty
}

TEST(CsvReader, UnterminatedQuoteNamesTheLineWhereTheFieldStarts) {
  auto t = parse_csv("a,b\n1,2\nx,\"never closed\nmore\nlines\n");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.error().code, kErrUnterminatedQuote);
  EXPECT_EQ(t.error().message.rfind("第3行：", 0), 0u) << t.error().message;
}

TEST(CsvReader, QuoteInsideUnquotedFieldIsLiteral) {
  auto t = parse_csv("a,b\n37\xC2\xB0" "36'37.8\"N,x\n");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->cell(1, 0), "37\xC2\xB0" "36'37.8\"N");
}

TEST(CsvReader, TextAfterClosingQuoteIsKept) {
  auto t = parse_csv("a\n\"abc\"def\n");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->cell(1, 0), "abcdef");
}

TEST(CsvReader, SniffsTab) {
  EXPECT_EQ(sniff_delimiter("用户ID\t昵称\t手机号\n1\t2\t3\n"), '\t');
  auto t = parse_csv("a\tb\n1,5\t2\n");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->delimiter, '\t');
  EXPECT_EQ(t->cell(1, 0), "1,5");
}

TEST(CsvReader, SniffsSemicolon) {
  EXPECT_EQ(sniff_delimiter("a;b;c\n1,5;2;3\n"), ';');
}

TEST(CsvReader, SniffIgnoresDelimitersInsideQuotedHeader) {
  EXPECT_EQ(sniff_delimiter("\"a,b,c\"\tx\n"), '\t');
}

TEST(CsvReader, SniffDefaultsToComma) {
  EXPECT_EQ(sniff_delimiter("onlyonecolumn\n1\n"), ',');
  EXPECT_EQ(sniff_delimiter(""), ',');
}

TEST(CsvReader, WriterQuotesOnlyWhenNeededAndRoundTrips) {
  std::string out;
  for (std::string_view cell : {"plain", "a,b", "say \"hi\"", "two\nlines", " padded"}) {
    append_csv_cell(out, cell);
    out += ',';
  }
  out.back() = '\n';
  EXPECT_EQ(out, "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\" padded\"\n");
  auto t = parse_csv("h1,h2,h3,h4,h5\n" + out);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->cell(1, 2), "say \"hi\"");
  EXPECT_EQ(t->cell(1, 3), "two\nlines");
}

}  // namespace
}  // namespace ss
