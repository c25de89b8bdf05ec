// The gradebook's catalog of what the courses hold: titles in one language, a lesson's pages, a
// quiz's questions. Built from the packages the console offers.
#pragma once

#include "ayllu/course/model.h"
#include "ayllu/store/gradebook.h"

#include <string>
#include <vector>

namespace ayllu::course {

store::Catalog catalogOf(const std::vector<const Package*>& packages, const std::string& language);

} // namespace ayllu::course
