// Working without the teacher: the courses on this PC, their lessons and typing drills.
#pragma once

#include "ayllu/course/model.h"

#include <functional>
#include <map>
#include <wx/treectrl.h>
#include <wx/wx.h>

namespace ayllu::student {

class OutlinePanel : public wxPanel {
public:
    // open(course identifier, resource id)
    using Open = std::function<void(const std::string&, const std::string&)>;
    OutlinePanel(wxWindow* parent, Open open);
    void setCourses(const std::map<std::string, const course::Package*>& courses,
                    const std::string& language);

private:
    Open open_;
    wxTreeCtrl* tree_ = nullptr;
    std::map<wxTreeItemId, std::pair<std::string, std::string>> targets_;
};

} // namespace ayllu::student
