// Writing course packages as XML. The output parses back to an equal model.
#pragma once

#include "ayllu/course/model.h"

#include <string>

namespace ayllu::course {

std::string writeManifest(const Manifest& m);
std::string writeLesson(const Lesson& l);
std::string writeQuiz(const Quiz& q);
std::string writeDrill(const Drill& d);

// Writes imsmanifest.xml and every lesson, quiz and drill to the href of its resource, under
// `dir` (created if needed). Media files are not touched. Throws ayllu::Error on I/O failure;
// each file is written to a temporary name and renamed, so a failure leaves the old file whole.
void savePackage(const Package& pkg, const std::string& dir);

// Writes `bytes` to `path` through a temporary file in the same folder and a rename.
void writeFileAtomically(const std::string& path, const std::string& bytes);

} // namespace ayllu::course
