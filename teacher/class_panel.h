// The class at a glance: a tile per learner (sign-in picture, name, PC, what they are doing and
// where, raised hand, locked screen, last live answer). Each tile is a child window with an
// accessible name ("Ana Condori, PC vm·3f2a, answering") and description (the page's title...),
// so a screen reader reads the class. Click selects one, Ctrl+click adds or removes, Ctrl+A
// selects all, Escape clears. Redrawn double-buffered from a list given a few times a second.
#pragma once

#include "ayllu/classroom/teacher_service.h"

#include <functional>
#include <map>
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
    // What a screen reader says for the tile at `index`: its name and its description.
    wxString tileName(std::size_t index) const;
    wxString tileDescription(std::size_t index) const;
    // Benchmarks: how many times tiles were painted, and the longest paint.
    int paints() const { return paints_; }
    double maxPaintMs() const { return maxPaintMs_; }

private:
    class Tile;
    void onPaint(wxPaintEvent&);
    void onKey(wxKeyEvent& e);
    void onTileClick(std::size_t index, const wxMouseEvent& e);
    void paintTile(wxDC& dc, std::size_t index, const wxRect& r);
    void placeTiles();
    const wxBitmap& picture(const std::string& name);
    int columns() const;
    wxRect tileRect(std::size_t index) const;
    std::vector<classroom::StudentView> students_;
    classroom::ClassState state_;
    std::vector<Tile*> tiles_; // one per learner, in the order of students_
    std::map<std::string, wxBitmap> pictures_;
    std::set<std::string> selected_; // learner ids
    std::size_t focus_ = 0;
    std::function<void()> selectionChanged_;
    int paints_ = 0;
    double maxPaintMs_ = 0;
};

} // namespace ayllu::teacher
