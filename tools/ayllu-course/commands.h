#pragma once

namespace ayllu::tools {

// Exit codes: 0 done, 1 the input has problems or the work failed, 2 the command line is wrong.
enum Exit { kOk = 0, kProblems = 1, kUsage = 2 };

int runCourseTool(int argc, char** argv);

} // namespace ayllu::tools
