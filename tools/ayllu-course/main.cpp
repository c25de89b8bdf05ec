// ayllu-course: validate, pack, unpack, describe and import course packages.
#include "commands.h"

int main(int argc, char** argv) {
    return ayllu::tools::runCourseTool(argc, argv);
}
