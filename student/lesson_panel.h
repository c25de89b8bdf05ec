// One lesson page, every block type, in the learner's language (Spanish when missing).
#pragma once

#include "ayllu/course/model.h"

#include <wx/wx.h>

namespace ayllu::student {

class LessonPanel : public wxScrolledWindow {
public:
    explicit LessonPanel(wxWindow* parent);
    void setRoot(const std::string& packageRoot) { root_ = packageRoot; }
    void showPage(const course::Lesson& lesson, const course::Page& page,
                  const std::string& language);
    void showMessage(const wxString& message);

private:
    void addText(wxSizer* sizer, const wxString& text, double scale, bool bold,
                 const wxColour& bg = wxNullColour);
    std::string root_;
};

} // namespace ayllu::student
