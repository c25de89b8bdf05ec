// The class at a glance: a tile per learner (name, PC, online, page, state, raised hand, last
// live answer). Click selects one, Ctrl+click adds or removes, Ctrl+A selects all, Escape
// clears. Redrawn double-buffered from a list given at most a few times a second.
#pragma once

#include "ayllu/classroom/teacher_service.h"

#include <functional>
#include <set>
#include <vector>
#include <wx/wx.h>

namespace ayllu::teacher {

class ClassPanel : public wxScrolledWindow {
public:
    explicit ClassPanel(wxWindow* parent);
    // `state` tells which screens are locked.
    void setStudents(std::vector<classroom::StudentView> students,
                     const classroom::ClassState& state);
    const std::vector<classroom::StudentView>& students() const { return students_; }

    // The PCs of the selected learners (what "lock selected" locks).
    std::vector<std::string> selectedDevices() const;
    std::size_t selectedCount() const { return selected_.size(); }
    void selectAll();
    void clearSelection();
    void toggle(std::size_t index, bool add); // like a click (add: Ctrl+click)
    void onSelectionChanged(std::function<void()> f) { selectionChanged_ = std::move(f); }
    // Benchmarks: how many times the tiles were painted, and the longest paint.
    int paints() const { return paints_; }
    double maxPaintMs() const { return maxPaintMs_; }

private:
    void onPaint(wxPaintEvent&);
    void onClick(wxMouseEvent& e);
    void onKey(wxKeyEvent& e);
    int columns() const;
    wxRect tileRect(std::size_t index) const;
    std::vector<classroom::StudentView> students_;
    classroom::ClassState state_;
    std::set<std::string> selected_; // learner ids
    std::size_t focus_ = 0;
    std::function<void()> selectionChanged_;
    int paints_ = 0;
    double maxPaintMs_ = 0;
};

} // namespace ayllu::teacher
