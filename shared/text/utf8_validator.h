// utf8_validator.h — scan_utf8_text in pieces, front to back: a reader checks each part of a text as it
// reaches it. Why: import_file has the CSV scanner check each block of an upload as it loads it, so the
// file is read from memory once rather than in a validating pass of its own and again to be split
// (import+plan of the 100,000-row export 16.4 -> 15.6 ms on a quiet host; the separate pass took 0.8).
#pragma once

#include <cstddef>
#include <string_view>

#include "text/utf8.h"

namespace ss {

// Which vector loop validates: the best the CPU has, or (for tests, which hold each to the others) a given
// one. A loop the build or CPU lacks is not available (utf8_scan_vectors.h lists them).
enum class Utf8ScanLoop { kBest, kPortable, kAvx2, kAvx512 };
bool utf8_scan_loop_available(Utf8ScanLoop loop);

class Utf8Validator {
 public:
  // `text` must outlive the validator.
  explicit Utf8Validator(std::string_view text, Utf8ScanLoop loop = Utf8ScanLoop::kBest);

  // Checks the text up to at least `end` (to its end when `end` is within a vector step of it): every
  // byte before checked() is then where UTF-8 allows it after the bytes before it (a sequence may go on
  // past checked(); its continuation is checked by the next call). False once any checked byte is not
  // UTF-8; later calls check nothing more.
  bool check_to(size_t end) { return end <= i_ || done_ || !scan_.valid_utf8 ? scan_.valid_utf8 : check_more(end); }
  size_t checked() const { return i_; }
  bool valid() const { return scan_.valid_utf8; }

  // The rest checked: the scan of the whole text, as scan_utf8_text returns it.
  Utf8TextScan finish();

 private:
  using BlockLoop = bool (*)(const unsigned char* p, size_t& i, size_t n, Utf8TextScan& scan);
  bool check_more(size_t end);
  void check_rest();
  void fail();

  const unsigned char* p_;
  size_t n_;
  BlockLoop blocks_;
  size_t i_ = 0;
  size_t vector_start_ = 0;  // where the vector steps began (after the scalar head)
  bool done_ = false;        // the whole text checked
  Utf8TextScan scan_;
};

// scan_utf8_text through a given loop.
Utf8TextScan scan_utf8_text_with(std::string_view s, Utf8ScanLoop loop);

}  // namespace ss
