#include "parser/pg_query_api.hpp"

#include <pg_query.h>

#include "util/line_index.hpp"

namespace driftless::parser {

namespace {
// Owns a libpg_query result by value and frees it with the matching function.
template <typename Result, void (*Free)(Result)>
class Owned {
  public:
    explicit Owned(Result result) : result_(result) {}
    Owned(const Owned&) = delete;
    Owned& operator=(const Owned&) = delete;
    ~Owned() { Free(result_); }
    const Result* operator->() const { return &result_; }

  private:
    Result result_;
};
using OwnedParse = Owned<PgQueryParseResult, pg_query_free_parse_result>;
using OwnedSplit = Owned<PgQuerySplitResult, pg_query_free_split_result>;
}  // namespace

ParseOutput parse_sql(const std::string& text) {
    OwnedParse result(pg_query_parse(text.c_str()));
    ParseOutput output;
    if (result->error) {
        SyntaxError error{result->error->message ? result->error->message : "syntax error", {}};
        // cursorpos is 1-based and counts characters, not bytes.
        if (result->error->cursorpos > 0) {
            error.byte_offset =
                byte_offset_of_char(text, static_cast<std::size_t>(result->error->cursorpos - 1));
        }
        output.error = std::move(error);
        return output;
    }
    output.tree = nlohmann::json::parse(result->parse_tree);
    return output;
}

std::vector<StatementRange> split_with_scanner(const std::string& text) {
    OwnedSplit result(pg_query_split_with_scanner(text.c_str()));
    std::vector<StatementRange> ranges;
    if (result->error) return ranges;
    for (int i = 0; i < result->n_stmts; ++i) {
        const PgQuerySplitStmt* stmt = result->stmts[i];
        ranges.push_back({static_cast<std::size_t>(stmt->stmt_location),
                          static_cast<std::size_t>(stmt->stmt_len)});
    }
    return ranges;
}

}  // namespace driftless::parser
