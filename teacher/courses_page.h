// Courses: the packages this console offers, the outline of the one selected, importing a
// package (checked first; problems listed with file and line) and sending it to the class with
// a progress bar per student PC.
#pragma once

#include "console.h"

#include <map>
#include <wx/dataview.h>
#include <wx/gauge.h>
#include <wx/wx.h>

namespace ayllu::teacher {

class CoursesPage : public wxPanel {
public:
    CoursesPage(wxWindow* parent, Console& console);
    void refresh();
    void askAndImport(); // Ctrl+O
    // Imports a zip or folder; returns the problems (errors and warnings) as file:line lines.
    // `ok` says whether it was installed.
    std::vector<std::string> import(const std::string& path, bool* ok = nullptr);
    void pushSelected();
    // A student PC's download: `name` is the PC's name.
    void progress(const std::string& device, const std::string& name, std::uint64_t done,
                  std::uint64_t total);
    void delivered(const std::string& device, const std::string& name, bool ok,
                   const std::string& why);
    int courseCount() const { return list_->GetItemCount(); }
    bool select(const std::string& identifier);
    int gaugeValue(const std::string& device) const;

    std::function<void()> imported; // the other pages reload their lists

private:
    void importAndTell(const std::string& path); // import, and show the problems if it failed
    void showOutline();
    struct Row {
        wxStaticText* label;
        wxGauge* gauge;
    };
    Row& rowFor(const std::string& device, const std::string& name);
    Console& console_;
    wxDataViewListCtrl* list_ = nullptr;
    wxDataViewTreeCtrl* outline_ = nullptr;
    wxScrolledWindow* deliveries_ = nullptr;
    wxBoxSizer* deliveriesSizer_ = nullptr;
    std::map<std::string, Row> rows_;
    std::vector<std::string> ids_;
};

} // namespace ayllu::teacher
