// widgets.h — small helpers shared by the screens.
#pragma once

#include <cstdint>
#include <string>

#include "app_state.h"

namespace ss::app {

// Records the last ImGui item's rectangle under `id`, for the browser tests' test hook.
void track_last_item(AppState& state, const char* id);

// A button whose label is translated and whose rectangle is tracked under `id`.
bool tracked_button(AppState& state, const char* id, const char* label);

// "12,345"
std::string with_thousands(std::size_t n);

// "2024-01-15" for a local-midnight timestamp in the schema's zone.
std::string date_text(std::int32_t day);  // days since 1970-01-01 → "2024-01-15"

// Large coloured number with a caption, for the preview's and report's counts.
void count_tile(AppState& state, const char* id, const char* caption, std::size_t value, std::uint32_t color);

constexpr std::uint32_t kColorGreen = 0xFF2E8B3D;   // ImGui colours are ABGR
constexpr std::uint32_t kColorBlue = 0xFFD06A1F;
constexpr std::uint32_t kColorGrey = 0xFF707070;
constexpr std::uint32_t kColorRed = 0xFF2A2AD0;
constexpr std::uint32_t kColorOrange = 0xFF1A7FE0;

}  // namespace ss::app
