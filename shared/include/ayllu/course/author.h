// Building and changing course folders from code (used by importers and tools).
#pragma once

#include "ayllu/course/model.h"

#include <string>
#include <vector>

namespace ayllu::course {

// The skeleton of a new course: Spanish title, Spanish offered, one organization.
Package newPackage(const std::string& identifier, const std::string& title);

// Adds `quiz` as a new resource and outline item, with its file at quizzes/<id>.xml; picks a
// free identifier if the quiz's is taken. Returns the resource identifier.
std::string addQuiz(Package& pkg, Quiz quiz, const std::string& title);

// What a student PC receives: the package in `dir` copied to `outDir` (which must not exist)
// without the quizzes a teacher can run live (mode "live" or "both"), whose answer keys must
// not be on a student's disk before the teacher reveals them; the manifest loses their
// resources and items. Self-paced quizzes stay, keys included (practice graded on the PC).
// Returns the identifiers of the resources left out. Throws ayllu::Error when the result would
// not validate.
std::vector<std::string> studentEdition(const std::string& dir, const std::string& outDir);

} // namespace ayllu::course
