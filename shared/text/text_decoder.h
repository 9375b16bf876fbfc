// text_decoder.h — turns the bytes of an uploaded file into UTF-8 text, or explains why it cannot.
//
// Order of checks (why): a BOM is the only reliable signal, so UTF-8/UTF-16LE/UTF-16BE BOMs win first
// (Excel's "Unicode Text" save is UTF-16LE with BOM). Without a BOM, NUL bytes or many control bytes mean
// binary (a spreadsheet .xlsx renamed .csv, an image). Then strict UTF-8, because valid UTF-8 is almost
// never valid-looking GB18030 by accident; then GB18030 (a superset of GBK and GB2312, what 小鹅通 and
// Chinese-locale Excel write) through iconv — glibc natively, musl in the Emscripten build.
//
// Implemented: UTF-8 ± BOM, UTF-16LE/BE with BOM (surrogate pairs), GB18030, binary and empty detection.
// Missing: UTF-16 without BOM, UTF-32, Big5 (no 小鹅通 export uses them).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "text/utf8.h"

namespace ss {

enum class SourceEncoding { kUtf8, kUtf8Bom, kUtf16Le, kUtf16Be, kGb18030 };

// Display name, e.g. "UTF-8 (BOM)", "GB18030/GBK".
const char* encoding_name(SourceEncoding encoding);

struct DecodedText {
  std::string utf8;  // without any BOM
  SourceEncoding encoding = SourceEncoding::kUtf8;
  size_t line_feeds = 0;  // LF bytes in utf8 (so the importer can size its row vector once)
};

// Takes the bytes over: a UTF-8 file (the usual case) becomes the result without being copied.
// Errors: kErrEmptyFile, kErrNotText, kErrBadEncoding (messages in Chinese).
Result<DecodedText> decode_text(std::string bytes);

// For a reader that validates UTF-8 as it goes (import_file, through Utf8Validator) instead of calling
// decode_text first. The bytes decode_text would take as UTF-8 if they are: not empty or blank, no
// UTF-16 BOM; the offset of their text (3 after a UTF-8 BOM, else 0), or nothing when decode_text must
// decide. Then, with the whole text's scan: true when decode_text would take the text as it is; when
// false, its verdict (GB18030, not text, bad encoding) is decode_text's on the same bytes.
std::optional<size_t> utf8_text_start(std::string_view bytes);
bool is_utf8_text(const Utf8TextScan& scan, size_t text_size);

}  // namespace ss
