#include "class_panel.h"

#include "accessible.h"
#include "bar_chart.h"
#include "drill_status.h"
#include "pictures.h"
#include "tr.h"

#include <algorithm>
#include <chrono>
#include <wx/dcbuffer.h>

namespace ayllu::teacher {

using gui::u8;

namespace {
constexpr int kTileW = 250;
constexpr int kTileH = 124;
constexpr int kGap = 10;
constexpr int kPicture = 44;
const wxColour kBackground(236, 239, 241);

// What the learner is doing (StudentView::activity), in words.
wxString activityLabel(const std::string& activity) {
    if (activity == "reading") {
        return _("reading");
    }
    if (activity == "answering") {
        return _("answering");
    }
    if (activity == "done") {
        return _("done");
    }
    if (activity == "needs help") {
        return _("needs help");
    }
    if (activity == "drill") {
        // TRANSLATORS: a learner doing a mouse or keyboard drill (a tile of the class view).
        return _("practising");
    }
    if (activity == "offline") {
        return _("offline");
    }
    return activity.empty() || activity == "idle" ? _("waiting") : u8(activity);
}

// The colour of that word on the tile: what the teacher should look at stands out.
wxColour activityColour(const std::string& activity) {
    if (activity == "needs help") {
        return wxColour(178, 84, 0);
    }
    if (activity == "answering") {
        return wxColour(21, 101, 192);
    }
    if (activity == "done") {
        return wxColour(46, 125, 50);
    }
    return activity == "offline" ? wxColour(110, 110, 110) : *wxBLACK;
}

wxString resultLabel(const std::string& result) {
    return result == "correct" ? _("right") : result == "partial" ? _("partly right") : _("wrong");
}
} // namespace

// A tile: drawn by the panel, named for screen readers, clicks go to the panel.
class ClassPanel::Tile : public wxWindow {
public:
    Tile(ClassPanel* panel, std::size_t index)
        : wxWindow(panel, wxID_ANY, wxDefaultPosition, wxSize(kTileW, kTileH)), panel_(panel),
          index_(index) {
        SetBackgroundStyle(wxBG_STYLE_PAINT);
        Bind(wxEVT_PAINT, [this](wxPaintEvent&) {
            wxAutoBufferedPaintDC dc(this);
            panel_->paintTile(dc, index_, wxRect(GetClientSize()));
        });
        Bind(wxEVT_LEFT_DOWN, [this](wxMouseEvent& e) { panel_->onTileClick(index_, e); });
    }
    bool AcceptsFocus() const override { return false; } // the panel takes the keys
    bool AcceptsFocusFromKeyboard() const override { return false; }
    // Named again only when the words changed: a screen reader hears what is new.
    void name(const wxString& name, const wxString& description) {
        if (name != name_ || description != description_) {
            name_ = name;
            description_ = description;
            gui::setAccessible(this, name, description.empty() ? wxString(" ") : description,
                               "list item");
        }
    }
    const wxString& accessibleName() const { return name_; }
    const wxString& accessibleDescription() const { return description_; }

private:
    ClassPanel* panel_;
    std::size_t index_;
    wxString name_, description_;
};

ClassPanel::ClassPanel(wxWindow* parent)
    : wxScrolledWindow(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                       wxVSCROLL | wxWANTS_CHARS) {
    SetBackgroundStyle(wxBG_STYLE_PAINT);
    SetScrollRate(0, 20);
    gui::setAccessible(this, _("Class"), {}, "list");
    Bind(wxEVT_PAINT, &ClassPanel::onPaint, this);
    Bind(wxEVT_LEFT_DOWN, [this](wxMouseEvent&) {
        SetFocus();
        clearSelection(); // a click between tiles
    });
    Bind(wxEVT_KEY_DOWN, &ClassPanel::onKey, this);
    Bind(wxEVT_SIZE, [this](wxSizeEvent& e) {
        placeTiles();
        e.Skip();
    });
    const auto redrawTiles = [this](wxFocusEvent& e) {
        for (auto* t : tiles_) {
            t->Refresh(); // the focus ring
        }
        e.Skip();
    };
    Bind(wxEVT_SET_FOCUS, redrawTiles);
    Bind(wxEVT_KILL_FOCUS, redrawTiles);
}

int ClassPanel::columns() const {
    return std::max(1, (GetClientSize().x - kGap) / (kTileW + kGap));
}

wxRect ClassPanel::tileRect(std::size_t index) const {
    const int c = columns();
    const int col = static_cast<int>(index) % c;
    const int row = static_cast<int>(index) / c;
    return {kGap + col * (kTileW + kGap), kGap + row * (kTileH + kGap), kTileW, kTileH};
}

const wxBitmap& ClassPanel::picture(const std::string& name) {
    auto it = pictures_.find(name);
    if (it == pictures_.end()) {
        it = pictures_.emplace(name, gui::signInPicture(name, FromDIP(kPicture))).first;
    }
    return it->second;
}

void ClassPanel::placeTiles() {
    const int rows = (static_cast<int>(students_.size()) + columns() - 1) / columns();
    SetVirtualSize(-1, kGap + rows * (kTileH + kGap));
    for (std::size_t i = 0; i < tiles_.size(); ++i) {
        const wxRect r = tileRect(i);
        tiles_[i]->SetSize(wxRect(CalcScrolledPosition(r.GetTopLeft()), r.GetSize()));
    }
}

void ClassPanel::setStudents(std::vector<classroom::StudentView> students,
                             const classroom::ClassState& state) {
    state_ = state;
    // Online first, then by name, so the teacher finds who is here at the top.
    std::stable_sort(students.begin(), students.end(), [](const auto& a, const auto& b) {
        if (a.online != b.online) {
            return a.online;
        }
        return a.name < b.name;
    });
    students_ = std::move(students);
    while (tiles_.size() < students_.size()) {
        tiles_.push_back(new Tile(this, tiles_.size()));
    }
    while (tiles_.size() > students_.size()) {
        tiles_.back()->Destroy();
        tiles_.pop_back();
    }
    placeTiles();
    for (std::size_t i = 0; i < tiles_.size(); ++i) {
        tiles_[i]->name(tileName(i), tileDescription(i));
        tiles_[i]->Refresh();
    }
    if (focus_ >= students_.size()) {
        focus_ = 0;
    }
    Refresh();
}

wxString ClassPanel::tileName(std::size_t index) const {
    if (index >= students_.size()) {
        return {};
    }
    const auto& s = students_[index];
    const wxString drill = s.online ? drillStatus(s, state_) : wxString(); // a handed-out drill
    const wxString what = drill.empty() ? activityLabel(s.activity) : drill;
    if (s.deviceName.empty()) {
        return u8(s.name) + ", " + what;
    }
    // TRANSLATORS: a tile of the class view as a screen reader says it: the learner, the PC
    // they sit at and what they are doing ("Ana Condori, PC vm·3f2a, answering").
    return wxString::Format(_("%s, PC %s, %s"), u8(s.name), u8(s.deviceName), what);
}

wxString ClassPanel::tileDescription(std::size_t index) const {
    if (index >= students_.size()) {
        return {};
    }
    const auto& s = students_[index];
    wxArrayString parts;
    if (!s.where.empty()) {
        parts.Add(u8(s.where));
    }
    if (s.online && state_.lockedFor(s.deviceId)) {
        parts.Add(_("screen locked"));
    }
    if (!s.lastResult.empty()) {
        parts.Add(wxString::Format(_("last answer: %s"), resultLabel(s.lastResult)));
    }
    wxString out;
    for (const auto& p : parts) {
        out += (out.empty() ? "" : "; ") + p;
    }
    return out;
}

std::vector<std::string> ClassPanel::selectedDevices() const {
    std::vector<std::string> out;
    for (const auto& s : students_) {
        if (selected_.count(s.learnerId) != 0 && !s.deviceId.empty()) {
            out.push_back(s.deviceId);
        }
    }
    return out;
}

void ClassPanel::selectAll() {
    for (const auto& s : students_) {
        selected_.insert(s.learnerId);
    }
    Refresh(true);
    for (auto* t : tiles_) {
        t->Refresh();
    }
    if (selectionChanged_) {
        selectionChanged_();
    }
}

void ClassPanel::clearSelection() {
    selected_.clear();
    for (auto* t : tiles_) {
        t->Refresh();
    }
    if (selectionChanged_) {
        selectionChanged_();
    }
}

void ClassPanel::toggle(std::size_t index, bool add) {
    if (index >= students_.size()) {
        return;
    }
    const auto& id = students_[index].learnerId;
    if (add) {
        if (!selected_.erase(id)) {
            selected_.insert(id);
        }
    } else {
        selected_ = {id};
    }
    focus_ = index;
    for (auto* t : tiles_) {
        t->Refresh();
    }
    if (selectionChanged_) {
        selectionChanged_();
    }
}

void ClassPanel::onTileClick(std::size_t index, const wxMouseEvent& e) {
    SetFocus();
    toggle(index, e.ControlDown() || e.ShiftDown());
}

void ClassPanel::onKey(wxKeyEvent& e) {
    const int c = columns();
    const auto n = static_cast<int>(students_.size());
    int f = static_cast<int>(focus_);
    switch (e.GetKeyCode()) {
    case WXK_LEFT:
        f = std::max(0, f - 1);
        break;
    case WXK_RIGHT:
        f = std::min(n - 1, f + 1);
        break;
    case WXK_UP:
        f = std::max(0, f - c);
        break;
    case WXK_DOWN:
        f = std::min(n - 1, f + c);
        break;
    case WXK_SPACE:
    case WXK_RETURN:
        toggle(focus_, e.ControlDown() || e.GetKeyCode() == WXK_SPACE);
        return;
    case WXK_ESCAPE:
        clearSelection();
        return;
    default:
        if (e.ControlDown() && e.GetKeyCode() == 'A') {
            selectAll();
            return;
        }
        e.Skip();
        return;
    }
    if (n > 0) {
        const std::size_t before = focus_;
        focus_ = static_cast<std::size_t>(std::max(0, f));
        Scroll(-1, tileRect(focus_).y / 20);
        if (before < tiles_.size()) {
            tiles_[before]->Refresh();
        }
        tiles_[focus_]->Refresh();
    }
}

void ClassPanel::onPaint(wxPaintEvent&) {
    wxAutoBufferedPaintDC dc(this);
    DoPrepareDC(dc);
    dc.SetBackground(wxBrush(kBackground));
    dc.Clear();
    if (students_.empty()) {
        dc.SetFont(GetFont().Scaled(1.3));
        dc.DrawText(_("Nobody has joined yet. Students join with the class code shown above."),
                    kGap * 2, kGap * 2);
    }
}

void ClassPanel::paintTile(wxDC& dc, std::size_t index, const wxRect& r) {
    const auto started = std::chrono::steady_clock::now();
    dc.SetBackground(wxBrush(kBackground));
    dc.Clear();
    if (index >= students_.size()) {
        return;
    }
    const auto& s = students_[index];
    const bool selected = selected_.count(s.learnerId) != 0;
    const wxRect box = wxRect(r).Deflate(1);
    dc.SetPen(wxPen(selected ? wxColour(25, 118, 210) : wxColour(190, 190, 190), selected ? 4 : 1));
    dc.SetBrush(wxBrush(s.online ? *wxWHITE : wxColour(245, 245, 245)));
    dc.DrawRoundedRectangle(box, 8);
    if (HasFocus() && index == focus_) {
        dc.SetPen(wxPen(*wxBLACK, 1, wxPENSTYLE_DOT));
        dc.SetBrush(*wxTRANSPARENT_BRUSH);
        dc.DrawRoundedRectangle(wxRect(box).Deflate(6), 6);
    }
    const wxFont base = GetFont();
    // The learner's sign-in picture (the one they touch on their PC), with a dot in its corner:
    // green online, a grey ring offline.
    const int px = r.x + 10;
    const int py = r.y + 10;
    if (!s.picture.empty()) {
        dc.DrawBitmap(picture(s.picture), px, py, true);
    }
    const int pic = FromDIP(kPicture);
    dc.SetPen(wxPen(s.online ? colourCorrect() : wxColour(150, 150, 150), 2));
    dc.SetBrush(s.online ? wxBrush(colourCorrect()) : *wxWHITE_BRUSH);
    dc.DrawCircle(px + pic - 2, py + pic - 2, 6);

    const int tx = px + pic + 10;
    dc.SetTextForeground(s.online ? *wxBLACK : wxColour(110, 110, 110));
    dc.SetFont(base.Scaled(1.2).Bold());
    dc.DrawText(wxControl::Ellipsize(u8(s.name), dc, wxELLIPSIZE_END, r.GetRight() - tx - 40), tx,
                r.y + 8);
    dc.SetFont(base);
    if (!s.deviceName.empty()) {
        dc.DrawText(
            wxControl::Ellipsize(u8(s.deviceName), dc, wxELLIPSIZE_MIDDLE, r.GetRight() - tx - 10),
            tx, r.y + 34);
    }
    // What they are doing, and where (the page's title, the quiz, the drill).
    dc.SetFont(base.Bold());
    dc.SetTextForeground(activityColour(s.activity));
    const wxString drill = s.online ? drillStatus(s, state_) : wxString(); // a handed-out drill
    dc.DrawText(drill.empty() ? activityLabel(s.activity) : drill, r.x + 12, r.y + 62);
    dc.SetFont(base);
    dc.SetTextForeground(s.online ? wxColour(60, 60, 60) : wxColour(130, 130, 130));
    if (!s.where.empty()) {
        dc.DrawText(wxControl::Ellipsize(u8(s.where), dc, wxELLIPSIZE_END, r.width - 24), r.x + 12,
                    r.y + 86);
    }
    // A locked screen: a closed padlock drawn beside the name's corner.
    if (s.online && state_.lockedFor(s.deviceId)) {
        const int x = r.GetRight() - 52;
        const int y = r.y + 12;
        dc.SetPen(wxPen(wxColour(60, 60, 60), 3));
        dc.SetBrush(*wxTRANSPARENT_BRUSH);
        dc.DrawEllipticArc(x + 4, y, 12, 18, 0, 180);
        dc.SetPen(*wxTRANSPARENT_PEN);
        dc.SetBrush(wxBrush(wxColour(60, 60, 60)));
        dc.DrawRoundedRectangle(x, y + 9, 20, 15, 3);
    }
    // A raised hand: an amber badge with "?" in the corner.
    if (s.hand) {
        dc.SetPen(*wxTRANSPARENT_PEN);
        dc.SetBrush(wxBrush(colourPartial()));
        dc.DrawCircle(r.GetRight() - 20, r.y + 22, 14);
        dc.SetFont(base.Scaled(1.4).Bold());
        dc.SetTextForeground(*wxWHITE);
        const auto q = dc.GetTextExtent("?");
        dc.DrawText("?", r.GetRight() - 20 - q.x / 2, r.y + 22 - q.y / 2);
    }
    // The last live answer: a green or red bar along the bottom.
    if (!s.lastResult.empty()) {
        const wxColour c = s.lastResult == "correct"   ? colourCorrect()
                           : s.lastResult == "partial" ? colourPartial()
                                                       : colourWrong();
        dc.SetPen(*wxTRANSPARENT_PEN);
        dc.SetBrush(wxBrush(c));
        dc.DrawRectangle(r.x + 8, r.GetBottom() - 10, r.width - 16, 6);
    }
    ++paints_;
    maxPaintMs_ = std::max(maxPaintMs_, std::chrono::duration<double, std::milli>(
                                            std::chrono::steady_clock::now() - started)
                                            .count());
}

} // namespace ayllu::teacher
