#include "ayllu/drill/save_file.h"

#include "ayllu/i18n.h"
#include "ayllu/problem.h"

#include <filesystem>
#include <fstream>

namespace ayllu::drill {

namespace fs = std::filesystem;
using i18n::fmt;

namespace {

std::string paramOr(const course::Drill& d, const char* name, const char* fallback) {
    const auto it = d.params.find(name);
    return it == d.params.end() || it->second.empty() ? fallback : it->second;
}

// Is `path` inside `root` (after resolving "..", links and the like)?
bool inside(const fs::path& root, const fs::path& path) {
    const auto r = fs::weakly_canonical(root);
    const auto p = fs::weakly_canonical(path);
    auto ri = r.begin();
    auto pi = p.begin();
    for (; ri != r.end(); ++ri, ++pi) {
        if (pi == p.end() || *ri != *pi) {
            return false;
        }
    }
    return pi != p.end();
}

} // namespace

SaveFileDrill::SaveFileDrill(const course::Drill& drill, std::string practiceRoot)
    : drill_(drill), root_(std::move(practiceRoot)),
      folder_(paramOr(drill, "folder", "Documentos")),
      fileName_(paramOr(drill, "fileName", "documento.txt")) {
    std::error_code ec;
    for (const char* f : {"Documentos", "Tareas", "Fotos", "Música"}) {
        fs::create_directories(fs::path(root_) / f, ec);
    }
    fs::create_directories(fs::path(root_) / folder_, ec);
    if (ec || !fs::is_directory(fs::path(root_) / folder_)) {
        throw Error(fmt(_("Could not make the practice folder %1: %2"), root_, ec.message()));
    }
    fs::remove(fs::path(root_) / folder_ / fileName_, ec); // it must be saved again
}

SaveOutcome SaveFileDrill::save(const std::string& chosen, const std::string& content) {
    SaveOutcome out;
    if (done_) {
        return out;
    }
    fs::path path(chosen);
    const fs::path want(fileName_);
    if (!path.has_extension() && want.has_extension()) {
        path += want.extension(); // typed without ".txt": the dialog would not add it
    }
    if (!inside(root_, path)) {
        out.message = fmt(_("Save it inside the practice folder %1."), root_);
        return out;
    }
    const fs::path tmp = path.string() + ".part";
    {
        std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
        f << content;
        f.flush();
        if (!f) {
            std::error_code ec;
            fs::remove(tmp, ec);
            out.message = fmt(_("Could not write %1 (is the disk full?)"), path.string());
            return out;
        }
    }
    std::error_code ec;
    fs::rename(tmp, path, ec);
    if (ec) {
        fs::remove(tmp, ec);
        out.message = fmt(_("Could not write %1 (is the disk full?)"), path.string());
        return out;
    }
    out.saved = true;
    out.path = path.string();
    const bool rightFolder =
        fs::weakly_canonical(path.parent_path()) == fs::weakly_canonical(fs::path(root_) / folder_);
    const bool rightName = path.filename() == want;
    out.correct = rightFolder && rightName;
    if (out.correct) {
        done_ = true;
        out.message = fmt(_("Saved: %1 is in the folder %2."), fileName_, folder_);
    } else {
        ++misses_;
        out.message = !rightFolder
                          ? fmt(_("It was saved, but in the folder %1. Save it again in the "
                                  "folder %2."),
                                path.parent_path().filename().string(), folder_)
                          : fmt(_("It was saved as %1. Save it again with the name %2."),
                                path.filename().string(), fileName_);
    }
    return out;
}

PointerResult SaveFileDrill::result(double seconds) const {
    // "accuracy 100" in a save-file drill means "right the first time"; most give a time.
    return scorePresses(drill_, 1, done_ ? 1 : 0, misses_, done_, seconds);
}

} // namespace ayllu::drill
