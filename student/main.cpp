// ayllu-student: the learners' client.
#include "student_app.h"

wxIMPLEMENT_APP(ayllu::student::StudentApp);
