// One lesson page, every block type, in the learner's language (Spanish when missing).
#pragma once

#include "ayllu/course/model.h"

#include <functional>
#include <wx/wx.h>

namespace ayllu::student {

class LessonPanel : public wxPanel {
public:
    explicit LessonPanel(wxWindow* parent);
    // Self-paced: Previous/Next under the page; `navigate(-1 or +1)` is called on a press.
    void setNavigation(std::function<void(int)> navigate) { navigate_ = std::move(navigate); }
    void showNavigation(bool show, std::size_t index, std::size_t count);
    void press(int delta) {
        if (navigate_) {
            navigate_(delta);
        }
    } // tests and shortcuts
    void setRoot(const std::string& packageRoot) { root_ = packageRoot; }
    void showPage(const course::Lesson& lesson, const course::Page& page,
                  const std::string& language);
    void showMessage(const wxString& message);

private:
    void addText(wxSizer* sizer, const wxString& text, double scale, bool bold,
                 const wxColour& bg = wxNullColour);
    std::string root_;
    wxScrolledWindow* page_ = nullptr;
    wxPanel* nav_ = nullptr;
    wxStaticText* where_ = nullptr;
    wxButton* prev_ = nullptr;
    wxButton* next_ = nullptr;
    std::function<void(int)> navigate_;
};

} // namespace ayllu::student
