// Building and changing course folders from code (used by importers and tools).
#pragma once

#include "ayllu/course/model.h"

#include <string>

namespace ayllu::course {

// The skeleton of a new course: Spanish title, Spanish offered, one organization.
Package newPackage(const std::string& identifier, const std::string& title);

// Adds `quiz` as a new resource and outline item, with its file at quizzes/<id>.xml; picks a
// free identifier if the quiz's is taken. Returns the resource identifier.
std::string addQuiz(Package& pkg, Quiz quiz, const std::string& title);

} // namespace ayllu::course
