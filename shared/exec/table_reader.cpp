// table_reader.cpp — see table_reader.h.
#include "exec/table_reader.h"

#include "feishu/search_request.h"
#include "feishu/search_response.h"

namespace ss {

TableReader::TableReader(CallRunner& runner, const BitableRoutes& routes, const SyncSchema& schema,
                         std::vector<ExtraColumn> extras)
    : runner_(runner), routes_(routes), schema_(schema), extras_(std::move(extras)), alive_(std::make_shared<bool>(true)) {}

TableReader::~TableReader() { *alive_ = false; }

void TableReader::read(ReadJob job, std::function<void(Result<ReadOutcome>)> done) {
  job_ = std::move(job);
  done_ = std::move(done);
  out_ = ReadOutcome{};
  body_ = 0;
  pages_in_body_ = 0;
  token_ = job_.first_page_token;
  first_page_ = true;
  next_page();
}

void TableReader::next_page() {
  if (body_ >= job_.bodies.size()) {
    auto done = std::move(done_);
    return done(std::move(out_));
  }
  HttpRequest req;
  req.method = "POST";
  req.path = routes_.path(job_.table, BitableOp::kSearch, search_query(job_.page_size, token_));
  req.body = job_.bodies[body_].dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  req.headers.push_back({"Content-Type", "application/json; charset=utf-8"});
  std::weak_ptr<bool> alive = alive_;
  runner_.run(std::move(req), false, [this, alive](CallResult r) {
    auto a = alive.lock();
    if (!a || !*a) return;
    auto done = [this](Result<ReadOutcome> v) {
      auto cb = std::move(done_);
      cb(std::move(v));
    };
    if (!r.ok()) return done(Error{r.last.code, r.last.message});
    auto page = parse_search_response(r.response.body, job_.table, schema_, extras_);
    if (!page.ok()) return done(page.error());
    ++out_.calls;
    ++pages_in_body_;
    if (first_page_) out_.total = page->total;
    first_page_ = false;
    out_.has_more = page->has_more;
    out_.page_token = page->has_more ? page->page_token : std::string();
    const bool more = page->has_more && !page->page_token.empty();
    append_page(out_.part, std::move(page.value()));
    if (more && (job_.max_pages == 0 || pages_in_body_ < job_.max_pages)) {
      token_ = out_.page_token;
    } else {
      ++body_;
      pages_in_body_ = 0;
      token_.clear();
    }
    next_page();
  });
}

}  // namespace ss
