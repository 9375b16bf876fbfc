// cell_cleaning.h — cleaning of the key cells (用户ID, 课程) before they are compared with Bitable.
//
// Why: the 用户ID is the join key between the file and both tables. A padded ID (" u_… "), an Excel guard
// ('u_…, ="u_…", a leading tab) or an invisible zero-width character copied from a web page would make the
// same person look new, and a duplicate student would be created. Nicknames are deliberately NOT cleaned:
// they are kept exactly (emoji, commas, quotes, inner spaces).
#pragma once

#include <string>
#include <string_view>

namespace ss {

// Trims Unicode spaces, removes Excel guards and every zero-width character.
std::string clean_user_id(std::string_view raw);

// Trims Unicode spaces and zero-width characters at both ends; inner text unchanged.
std::string clean_course(std::string_view raw);

}  // namespace ss
