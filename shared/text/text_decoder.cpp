// text_decoder.cpp — see text_decoder.h.
#include "text/text_decoder.h"

#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>

#include "text/utf8.h"

namespace ss {
namespace {

constexpr char kNotTextMessage[] =
    "这不是文本/CSV 文件（里面有大量二进制内容）。如果是 Excel 表格（.xlsx），请在 Excel 里“另存为”"
    " CSV UTF-8 格式后再上传。";

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix;
}

// Only whitespace (any kind) left: treated like an empty file.
bool is_blank(std::string_view utf8) {
  size_t pos = 0;
  while (pos < utf8.size()) {
    if (!is_unicode_space(next_code_point(utf8, pos))) return false;
  }
  return true;
}

// Binary: any NUL, or more than 1% control bytes other than tab/CR/LF/FF (text files have none; a
// GB18030 file never uses bytes below 0x20 as trail bytes).
bool too_many_controls(size_t controls, size_t size) { return controls * 100 > size; }

// Counts control bytes (other than tab/CR/LF/FF) of `bytes`; SIZE_MAX when there is a NUL.
size_t count_controls(std::string_view bytes) {
  size_t controls = 0;
  for (unsigned char c : bytes) {
    if (c == 0) return SIZE_MAX;
    if (c < 0x20 && c != '\t' && c != '\r' && c != '\n' && c != '\f') ++controls;
  }
  return controls;
}

bool looks_binary(std::string_view bytes) {
  const size_t controls = count_controls(bytes);
  return controls == SIZE_MAX || too_many_controls(controls, bytes.size());
}

Result<std::string> decode_utf16(std::string_view bytes, bool little_endian) {
  std::string out;
  out.reserve(bytes.size() * 3 / 2);
  const auto unit_at = [&](size_t i) -> char32_t {
    const auto a = static_cast<unsigned char>(bytes[i]);
    const auto b = static_cast<unsigned char>(bytes[i + 1]);
    return little_endian ? (a | (b << 8)) : ((a << 8) | b);
  };
  size_t controls = 0;
  for (size_t i = 0; i + 1 < bytes.size(); i += 2) {
    char32_t u = unit_at(i);
    if (u >= 0xD800 && u <= 0xDBFF && i + 3 < bytes.size()) {
      char32_t lo = unit_at(i + 2);
      if (lo >= 0xDC00 && lo <= 0xDFFF) {
        append_utf8(out, 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00));
        i += 2;
        continue;
      }
    }
    if (u >= 0xD800 && u <= 0xDFFF) u = 0xFFFD;  // lone surrogate
    if (u == 0 || (u < 0x20 && u != '\t' && u != '\r' && u != '\n' && u != '\f')) ++controls;
    append_utf8(out, u);
  }
  if (bytes.size() % 2 != 0 || controls * 100 > bytes.size() / 2 + 1) {
    return Error{kErrNotText, kNotTextMessage};
  }
  return out;
}

// Converts one run of GB18030 bytes with iconv, appending to `out`; false on an invalid or truncated
// sequence.
bool iconv_append(iconv_t cd, std::string_view run, std::string& out) {
  if (run.empty()) return true;
  size_t used = out.size();
  out.resize(used + run.size() * 2 + 16);
  // iconv's interface takes char** for input even though it does not write through it.
  char* in_ptr = const_cast<char*>(run.data());
  size_t in_left = run.size();
  char* out_ptr = out.data() + used;
  size_t out_left = out.size() - used;
  while (in_left > 0) {
    size_t rc = iconv(cd, &in_ptr, &in_left, &out_ptr, &out_left);
    if (rc != static_cast<size_t>(-1)) continue;
    if (errno != E2BIG) return false;  // EILSEQ or EINVAL (truncated sequence at the end)
    size_t written = out.size() - out_left;
    out.resize(out.size() * 2);
    out_ptr = out.data() + written;
    out_left = out.size() - written;
  }
  out.resize(out.size() - out_left);
  return true;
}

// GB18030 four-byte sequences with a first byte 0x90–0xE3 map linearly onto U+10000–U+10FFFF (GB 18030-2005
// §6.3.3). They are decoded here rather than by iconv because musl's iconv, used in the wasm build, maps them
// to wrong code points (U+20000 came out as U+10404C), which would silently corrupt rare-character names.
bool supplementary_sequence(std::string_view b, size_t i, uint32_t* code_point) {
  if (i + 3 >= b.size()) return false;
  auto u = [&](size_t k) { return static_cast<unsigned char>(b[i + k]); };
  if (u(0) < 0x90 || u(0) > 0xE3 || u(1) < 0x30 || u(1) > 0x39 || u(2) < 0x81 || u(2) > 0xFE || u(3) < 0x30 ||
      u(3) > 0x39)
    return false;
  uint32_t linear = (((u(0) - 0x90) * 10 + (u(1) - 0x30)) * 126 + (u(2) - 0x81)) * 10 + (u(3) - 0x30);
  if (linear > 0xFFFFF) return false;
  *code_point = 0x10000 + linear;
  return true;
}

Result<std::string> decode_gb18030(std::string_view bytes) {
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  if (cd == reinterpret_cast<iconv_t>(-1)) {
    return Error{kErrBadEncoding, "无法识别文件编码：这个环境不支持 GB18030 解码，请把文件另存为 UTF-8 后再上传。"};
  }
  std::string out;
  out.reserve(bytes.size() * 3 / 2 + 16);
  bool ok = true;
  size_t run_start = 0, i = 0;
  while (ok && i < bytes.size()) {
    const auto lead = static_cast<unsigned char>(bytes[i]);
    uint32_t code_point = 0;
    if (lead < 0x80) {
      ++i;
    } else if (supplementary_sequence(bytes, i, &code_point)) {
      ok = iconv_append(cd, bytes.substr(run_start, i - run_start), out);
      append_utf8(out, code_point);
      i += 4;
      run_start = i;
    } else {
      // Two-byte, or a four-byte BMP sequence (second byte 0x30–0x39): iconv handles both.
      const bool four = i + 1 < bytes.size() && bytes[i + 1] >= 0x30 && bytes[i + 1] <= 0x39;
      i += four ? 4 : 2;
    }
  }
  if (ok) ok = iconv_append(cd, bytes.substr(run_start), out);
  iconv_close(cd);
  if (!ok) {
    return Error{kErrBadEncoding,
                 "无法识别文件编码：既不是 UTF-8，也不是 GBK/GB18030。请在 Excel 里“另存为”CSV UTF-8 格式后再上传。"};
  }
  return out;
}

}  // namespace

const char* encoding_name(SourceEncoding encoding) {
  switch (encoding) {
    case SourceEncoding::kUtf8: return "UTF-8";
    case SourceEncoding::kUtf8Bom: return "UTF-8 (BOM)";
    case SourceEncoding::kUtf16Le: return "UTF-16LE";
    case SourceEncoding::kUtf16Be: return "UTF-16BE";
    case SourceEncoding::kGb18030: return "GB18030/GBK";
  }
  return "?";
}

std::optional<size_t> utf8_text_start(std::string_view bytes) {
  if (bytes.empty() || starts_with(bytes, "\xFF\xFE") || starts_with(bytes, "\xFE\xFF")) return std::nullopt;
  const size_t start = starts_with(bytes, "\xEF\xBB\xBF") ? 3 : 0;
  if (is_blank(bytes.substr(start))) return std::nullopt;
  return start;
}

bool is_utf8_text(const Utf8TextScan& scan, size_t text_size) {
  return scan.valid_utf8 && !scan.has_nul && !too_many_controls(scan.controls, text_size);
}

Result<DecodedText> decode_text(std::string bytes) {
  const Error empty{kErrEmptyFile, "文件是空的，没有任何内容。请确认导出的文件是否完整。"};
  if (bytes.empty()) return empty;

  DecodedText result;
  const std::string_view view = bytes;
  if (starts_with(view, "\xEF\xBB\xBF")) {
    const Utf8TextScan scan = scan_utf8_text(view.substr(3));
    if (!scan.valid_utf8) {
      return Error{kErrBadEncoding, "文件开头标明是 UTF-8，但内容里有不是 UTF-8 的字节，文件可能已损坏。"};
    }
    if (!is_utf8_text(scan, view.size() - 3)) return Error{kErrNotText, kNotTextMessage};
    bytes.erase(0, 3);
    result.utf8 = std::move(bytes);
    result.line_feeds = scan.line_feeds;
    result.encoding = SourceEncoding::kUtf8Bom;
  } else if (starts_with(view, "\xFF\xFE") || starts_with(view, "\xFE\xFF")) {
    const bool le = view[0] == '\xFF';
    auto text = decode_utf16(view.substr(2), le);
    if (!text) return text.error();
    result.utf8 = std::move(text).value();
    result.encoding = le ? SourceEncoding::kUtf16Le : SourceEncoding::kUtf16Be;
  } else {
    // One pass answers both questions for the usual UTF-8 file; the rare GB18030 file is looked at again.
    const Utf8TextScan scan = scan_utf8_text(view);
    if (scan.valid_utf8) {
      if (!is_utf8_text(scan, view.size())) return Error{kErrNotText, kNotTextMessage};
      result.utf8 = std::move(bytes);
      result.encoding = SourceEncoding::kUtf8;
      result.line_feeds = scan.line_feeds;
    } else {
      if (looks_binary(view)) return Error{kErrNotText, kNotTextMessage};
      auto text = decode_gb18030(view);
      if (!text) return text.error();
      result.utf8 = std::move(text).value();
      result.encoding = SourceEncoding::kGb18030;
    }
  }
  if (is_blank(result.utf8)) return empty;
  if (result.encoding == SourceEncoding::kUtf16Le || result.encoding == SourceEncoding::kUtf16Be ||
      result.encoding == SourceEncoding::kGb18030) {
    result.line_feeds = static_cast<size_t>(std::count(result.utf8.begin(), result.utf8.end(), '\n'));
  }
  return result;
}

}  // namespace ss
