// What a learner's tile says about the drill handed to the class: "drill 3/10" while they do
// it, "✔ 92 %" or "✘ 40 %" once the result is committed; "" when there is nothing to say.
// Kept apart from the tiles' drawing so both the tiles and the drill list say the same.
#pragma once

#include "ayllu/classroom/class_state.h"
#include "ayllu/classroom/teacher_service.h"

#include <wx/string.h>

namespace ayllu::teacher {

wxString drillStatus(const classroom::StudentView& s, const classroom::ClassState& state);

} // namespace ayllu::teacher
