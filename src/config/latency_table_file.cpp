#include "dsdsi/config/latency_table_file.hpp"

#include <charconv>
#include <cmath>
#include <fstream>
#include <optional>
#include <string_view>

#include "dsdsi/config/input_file.hpp"
#include "dsdsi/config/param_spec.hpp"
#include "dsdsi/config/problem_list.hpp"

namespace dsdsi {
namespace {

constexpr std::string_view kHeader = "batched_tokens,ms";

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r") - first + 1);
}

std::vector<std::string_view> split_fields(std::string_view line) {
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = line.find(',', start);
    fields.push_back(trim(line.substr(start, comma - start)));
    if (comma == std::string_view::npos) return fields;
    start = comma + 1;
  }
}

// A finite decimal number written the whole field long; locale-independent.
std::optional<double> parse_number(std::string_view text) {
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() ||
      !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

std::string json_quoted(std::string_view text) {
  return show_value(nlohmann::json(std::string(text)));
}

class TableReader {
 public:
  explicit TableReader(const std::filesystem::path& file) : name_(file.string()) {}

  void problem(std::size_t line, const std::string& what) {
    ++problem_count_;
    if (result_.problems.size() < kMaxFileProblems) {
      result_.problems.push_back(name_ + (line ? ":" + std::to_string(line) : "") + ": " + what);
    }
  }

  void header(std::size_t line, std::string_view text) {
    const auto fields = split_fields(text);
    if (fields.size() != 2 || fields[0] != "batched_tokens" || fields[1] != "ms") {
      problem(line,
              "the header must be " + json_quoted(kHeader) + ", got " + json_quoted(trim(text)));
    }
  }

  void row(std::size_t line, std::string_view text) {
    ++rows_;  // counted even when malformed: a table of 2 rows, one of them wrong, has 2 rows
    last_row_line_ = line;
    const auto fields = split_fields(text);
    if (fields.size() != 2) {
      problem(line, "expected 2 comma-separated fields (batched_tokens,ms), got " +
                        std::to_string(fields.size()) + ": " + json_quoted(trim(text)));
      return;
    }
    const auto tokens = parse_number(fields[0]);
    const auto ms = parse_number(fields[1]);
    bool ok = true;
    if (!tokens || *tokens <= 0) {
      problem(line, "batched_tokens must be a number > 0, got " + json_quoted(fields[0]));
      ok = false;
    }
    if (!ms || *ms <= 0) {
      problem(line, "ms must be a number > 0, got " + json_quoted(fields[1]));
      ok = false;
    }
    if (tokens && last_tokens_ && *tokens <= *last_tokens_) {
      problem(line, "batched_tokens must be strictly ascending: " + std::string(fields[0]) +
                        " follows " + last_tokens_text_ + " (line " +
                        std::to_string(last_tokens_line_) + ")");
      ok = false;
    }
    if (tokens) {
      last_tokens_ = *tokens;
      last_tokens_text_ = std::string(fields[0]);
      last_tokens_line_ = line;
    }
    if (ok) result_.points.emplace_back(*tokens, *ms);
  }

  LatencyTableFile finish(bool saw_header) {
    if (!saw_header) {
      problem(0, "no header and no rows: expected " + json_quoted(kHeader) +
                     " followed by at least 2 rows");
    } else if (rows_ < 2) {
      problem(last_row_line_, "only " + std::to_string(rows_) + (rows_ == 1 ? " row" : " rows") +
                                  " after the header; a table needs at least 2 to interpolate");
    }
    if (problem_count_ > result_.problems.size()) {
      result_.problems.push_back(name_ + ": ... and " +
                                 std::to_string(problem_count_ - result_.problems.size()) +
                                 " more problems");
    }
    if (!result_.problems.empty()) result_.points.clear();
    return std::move(result_);
  }

 private:
  std::string name_;
  LatencyTableFile result_;
  std::size_t problem_count_ = 0;
  std::size_t rows_ = 0;
  std::size_t last_row_line_ = 0;
  std::optional<double> last_tokens_;
  std::string last_tokens_text_;
  std::size_t last_tokens_line_ = 0;
};

}  // namespace

LatencyTableFile read_latency_table(const std::filesystem::path& file) {
  if (const auto why = input_file_problem(file.string(), kMaxReferencedFileBytes)) {
    return {{}, {file.string() + ": cannot be read: " + *why}};
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) return {{}, {file.string() + ": cannot be read"}};
  TableReader reader(file);
  bool saw_header = false;
  std::size_t number = 0;
  std::string line;
  while (std::getline(in, line)) {
    ++number;
    const std::string_view text = trim(line);
    if (text.empty() || text.front() == '#') continue;
    if (!saw_header) {
      reader.header(number, text);
      saw_header = true;
    } else {
      reader.row(number, text);
    }
  }
  return reader.finish(saw_header);
}

}  // namespace dsdsi
