// The learner's courses on this PC: each lesson, practice quiz and drill is a big button that
// opens it with one click (or Enter or Space); what the learner finished is marked "✔".
#pragma once

#include "ayllu/course/model.h"

#include <functional>
#include <map>
#include <set>
#include <utility>
#include <wx/wx.h>

namespace ayllu::student {

class OutlinePanel : public wxPanel {
public:
    using Item = std::pair<std::string, std::string>; // course identifier, resource id
    // open(course identifier, resource id)
    using Open = std::function<void(const std::string&, const std::string&)>;
    OutlinePanel(wxWindow* parent, Open open);
    // `done`: the items this learner finished; `focus`: the item to select (the one just left).
    // `teacherHere`: the class is connected (the words under the title say so).
    void setCourses(const std::map<std::string, const course::Package*>& courses,
                    const std::string& language, const std::set<Item>& done, bool teacherHere,
                    const Item& focus = {});
    // A line over the list, e.g. how the drill just finished went; empty hides it.
    void setNote(const wxString& note);
    // The title shown for an item (with its mark): tests and the accessibility tree read it.
    static wxString label(const wxString& title, bool done);

private:
    Open open_;
    wxStaticText* note_ = nullptr;
    wxStaticText* result_ = nullptr;
    wxScrolledWindow* list_ = nullptr;
};

} // namespace ayllu::student
