#include "dsdsi/config/jsonl_file.hpp"

#include <algorithm>
#include <fstream>

#include "dsdsi/config/did_you_mean.hpp"
#include "dsdsi/config/input_file.hpp"
#include "dsdsi/config/json_text.hpp"
#include "dsdsi/config/key_path.hpp"
#include "dsdsi/config/problem_list.hpp"

namespace dsdsi {
namespace {

using nlohmann::json;

bool blank(const std::string& text) { return text.find_first_not_of(" \t\r") == std::string::npos; }

}  // namespace

JsonlReader::JsonlReader(std::filesystem::path file, std::vector<ParamSpec> keys,
                         std::size_t max_records)
    : file_(std::move(file)), keys_(std::move(keys)), max_records_(max_records) {}

void JsonlReader::problem(std::size_t line, const std::string& key, const std::string& what) {
  ++problem_count_;
  if (problems_.size() >= kMaxFileProblems) return;
  std::string text = file_.string();
  if (line != 0) text += ":" + std::to_string(line);
  text += ": ";
  if (!key.empty()) text += key + ": ";
  problems_.push_back(text + what);
}

std::vector<std::string> JsonlReader::problems() const {
  std::vector<std::string> out = problems_;
  if (problem_count_ > problems_.size()) {
    out.push_back(file_.string() + ": ... and " +
                  std::to_string(problem_count_ - problems_.size()) + " more problems");
  }
  return out;
}

void JsonlReader::read(const std::function<void(std::size_t, const json&)>& on_line) {
  if (const auto why = input_file_problem(file_.string(), kMaxReferencedFileBytes)) {
    problem(0, "", "cannot be read: " + *why);
    return;
  }
  std::ifstream in(file_, std::ios::binary);
  if (!in) {
    problem(0, "", "cannot be read");
    return;
  }
  std::string text;
  std::size_t number = 0;
  while (std::getline(in, text)) {
    ++number;
    if (blank(text)) continue;
    if (lines_ == max_records_) {
      problem(number, "",
              "more than " + std::to_string(max_records_) +
                  " records (dsdsi's limit: validating a million takes seconds and about 600 MB)");
      return;
    }
    ++lines_;
    check_line(number, text, on_line);
  }
}

void JsonlReader::check_line(std::size_t line, const std::string& text,
                             const std::function<void(std::size_t, const json&)>& on_line) {
  // A key given twice on a line is refused, as in a scenario (the parser would keep the last).
  ParsedJsonText parsed = parse_json_text(text);
  if (parsed.error) {
    const JsonTextError& error = *parsed.error;
    if (error.kind == JsonTextErrorKind::malformed) {
      problem(line, "", "malformed JSON: " + error.reason);
    } else {
      problem(line, error.where.size() == 1 ? error.where.front() : to_pointer(error.where),
              error.reason);
    }
    return;
  }
  json& object = parsed.value;
  if (!object.is_object()) {
    problem(line, "", "must be a JSON object, got " + show_value(object));
    return;
  }
  bool ok = true;
  for (const auto& where : parsed.duplicate_keys) {
    problem(line, where.size() == 1 ? where.front() : to_pointer(where),
            "duplicate key (each key may appear once on a line)");
    ok = false;
  }
  std::vector<std::string> known;
  for (const auto& spec : keys_) known.push_back(spec.path);
  for (const auto& [key, value] : object.items()) {
    const bool declared = std::find(known.begin(), known.end(), key) != known.end();
    if (!declared) {
      problem(line, key, "unknown key" + did_you_mean(key, known));
      ok = false;
    }
  }
  for (const auto& spec : keys_) {
    const auto found = object.find(spec.path);
    if (found == object.end()) {
      if (spec.presence == Presence::required) {
        problem(line, spec.path, "required");
        ok = false;
      }
      continue;
    }
    if (const auto why = check_value(spec, *found)) {
      problem(line, spec.path, *why);
      ok = false;
    }
  }
  if (ok) on_line(line, object);
}

}  // namespace dsdsi
