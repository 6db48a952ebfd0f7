// How msgsim's numeric options are read, so that a value the user did not
// mean is refused by name (exit 2) instead of run.
//
// Whole-number options (--seed, --replications, --port) are read as decimal
// digits. CLI11's own conversion reads a leading zero as octal ("010" is 8)
// and clamps a number past the type's range to its largest value, both
// without a word, and either would run (and report) another value than the
// one asked for. These validators refuse what is not a decimal whole number
// up to the option's largest value, by name, and drop leading zeros so
// that CLI11 reads "010" as ten.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <optional>
#include <string>

namespace msgsim::cli {

// "" when `text` is a whole number from 0 to `largest` (decimal digits,
// leading zeros allowed), else what is wrong with it.
std::string decimal_text_problem(const std::string& text, const std::string& largest);

// A transform for an option's text: checks it as above, then drops its
// leading zeros. Range checks of the value come after it.
CLI::Validator decimal_whole_number(std::string largest);

// A check for a real-valued option: a finite number from `low` to `high`
// (CLI11's Range lets "nan" through, which compares false both ways; a NaN
// speed stopped the live pacer's check, a NaN threshold judged nothing).
// Without `high`, any finite number from `low` up.
CLI::Validator finite_number(double low, std::optional<double> high = std::nullopt);

// --seed: 0 to 2^64 - 1.
CLI::Option* add_seed_option(CLI::App& command, std::optional<std::uint64_t>& seed);

}  // namespace msgsim::cli
