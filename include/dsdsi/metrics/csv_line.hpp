#pragma once
// One line of CSV text (RFC 4180): fields are quoted when they hold a comma, a quote or a line
// break, quotes inside doubled. For tables whose cells may be free text (a sweep's error column,
// a platform path); the simulation's own CSVs hold only numbers and need none of this.
#include <string>
#include <string_view>
#include <vector>

namespace dsdsi {

// The field as it appears in a line.
std::string csv_field(std::string_view text);

// The fields joined with commas, ending in '\n'.
std::string csv_line(const std::vector<std::string>& fields);

// Splits one line (without its '\n') into fields, undoing the quoting. Throws
// std::invalid_argument on a malformed line (an unterminated quote, text after a closing quote).
std::vector<std::string> split_csv_line(std::string_view line);

}  // namespace dsdsi
