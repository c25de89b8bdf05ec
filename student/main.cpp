// ayllu-student: the learners' client.
#include "student_app.h"

#include <cstdlib>

wxIMPLEMENT_APP_NO_MAIN(ayllu::student::StudentApp);

int main(int argc, char** argv) {
    // The client draws nothing with OpenGL, yet GTK 3 probes it when it opens the display; on PCs
    // without a GL driver that loads Mesa's software renderer and LLVM (~55 MB resident).
    setenv("GDK_GL", "disable", 0); // a value the user set wins
    return wxEntry(argc, argv);
}
