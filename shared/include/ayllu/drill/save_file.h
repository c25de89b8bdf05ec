// The save-a-file drill: the learner writes a line in a small document and saves it, through
// the real Save dialog, under a given name in a given folder. Everything happens inside a
// practice folder of the learner's own, never anywhere else on the PC.
#pragma once

#include "ayllu/course/model.h"
#include "ayllu/drill/pointer.h"

#include <string>

namespace ayllu::drill {

struct SaveOutcome {
    bool saved = false;   // a file was written
    bool correct = false; // in the right folder, with the right name: the drill is done
    std::string path;     // what was written
    std::string message;  // for the learner, translated
};

class SaveFileDrill {
public:
    // Makes `practiceRoot` with the usual folders (Documentos, Tareas, Fotos, Música and the
    // drill's folder) and removes an earlier copy of the file, so it must really be saved.
    // Throws ayllu::Error when the folder can't be made.
    SaveFileDrill(const course::Drill& drill, std::string practiceRoot);

    const std::string& root() const { return root_; }
    const std::string& folder() const { return folder_; }
    const std::string& fileName() const { return fileName_; }

    // The learner chose `path` in the Save dialog. A path outside the practice folder is
    // refused (nothing written); one inside is written atomically, and counts as a miss when
    // the folder or name is not the one asked for. A name typed without its extension gets it.
    SaveOutcome save(const std::string& path, const std::string& content);
    bool finished() const { return done_; }
    PointerResult result(double seconds) const;

private:
    course::Drill drill_;
    std::string root_, folder_, fileName_;
    int misses_ = 0;
    bool done_ = false;
};

} // namespace ayllu::drill
