// Reading course packages. Every problem found goes to `problems` with its file and line; what
// could be read is returned even when there were problems, so a validator can report them all.
#pragma once

#include "ayllu/course/model.h"
#include "ayllu/problem.h"
#include "ayllu/xml.h"

#include <string>

namespace ayllu::course {

Manifest parseManifest(const xml::Document& doc, Problems& problems);
Lesson parseLesson(const xml::Document& doc, Problems& problems);
Quiz parseQuiz(const xml::Document& doc, Problems& problems);
Drill parseDrill(const xml::Document& doc, Problems& problems);

// Reads a package folder: imsmanifest.xml, then every lesson, quiz and drill it lists.
// Structural problems go to `problems`; cross-checks (references, files, languages, answers)
// are validate()'s.
Package loadPackage(const std::string& dir, Problems& problems);

} // namespace ayllu::course
