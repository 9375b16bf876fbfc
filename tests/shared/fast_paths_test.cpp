// fast_paths_test.cpp — the engine's fast paths (vector UTF-8 scan, SWAR CSV scanning, trimming and
// date shortcuts, text hashing) against the plain code they short-cut, on random input. Each fast path
// must give exactly the answer of the slow one; a difference is a bug in the fast path.
#include <gtest/gtest.h>

#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "core/text_arena.h"
#include "core/sync_schema.h"
#include "core/text_hash.h"
#include "csv/csv_reader.h"
#include "csv/csv_scanner.h"
#include "normalize/date_parser.h"
#include "normalize/phone_normalizer.h"
#include "text/utf8.h"
#include "text/utf8_scan_vectors.h"

namespace ss {
namespace {

// Pieces that exercise every branch of a UTF-8 validator: ASCII, controls, each sequence length, the
// E0/ED/F0/F4 second-byte limits, and broken bytes.
const std::vector<std::string> kPieces = {
    "a", "Z", ",", "\n", "\r\n", "\t", "\f", std::string(1, '\0'), "\x01", "\x1f", "\x7f", "用户", "（第3期）",
    "\xC2\xA0", "\xDF\xBF", "\xE0\xA0\x80", "\xE0\x9F\xBF", "\xED\x9F\xBF", "\xED\xA0\x80", "\xEF\xBB\xBF",
    "\xF0\x90\x80\x80", "\xF0\x8F\xBF\xBF", "\xF4\x8F\xBF\xBF", "\xF4\x90\x80\x80", "🐟", "\x80", "\xBF", "\xC0\x80",
    "\xC1\xBF", "\xF5\x80\x80\x80", "\xFF", "\xE4\xB8", "\xE4", "\xF0\x9F\x90", "0123456789abcdef"};

std::string random_text(std::mt19937& rng, size_t pieces, bool only_valid) {
  std::string out;
  std::uniform_int_distribution<size_t> pick(0, kPieces.size() - 1);
  while (pieces-- > 0) {
    const std::string& p = kPieces[pick(rng)];
    if (only_valid && !is_valid_utf8(p)) continue;
    out += p;
  }
  return out;
}

Utf8TextScan reference_scan(std::string_view s) {
  Utf8TextScan r;
  r.valid_utf8 = is_valid_utf8(s);
  for (unsigned char c : s) {
    if (c == '\n') ++r.line_feeds;
    if (c == 0) r.has_nul = true;
    if (c < 0x20 && c != '\t' && c != '\r' && c != '\n' && c != '\f') ++r.controls;
  }
  return r;
}

// scan_utf8_text through each loop this build and CPU have (portable, AVX2, AVX-512BW; SIMD128 in wasm),
// which must all give the same answer; that answer.
Utf8TextScan scan_every_way(std::string_view s) {
  const Utf8TextScan best = scan_utf8_text(s);
  for (const Utf8ScanLoop loop : {Utf8ScanLoop::kPortable, Utf8ScanLoop::kAvx2, Utf8ScanLoop::kAvx512}) {
    if (!utf8_scan_loop_available(loop)) continue;
    const Utf8TextScan other = scan_utf8_text_with(s, loop);
    EXPECT_EQ(other.valid_utf8, best.valid_utf8) << static_cast<int>(loop) << " " << testing::PrintToString(s);
    if (!best.valid_utf8) continue;
    EXPECT_EQ(other.has_nul, best.has_nul) << static_cast<int>(loop) << " " << testing::PrintToString(s);
    EXPECT_EQ(other.controls, best.controls) << static_cast<int>(loop) << " " << testing::PrintToString(s);
    EXPECT_EQ(other.line_feeds, best.line_feeds) << static_cast<int>(loop) << " " << testing::PrintToString(s);
  }
  return best;
}

TEST(FastPaths, Utf8ScanMatchesScalarValidator) {
  std::mt19937 rng(20261126);
  for (int round = 0; round < 20000; ++round) {
    const std::string s = random_text(rng, rng() % 60, round % 3 != 0);
    const Utf8TextScan want = reference_scan(s);
    const Utf8TextScan got = scan_every_way(s);
    ASSERT_EQ(got.valid_utf8, want.valid_utf8) << testing::PrintToString(s);
    if (want.valid_utf8) {  // counts are only defined for text that is UTF-8
      ASSERT_EQ(got.has_nul, want.has_nul) << testing::PrintToString(s);
      ASSERT_EQ(got.controls, want.controls) << testing::PrintToString(s);
      ASSERT_EQ(got.line_feeds, want.line_feeds) << testing::PrintToString(s);
    }
  }
}

TEST(FastPaths, Utf8ScanFindsOneBadByteAnywhere) {
  // A long valid text with one broken byte at every position in turn: the vector blocks, the block
  // boundaries and the scalar tail must all catch it.
  const std::string valid = std::string(40, 'a') + "学员总表（第3期）🐟" + std::string(21, 'b');
  for (size_t at = 0; at < valid.size(); ++at) {
    std::string bad = valid;
    bad[at] = '\xFF';
    EXPECT_FALSE(scan_every_way(bad).valid_utf8) << at;
    std::string cut = valid.substr(0, at);
    EXPECT_EQ(scan_every_way(cut).valid_utf8, is_valid_utf8(cut)) << at;
  }
}

TEST(FastPaths, Utf8ScanCountsLineFeedsOfLongTexts) {
  // More than 255 steps: the per-lane counters are summed before they can overflow.
  std::string text;
  for (int i = 0; i < 20000; ++i) text += (i % 3 == 0) ? "学员,\n" : (i % 3 == 1) ? "a\r\n" : "\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n";
  const Utf8TextScan got = scan_every_way(text);
  ASSERT_TRUE(got.valid_utf8);
  EXPECT_EQ(got.line_feeds, reference_scan(text).line_feeds);
  EXPECT_EQ(got.controls, 0u);
}

TEST(FastPaths, Utf8ScanMatchesScalarValidatorOnLongMixedTexts) {
  // Runs of ASCII long enough to fill whole 64-byte steps (the ASCII shortcut) between Chinese, emoji,
  // tab guards, form feeds, stray controls and broken bytes: every step kind and every step edge.
  std::mt19937 rng(64);
  for (int round = 0; round < 3000; ++round) {
    std::string s;
    for (size_t run = rng() % 12; run > 0; --run) {
      if (rng() % 3 == 0) {
        s += std::string(rng() % 150, "ab,\n\t\f\x01"[rng() % 7]);
      } else {
        s += random_text(rng, rng() % 40, round % 4 != 0);
      }
    }
    const Utf8TextScan want = reference_scan(s);
    const Utf8TextScan got = scan_every_way(s);
    ASSERT_EQ(got.valid_utf8, want.valid_utf8) << testing::PrintToString(s);
    if (want.valid_utf8) {
      ASSERT_EQ(got.has_nul, want.has_nul) << testing::PrintToString(s);
      ASSERT_EQ(got.controls, want.controls) << testing::PrintToString(s);
      ASSERT_EQ(got.line_feeds, want.line_feeds) << testing::PrintToString(s);
    }
  }
}

TEST(FastPaths, Utf8ScanFindsBadSecondBytesAndBadLeadsAtEveryOffset) {
  // Each invalid sequence at every offset of a text several steps long, after ASCII or after Chinese:
  // the E0/ED/F0/F4 range checks run only for steps that may hold those leads.
  const std::vector<std::string> bad = {"\xE0\x9F\xBF", "\xED\xA0\x80", "\xF0\x8F\xBF\xBF", "\xF4\x90\x80\x80",
                                        "\xC0\x80",     "\xC1\xBF",     "\xF5\x80\x80\x80", "\xFF",
                                        "\x80",         "\xE4\xB8",     "\xF0\x9F\x90" "a"};
  const std::vector<std::string> fillers = {"a", "学", "🐟"};
  for (const std::string& filler : fillers) {
    std::string base;
    while (base.size() < 200) base += filler;
    for (const std::string& b : bad) {
      for (size_t at = 0; at <= base.size(); at += filler.size()) {
        const std::string s = base.substr(0, at) + b + base.substr(at);
        ASSERT_FALSE(scan_every_way(s).valid_utf8) << testing::PrintToString(s);
      }
    }
    ASSERT_TRUE(scan_every_way(base).valid_utf8);
  }
}

TEST(FastPaths, Utf8ScanAgreesOnEveryTwoBytePrefixInsideAVectorBlock) {
  // Every pair of bytes, then each of a few third and fourth bytes, placed where the vector loop checks
  // them (past its three bytes of history, across the middle of a 64-byte step): each table entry and
  // each "third or fourth byte due" case of the vector validators is met.
  const std::string before(37, 'a'), after(90, 'b');
  const char thirds[] = {'\x80', '\xBF', 'a'};
  const char fourths[] = {'\x80', 'a'};
  std::string s;
  for (int b1 = 0; b1 < 256; ++b1) {
    for (int b2 = 0; b2 < 256; ++b2) {
      for (char b3 : thirds) {
        for (char b4 : fourths) {
          s = before;
          s += static_cast<char>(b1);
          s += static_cast<char>(b2);
          s += b3;
          s += b4;
          s += after;
          ASSERT_EQ(scan_every_way(s).valid_utf8, is_valid_utf8(s)) << testing::PrintToString(s.substr(37, 4));
        }
      }
    }
  }
}

TEST(FastPaths, Utf8ScanCountsTextsOfOnlyLineFeeds) {
  // Every lane counts a line feed in every block: the per-lane counters are closest to wrapping here.
  for (size_t size : {63u * 64u, 64u * 64u, 127u * 64u, 128u * 64u, 255u * 16u, 256u * 16u, 255u * 64u, 100000u, 100003u}) {
    const Utf8TextScan got = scan_every_way(std::string(size, '\n'));
    ASSERT_TRUE(got.valid_utf8);
    EXPECT_EQ(got.line_feeds, size);
    EXPECT_EQ(got.controls, 0u);
  }
}

// A slow but obvious trim: decode every code point.
std::string_view reference_trim(std::string_view s) {
  std::vector<std::pair<size_t, size_t>> cps;  // (start, end)
  for (size_t pos = 0; pos < s.size();) {
    const size_t start = pos;
    next_code_point(s, pos);
    cps.push_back({start, pos});
  }
  const auto blank = [&](size_t k) {
    size_t pos = cps[k].first;
    const char32_t cp = next_code_point(s, pos);
    return is_unicode_space(cp) || is_zero_width(cp);
  };
  size_t first = 0, last = cps.size();
  while (first < last && blank(first)) ++first;
  while (last > first && blank(last - 1)) --last;
  if (first == last) return s.substr(0, 0);
  return s.substr(cps[first].first, cps[last - 1].second - cps[first].first);
}

TEST(FastPaths, TrimMatchesCodePointTrim) {
  const std::vector<std::string> pieces = {"a",      " ",      "\t",     "\u3000", "\u00a0", "\u200b", "\ufeff",
                                           "学",     "）",     "🐟",      "x y",    "\u1680", "\u00ad", "\u2029",
                                           "\uff41", "\ufefc", "\u00e9", "\u0800", "\ue000"};
  std::mt19937 rng(7);
  for (int round = 0; round < 20000; ++round) {
    std::string s;
    for (size_t k = rng() % 6; k > 0; --k) s += pieces[rng() % pieces.size()];
    ASSERT_EQ(trim_unicode_view(s), reference_trim(s)) << testing::PrintToString(s);
  }
}

TEST(FastPaths, CommonDateStylesMatchTheGeneralParser) {
  // A leading space skips the shortcut, so the general parser answers the same question.
  std::mt19937 rng(3);
  const char* seps[] = {"-", "/", ".", "年"};
  const char* times[] = {"", " 00:00:00", " 23:59:59", " 24:00:00", " 9:05", " 9:05:07", " 12:60:00", " 12:00:61",
                         "T09:05:07", " 9:5", "  9:05", " 09:05:07.5", " 09:05+08:00", "x", " "};
  for (int round = 0; round < 20000; ++round) {
    const char* sep = seps[rng() % 4];
    const bool chinese = std::string(sep) == "年";
    const auto number = [&](int max, bool pad) {
      const int v = static_cast<int>(rng() % (max + 1));
      return (pad && v < 10 ? "0" : "") + std::to_string(v);
    };
    std::string text = std::to_string(1890 + rng() % 320) + sep + number(13, rng() % 2) + (chinese ? "月" : sep) +
                       number(32, rng() % 2) + (chinese ? (rng() % 5 ? "日" : "号") : "") + times[rng() % 15];
    const auto fast = parse_date(text, 480);
    const auto general = parse_date(" " + text, 480);
    ASSERT_EQ(fast.has_value(), general.has_value()) << text;
    if (fast) {
      ASSERT_EQ(fast->midnight_ms, general->midnight_ms) << text;
    }
  }
}

void expect_same_date(std::string_view text, int offset) {
  const auto fast = parse_date(text, offset);
  const auto general = parse_date_without_shortcut(text, offset);
  ASSERT_EQ(fast.has_value(), general.has_value()) << testing::PrintToString(std::string(text));
  if (!fast) return;
  ASSERT_EQ(fast->date.year, general->date.year) << text;
  ASSERT_EQ(fast->date.month, general->date.month) << text;
  ASSERT_EQ(fast->date.day, general->date.day) << text;
  ASSERT_EQ(fast->day, general->day) << text;
  ASSERT_EQ(fast->midnight_ms, general->midnight_ms) << text;
  ASSERT_EQ(fast->from_excel_serial, general->from_excel_serial) << text;
}

TEST(FastPaths, DateShortcutMatchesTheGeneralParserOnEveryDayOfItsYears) {
  // Every year the parser accepts and a few past it, every month and day number including impossible
  // ones: the shortcut counts days with its own arithmetic, which must agree with days_from_civil.
  for (int y = 1895; y <= 2205; ++y) {
    for (int m = 0; m <= 13; ++m) {
      for (int d = 0; d <= 32; ++d) {
        char text[32];
        std::snprintf(text, sizeof text, "%04d-%02d-%02d", y, m, d);
        expect_same_date(text, y % 3 == 0 ? 480 : -300);
        std::snprintf(text, sizeof text, "%04d年%d月%d日", y, m, d);
        expect_same_date(text, 0);
      }
    }
  }
}

TEST(FastPaths, DateShortcutMatchesTheGeneralParserOnNearShapes) {
  // Texts made of the pieces of the export styles, mostly in their order and often one piece off:
  // widths, separators, the Chinese units, times, and what the shortcut leaves to the general parser.
  const std::vector<std::string> years = {"2024", "1900", "2100", "2199", "2200", "1899", "202", "20240", "２０２４"};
  const std::vector<std::string> numbers = {"1", "01", "9", "09", "10", "12", "13", "0", "00", "29", "30", "31",
                                            "32", "001", "", "a"};
  const std::vector<std::string> seps = {"-", "/", ".", "年", "月", "日", "号", " ", "", "－"};
  const std::vector<std::string> tails = {"", " 00:00:00", " 23:59:59", " 24:00:00", " 9:05", " 9:05:07", " 12:60:00",
                                          " 12:00:61", " 12:00:60", "T09:05:07", " 9:5", "  9:05", " 09:05:07.5",
                                          " 09:05+08:00", "x", " ", " 9:05:", " 9:05:0", " 009:05", " 9:005",
                                          " 9:05:007", "\t", "日", "\xE6", "\xE6\x97"};
  std::mt19937 rng(29);
  for (int round = 0; round < 100000; ++round) {
    const auto pick = [&](const std::vector<std::string>& v) { return v[rng() % v.size()]; };
    const bool ordered = rng() % 4 != 0;
    std::string sep1 = pick(seps), sep2 = ordered && sep1 != "年" ? sep1 : pick(seps);
    if (ordered && sep1 == "年") sep2 = "月";
    std::string text = pick(years) + sep1 + pick(numbers) + sep2 + pick(numbers);
    if (ordered && sep1 == "年") text += rng() % 8 ? "日" : pick(seps);
    text += pick(tails);
    if (rng() % 16 == 0) text = text.substr(0, rng() % (text.size() + 1));  // cut anywhere
    expect_same_date(text, static_cast<int>(rng() % 1681) - 840);
  }
}

TEST(FastPaths, IsoDateWordShapesMatchTheGeneralParser) {
  // parse_date reads "2024-01-15" and "2024/01/15 09:05:07" as whole words: every byte of them replaced,
  // in turn, by each byte that could fool a word check (a neighbouring digit or separator, the bytes
  // around '0'..'9', '-' and ':', a UTF-8 byte).
  const std::vector<std::string> shapes = {"2024-01-15", "2024-01-15 09:05:07", "1999/12/31 23:59:60", "2024.02.29 00:00:00", "2023.02.28", "2100/02/29"};
  const std::string replacements = std::string("/0:9-,. 1T") + '\x80' + '\xff' + '\x2d' + '\x3a' + '\x2f' + '\xb0';
  for (const std::string& shape : shapes) {
    expect_same_date(shape, 480);
    for (size_t at = 0; at < shape.size(); ++at) {
      for (char c : replacements) {
        std::string s = shape;
        s[at] = c;
        expect_same_date(s, 480);
        if (testing::Test::HasFatalFailure()) return;
      }
    }
  }
}

// normalize_phone with and without its shortcuts, for both kinds of phone field; and the importer's
// shortcut (quick_mobile_number), whose digits must be normalize_phone's answer whenever it gives any.
void expect_same_phone_result(const std::string& s) {
  char buffer[24];
  const std::string_view quick = quick_mobile_number(trim_unicode_view(s), buffer);
  for (int type : {kFieldPhone, 1}) {
    const PhoneResult fast = normalize_phone(s, type);
    const PhoneResult general = normalize_phone_without_shortcut(s, type);
    ASSERT_EQ(static_cast<int>(fast.status), static_cast<int>(general.status)) << testing::PrintToString(s);
    ASSERT_EQ(fast.value, general.value) << testing::PrintToString(s);
    ASSERT_EQ(fast.message, general.message) << testing::PrintToString(s);
    if (quick.empty()) continue;
    ASSERT_EQ(static_cast<int>(general.status), static_cast<int>(PhoneStatus::kOk)) << testing::PrintToString(s);
    ASSERT_EQ(general.value, quick) << testing::PrintToString(s);
    ASSERT_TRUE(general.message.empty()) << testing::PrintToString(s);
  }
}

TEST(FastPaths, PhoneShortcutMatchesTheGeneralPath) {
  // Phone-like text made of what exports put in that column: digits, the country prefixes, ASCII and
  // Unicode separators, guards, dots, exponents, masks, full-width digits. Many draws are in the shapes
  // the shortcut takes, many just outside them; status, value and message must all be the same.
  const std::vector<std::string> pieces = {"1",  "3",  "8",  "0",  "9",  "138", "0013", "8000", "86", "+86", "0086",
                                           "+",  " ",  "-",  "(",  ")",  ".",   "\t",   "*",    "e",  "E",   "'",
                                           "=",  "\"", "１", "\u3000", "\u200b", "\u2013", "×", "a", "\xC2\xA0"};
  std::mt19937 rng(13);
  for (int round = 0; round < 40000; ++round) {
    std::string s;
    // Mostly the shortcut's own alphabet, so that its shapes (and their edges) come up often.
    const size_t alphabet = round % 2 ? 16 : pieces.size();
    for (size_t k = rng() % 9; k > 0; --k) s += pieces[rng() % alphabet];
    expect_same_phone_result(s);
    if (testing::Test::HasFatalFailure()) return;
  }
}

TEST(FastPaths, MobileShortcutWordShapesMatchTheGeneralPath) {
  // quick_mobile_number reads "+86 13800138000" and "138-0013-8000" as whole words: every byte of them
  // replaced, in turn, by each byte that could fool a word check (a neighbouring digit or separator, the
  // bytes around '0'..'9' and '-', a UTF-8 byte), and the texts one byte shorter and longer.
  const std::vector<std::string> shapes = {"+86 13800138000", "138-0013-8000", "+86 19912345678", "199-1234-5678"};
  const std::string replacements = std::string("/0:9-,.+ 1\t") + '\x80' + '\xff' + '\x2d' + '\x3a' + '\x2f' + '\xb0';
  for (const std::string& shape : shapes) {
    expect_same_phone_result(shape);
    expect_same_phone_result(shape.substr(1));
    expect_same_phone_result(shape.substr(0, shape.size() - 1));
    expect_same_phone_result(shape + "0");
    for (size_t at = 0; at < shape.size(); ++at) {
      for (char c : replacements) {
        std::string s = shape;
        s[at] = c;
        expect_same_phone_result(s);
        if (testing::Test::HasFatalFailure()) return;
      }
    }
  }
  char buffer[24];
  EXPECT_EQ(quick_mobile_number("+86 13800138000", buffer), "13800138000");
  EXPECT_EQ(quick_mobile_number("138-0013-8000", buffer), "13800138000");
}

TEST(FastPaths, MobileShortcutMatchesTheGeneralPath) {
  // Numbers of about eleven digits, mostly starting with 1, behind the prefixes exports use, with the
  // shortcut's separators anywhere and now and then a byte it must leave to the general path; lengths
  // around the shortcut's 24-byte buffer included.
  const std::vector<std::string> prefixes = {"", "", "+86", "+86 ", "0086", "86", "861", "+", "+8", "(+86)", "(0086) ", "8", "++86"};
  const std::vector<std::string> separators = {" ", "-", "(", ")", "  ", "+"};
  const std::vector<std::string> strangers = {".", "*", "\t", "　", "１", "e", "x", "–", "'", "0", "\xC2\xA0", ".0", ".00", "E+10"};
  std::mt19937 rng(17);
  for (int round = 0; round < 60000; ++round) {
    std::string s = prefixes[rng() % prefixes.size()];
    const size_t digits = 9 + rng() % 5;
    for (size_t k = 0; k < digits; ++k) {
      s += static_cast<char>(k == 0 && rng() % 4 ? '1' : '0' + rng() % 10);
      if (rng() % 5 == 0) s += separators[rng() % separators.size()];
    }
    if (rng() % 6 == 0) s.insert(rng() % (s.size() + 1), strangers[rng() % strangers.size()]);
    if (rng() % 8 == 0) s += strangers[rng() % strangers.size()];  // "13800138000.0": Excel's number cells
    expect_same_phone_result(s);
    if (testing::Test::HasFatalFailure()) return;
  }
}

TEST(FastPaths, ScannerCellsMatchTheTableAndStayViewsWhenUnescapedIsNotNeeded) {
  const std::string text = "a,b,c\r\n\"x,1\",plain,\"say \"\"hi\"\"\"\n\"multi\nline\",\"tail\"after,\n,,\n";
  CsvScanner scanner(text, ',');
  CsvRecordView r;
  std::vector<std::vector<std::string>> got;
  std::vector<int> lines;
  while (scanner.next(r)) {
    got.emplace_back(r.cells.begin(), r.cells.end());
    lines.push_back(r.line);
    if (lines.size() == 2) {
      EXPECT_TRUE(scanner.in_input(r.cells[0]));   // quoted, nothing to unescape: a view
      EXPECT_FALSE(scanner.in_input(r.cells[2]));  // doubled quotes: unescaped copy
    }
  }
  ASSERT_FALSE(scanner.error());
  const std::vector<std::vector<std::string>> want = {
      {"a", "b", "c"}, {"x,1", "plain", "say \"hi\""}, {"multi\nline", "tailafter", ""}, {"", "", ""}};
  EXPECT_EQ(got, want);
  EXPECT_EQ(lines, (std::vector<int>{1, 2, 3, 5}));
}

TEST(FastPaths, ScannerFindsDelimitersAtEveryOffset) {
  // Cells of every length 0..20 around the eight-byte steps.
  for (size_t len = 0; len <= 20; ++len) {
    const std::string cell(len, 'x');
    const std::string text = cell + ";" + cell + "\r\n" + cell;
    auto table = parse_csv(text, ';');
    ASSERT_TRUE(table);
    ASSERT_EQ(table->record_count(), len == 0 ? 1u : 2u) << len;
    EXPECT_EQ(table->cell(0, 0), cell);
    EXPECT_EQ(table->cell(0, 1), cell);
  }
}

TEST(FastPaths, ScannerMatchesAPlainSplitOnLongTexts) {
  // Unquoted cells of random length (some over 64 bytes, so the 64-byte delimiter windows and their
  // edges are crossed in every way), LF and CRLF line ends, Chinese text: the scanner must give the cells a
  // plain split gives.
  std::mt19937 rng(5);
  const std::vector<std::string> pieces = {"a", "学", "🐟", "\"", " ", "0123456789"};
  for (int round = 0; round < 200; ++round) {
    std::vector<std::vector<std::string>> want;
    std::string text;
    for (int rec = 0; rec < 20; ++rec) {
      std::vector<std::string> cells(1 + rng() % 6);
      for (auto& c : cells) {
        for (size_t k = rng() % 30; k > 0; --k) c += pieces[rng() % pieces.size()];
        if (!c.empty() && c[0] == '"') c[0] = 'q';  // a leading quote would start a quoted cell
      }
      for (size_t i = 0; i < cells.size(); ++i) text += (i ? "," : "") + cells[i];
      text += rng() % 2 ? "\n" : "\r\n";
      if (cells.size() == 1 && cells[0].empty()) continue;  // a blank line: skipped by the scanner
      want.push_back(cells);
    }
    CsvScanner scanner(text, ',');
    CsvRecordView record;
    std::vector<std::vector<std::string>> got;
    while (scanner.next(record)) got.emplace_back(record.cells.begin(), record.cells.end());
    ASSERT_FALSE(scanner.error());
    ASSERT_EQ(got, want) << testing::PrintToString(text);
  }
}

struct SplitRecord {
  int line = 0;
  std::vector<std::string> cells;
  bool operator==(const SplitRecord& o) const { return line == o.line && cells == o.cells; }
};

// The CSV rules of csv_reader.h one byte at a time: the oracle for the scanner's bitmaps and batching.
// `unterminated` is set when a quoted cell never closes; the records before it are returned.
std::vector<SplitRecord> reference_split(std::string_view s, char delim, bool& unterminated) {
  std::vector<SplitRecord> out;
  size_t i = 0;
  int line = 1;
  const auto line_end = [&] {
    if (i < s.size() && s[i] == '\r') {
      ++i;
      if (i < s.size() && s[i] == '\n') ++i;
      ++line;
    } else if (i < s.size() && s[i] == '\n') {
      ++i;
      ++line;
    }
  };
  const auto plain = [&](std::string& cell) {
    while (i < s.size() && s[i] != delim && s[i] != '\n' && s[i] != '\r') cell += s[i++];
  };
  unterminated = false;
  for (;;) {
    while (i < s.size() && (s[i] == '\n' || s[i] == '\r')) line_end();
    if (i >= s.size()) return out;
    SplitRecord record{line, {}};
    for (;;) {
      std::string cell;
      if (s[i] == '"') {
        for (++i;; ++i) {
          if (i >= s.size()) {
            unterminated = true;
            return out;
          }
          if (s[i] == '"' && i + 1 < s.size() && s[i + 1] == '"') {
            cell += s[i++];
          } else if (s[i] == '"') {
            ++i;
            break;
          } else {
            if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= s.size() || s[i + 1] != '\n'))) ++line;
            cell += s[i];
          }
        }
      }
      plain(cell);
      record.cells.push_back(cell);
      if (i < s.size() && s[i] == delim) {
        ++i;
        if (i < s.size()) continue;
        record.cells.emplace_back();  // a delimiter at the very end: one more, empty, cell
      }
      line_end();
      break;
    }
    out.push_back(record);
  }
}

TEST(FastPaths, ScannerMatchesAByteByByteSplitWithQuotes) {
  // Records of up to 40 cells (past the scanner's runs of 16), quoted cells with delimiters, line breaks
  // and doubled quotes inside and text after them, cells long enough to cross the bitmap's reads and
  // blocks, and now and then a quote left open.
  const std::vector<std::string> inside = {"a", "学", "🐟", ",", ";", "\n", "\r\n", "\r", "\"\"", " ", std::string(70, 'x')};
  const std::vector<std::string> outside = {"a", "学", "🐟", " ", "\"", "0123456789", std::string(61, 'y')};
  std::mt19937 rng(41);
  for (int round = 0; round < 400; ++round) {
    const char delim = round % 3 ? ',' : ';';
    std::string text;
    for (int rec = 0; rec < 30; ++rec) {
      const size_t cells = rng() % 6 == 0 ? 1 + rng() % 40 : 1 + rng() % 6;
      for (size_t c = 0; c < cells; ++c) {
        if (c > 0) text += delim;
        std::string cell;
        const bool quoted = rng() % 4 == 0;
        if (quoted) {
          cell += '"';
          for (size_t k = rng() % 8; k > 0; --k) cell += inside[rng() % inside.size()];
          if (rng() % 300 != 0) cell += '"';
        }
        if (!quoted || rng() % 5 == 0) {
          for (size_t k = rng() % 6; k > 0; --k) cell += outside[rng() % outside.size()];
          if (!quoted && !cell.empty() && cell[0] == '"') cell[0] = 'q';
        }
        text += cell;
      }
      text += rng() % 3 == 0 ? "\r\n" : rng() % 2 ? "\n" : "\r";
      if (rng() % 10 == 0) text += "\n";  // a blank line
    }
    if (rng() % 2) text.pop_back();  // no line end after the last record
    bool unterminated = false;
    const std::vector<SplitRecord> want = reference_split(text, delim, unterminated);
    CsvScanner scanner(text, delim);
    CsvRecordView view;
    std::vector<SplitRecord> got;
    while (scanner.next(view)) got.push_back({view.line, {view.cells.begin(), view.cells.end()}});
    ASSERT_EQ(scanner.error().has_value(), unterminated) << testing::PrintToString(text);
    ASSERT_EQ(got.size(), want.size()) << testing::PrintToString(text);
    for (size_t r = 0; r < got.size(); ++r) {
      ASSERT_EQ(got[r].line, want[r].line) << r << testing::PrintToString(text);
      ASSERT_EQ(got[r].cells, want[r].cells) << r << testing::PrintToString(text);
    }
  }
}

// equal_text reads texts through overlapping loads chosen by size: a byte no load covers would make
// texts differing only there "equal". Every size up to 100, every position.
TEST(FastPaths, EqualTextSeesADifferenceAtEveryPosition) {
  for (size_t n = 0; n <= 100; ++n) {
    std::string a(n, 'x');
    for (size_t k = 0; k < n; ++k) a[k] = static_cast<char>('A' + k % 50);
    const std::string same = a;  // another buffer
    ASSERT_TRUE(equal_text(a, same)) << n;
    for (size_t k = 0; k < n; ++k) {
      std::string b = a;
      b[k] ^= 0x20;
      ASSERT_FALSE(equal_text(a, b)) << "size " << n << ", differing byte " << k;
      ASSERT_FALSE(equal_text(b, a)) << "size " << n << ", differing byte " << k;
    }
    ASSERT_FALSE(equal_text(a, a + "y")) << n;
  }
}

TEST(FastPaths, EqualTextAndHash) {
  std::mt19937 rng(11);
  for (int round = 0; round < 20000; ++round) {
    std::string a(rng() % 80, 'a'), b;
    for (char& c : a) c = static_cast<char>('a' + rng() % 3);
    b = a;
    if (!b.empty() && rng() % 2) b[rng() % b.size()] ^= 1;
    ASSERT_EQ(equal_text(a, b), a == b);
    if (a == b) {
      ASSERT_EQ(hash_text(a), hash_text(b));
    }
  }
  EXPECT_NE(hash_text("u_1"), hash_text("u_2"));
  EXPECT_EQ(hash_text("u_3d1d3d53fa46f_4dbdBOnjZY"), hash_text(std::string("u_3d1d3d53fa46f_4dbdBOnjZY")));
}

TEST(FastPaths, ArenaViewsSurviveMovesAndGrowth) {
  TextArena arena;
  const std::string_view file = arena.adopt("ab");  // short: would live inside a moved std::string (SSO)
  std::vector<std::string_view> kept;
  for (int i = 0; i < 20000; ++i) kept.push_back(arena.keep("value-" + std::to_string(i)));
  EXPECT_EQ(arena.keep(file), file);  // already owned: not copied
  TextArena moved = std::move(arena);
  EXPECT_EQ(file, "ab");
  EXPECT_EQ(kept[0], "value-0");
  EXPECT_EQ(kept[19999], "value-19999");
}

}  // namespace
}  // namespace ss
