// A class list from a spreadsheet: CSV exported by LibreOffice or Excel (comma or semicolon,
// optional byte-order mark, quoted fields), one learner per row.
#pragma once

#include "ayllu/problem.h"
#include "ayllu/store/teacher_store.h"

#include <string>
#include <vector>

namespace ayllu::store {

// The picture names a learner can be given to find themselves on a shared PC.
const std::vector<std::string>& signInPictures();

struct RosterImport {
    std::vector<RosterEntry> learners; // ready for TeacherStore::saveLearners
    Problems problems; // file:line for each row refused: save nothing when there are errors
};

// Columns, in any order when the first row names them (nombre/name, pin, idioma/language,
// dibujo/picture), else name[,pin[,language[,picture]]]. Names must be valid UTF-8 and not
// empty; PINs 4 to 8 digits; languages es, qu, ay or en. Learners get fresh ids; `source` names
// the file in problems.
// Learners without a picture get one nobody in `taken` (the class so far) or earlier in the
// file has, while there are such pictures left.
RosterImport parseRosterCsv(const std::string& text, const std::string& classId,
                            const std::string& source, const std::vector<std::string>& taken = {});

} // namespace ayllu::store
