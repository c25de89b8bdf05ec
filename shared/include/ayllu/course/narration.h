// Recorded narration: a person reading a lesson page aloud, one recording per language
// (<narration xml:lang="qu" src="media/p1-qu.ogg"/>; see docs/package-format.md).
#pragma once

#include "ayllu/course/model.h"
#include "ayllu/problem.h"

#include <set>
#include <string>

namespace ayllu::course {

// Checks every narration of the lesson of resource `resourceId`, whose package is unpacked in
// `dir`: each recording is in a language the course declares, is a safe path to a file that
// exists, and is audio the format accepts (what <audio> blocks accept: Ogg, Opus, WAV, MP3,
// with their signatures); a file not listed by the lesson's resource is a warning. (One per
// language is checked when the lesson is read.) Returns the package paths the narrations use,
// normalised, so the validator does not report them as unreferenced.
std::set<std::string> checkNarrations(const Package& pkg, const std::string& resourceId,
                                      const Lesson& lesson, const std::string& dir,
                                      Problems& problems);

} // namespace ayllu::course
