// Roster: the class's learners, their sign-in pictures and PINs; add, edit, import a CSV list.
#pragma once

#include "console.h"

#include <wx/dataview.h>
#include <wx/imaglist.h>
#include <wx/wx.h>

namespace ayllu::teacher {

// One learner: name, sign-in picture, PIN (empty: unchanged or none) and language.
class LearnerDialog : public wxDialog {
public:
    LearnerDialog(wxWindow* parent, const store::RosterEntry& entry, bool isNew);
    // Copies the answers into `entry`, or false with what is wrong.
    bool answers(store::RosterEntry& entry, wxString* problem) const;
    void fill(const wxString& name, const wxString& pin, int picture, int language); // tests

private:
    wxTextCtrl* name_ = nullptr;
    wxChoice* picture_ = nullptr;
    wxStaticBitmap* preview_ = nullptr;
    wxTextCtrl* pin_ = nullptr;
    wxChoice* language_ = nullptr;
};

class RosterPage : public wxPanel {
public:
    RosterPage(wxWindow* parent, Console& console);
    void refresh();
    void add();          // Add… : a dialog
    void edit();         // the selected learner
    void askAndImport(); // Import CSV… : a file dialog
    // Imports a CSV file: all rows or none. Returns the problems (empty when imported).
    std::vector<std::string> importCsv(const std::string& path);
    int rowCount() const { return list_->GetItemCount(); }
    wxString cell(int row, int column) const {
        if (column == 0) {
            wxVariant v;
            list_->GetValue(v, static_cast<unsigned>(row), 0);
            wxDataViewIconText t;
            t << v;
            return t.GetText();
        }
        return list_->GetTextValue(static_cast<unsigned>(row), static_cast<unsigned>(column));
    }

private:
    bool editDialog(store::RosterEntry& entry, bool isNew);
    Console& console_;
    wxDataViewListCtrl* list_ = nullptr;
    std::vector<wxIcon> pictures_; // of store::signInPictures(), in that order
    std::vector<store::RosterEntry> shown_;
};

} // namespace ayllu::teacher
