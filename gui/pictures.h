// The sign-in pictures: a simple coloured drawing for each picture name of the roster, so a
// learner who does not read yet finds their button by its picture. Drawn, not loaded: no image
// files to install, sharp at any size. Used by the student's sign-in screen and the console.
#pragma once

#include <string>
#include <wx/bitmap.h>

namespace ayllu::gui {

// A square picture `size` pixels wide for one of store::signInPictures() (a neutral badge with
// the name's first letter for any other name).
wxBitmap signInPicture(const std::string& name, int size);

} // namespace ayllu::gui
