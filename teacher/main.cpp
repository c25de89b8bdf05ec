// ayllu-teacher: the teacher's console.
#include "teacher_app.h"

#include <cstdlib>

wxIMPLEMENT_APP_NO_MAIN(ayllu::teacher::TeacherApp);

int main(int argc, char** argv) {
    setenv("GDK_GL", "disable", 0); // as in the student client: no GL probing on old PCs
    return wxEntry(argc, argv);
}
