// Drills in the live class, on the lesson tab: the drills of the chosen course, handed to the
// whole class or to the PCs selected on the class tab, taken back, and a line per learner
// saying what their tile says (progress, then the result).
#pragma once

#include "console.h"

#include <functional>
#include <wx/wx.h>

namespace ayllu::teacher {

class DrillBox : public wxPanel {
public:
    DrillBox(wxWindow* parent, Console& console);
    // The course chosen on the lesson tab: its drills are listed.
    void setCourse(const std::string& course);
    // Where the PCs of the learners selected on the class tab come from.
    void setSelectedDevices(std::function<std::vector<std::string>()> f) {
        selected_ = std::move(f);
    }
    // Hands the chosen drill to every PC, or only to the selected ones.
    void give(bool selectedOnly);
    void end();
    // Says again who is where (after the class changed).
    void refresh();

private:
    std::string titleOf(const std::string& course, const std::string& drill) const;
    Console& console_;
    std::string course_;
    std::vector<std::string> drillIds_;
    wxListBox* drills_ = nullptr;
    wxButton* toClass_ = nullptr;
    wxButton* toSelected_ = nullptr;
    wxButton* end_ = nullptr;
    wxScrolledWindow* statusArea_ = nullptr; // a line per learner: scrolls in a big class
    wxStaticText* status_ = nullptr;
    std::function<std::vector<std::string>()> selected_;
    wxString note_;  // why the last action did nothing
    wxString shown_; // the status as last set, before wrapping
};

} // namespace ayllu::teacher
