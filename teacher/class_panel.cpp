#include "class_panel.h"

#include "bar_chart.h"
#include "drill_status.h"
#include "tr.h"

#include <algorithm>
#include <chrono>
#include <wx/dcbuffer.h>

namespace ayllu::teacher {

using student::u8;

namespace {
constexpr int kTileW = 230;
constexpr int kTileH = 118;
constexpr int kGap = 10;

wxString stateLabel(const std::string& state) {
    if (state == "reading") {
        return _("reading");
    }
    if (state == "answering") {
        return _("answering");
    }
    if (state == "done") {
        return _("done");
    }
    if (state == "needs help") {
        return _("needs help");
    }
    if (state == "drill") {
        return _("doing a drill");
    }
    return state.empty() || state == "idle" ? _("waiting") : u8(state);
}
} // namespace

ClassPanel::ClassPanel(wxWindow* parent)
    : wxScrolledWindow(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                       wxVSCROLL | wxWANTS_CHARS) {
    SetBackgroundStyle(wxBG_STYLE_PAINT);
    SetScrollRate(0, 20);
    Bind(wxEVT_PAINT, &ClassPanel::onPaint, this);
    Bind(wxEVT_LEFT_DOWN, &ClassPanel::onClick, this);
    Bind(wxEVT_KEY_DOWN, &ClassPanel::onKey, this);
    Bind(wxEVT_SIZE, [this](wxSizeEvent& e) {
        setStudents(students_, state_);
        e.Skip();
    });
    Bind(wxEVT_SET_FOCUS, [this](wxFocusEvent& e) {
        Refresh();
        e.Skip();
    });
    Bind(wxEVT_KILL_FOCUS, [this](wxFocusEvent& e) {
        Refresh();
        e.Skip();
    });
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
    const int rows = (static_cast<int>(students_.size()) + columns() - 1) / columns();
    SetVirtualSize(-1, kGap + rows * (kTileH + kGap));
    if (focus_ >= students_.size()) {
        focus_ = 0;
    }
    Refresh();
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
    Refresh();
    if (selectionChanged_) {
        selectionChanged_();
    }
}

void ClassPanel::clearSelection() {
    selected_.clear();
    Refresh();
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
    Refresh();
    if (selectionChanged_) {
        selectionChanged_();
    }
}

void ClassPanel::onClick(wxMouseEvent& e) {
    SetFocus();
    const wxPoint p = CalcUnscrolledPosition(e.GetPosition());
    for (std::size_t i = 0; i < students_.size(); ++i) {
        if (tileRect(i).Contains(p)) {
            toggle(i, e.ControlDown() || e.ShiftDown());
            return;
        }
    }
    clearSelection();
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
        focus_ = static_cast<std::size_t>(std::max(0, f));
        Scroll(-1, tileRect(focus_).y / 20);
        Refresh();
    }
}

void ClassPanel::onPaint(wxPaintEvent&) {
    const auto started = std::chrono::steady_clock::now();
    struct Measure {
        ClassPanel& p;
        std::chrono::steady_clock::time_point t;
        ~Measure() {
            ++p.paints_;
            p.maxPaintMs_ = std::max(p.maxPaintMs_, std::chrono::duration<double, std::milli>(
                                                        std::chrono::steady_clock::now() - t)
                                                        .count());
        }
    } measure{*this, started};
    wxAutoBufferedPaintDC dc(this);
    DoPrepareDC(dc);
    dc.SetBackground(wxBrush(wxColour(236, 239, 241)));
    dc.Clear();
    const wxFont base = GetFont();
    if (students_.empty()) {
        dc.SetFont(base.Scaled(1.3));
        dc.DrawText(_("Nobody has joined yet. Students join with the class code shown above."),
                    kGap * 2, kGap * 2);
        return;
    }
    // Only the tiles in view are drawn: with 200 learners most are scrolled away.
    const wxRect view(CalcUnscrolledPosition(wxPoint(0, 0)), GetClientSize());
    for (std::size_t i = 0; i < students_.size(); ++i) {
        const auto& s = students_[i];
        const wxRect r = tileRect(i);
        if (!view.Intersects(r)) {
            continue;
        }
        const bool selected = selected_.count(s.learnerId) != 0;
        dc.SetPen(
            wxPen(selected ? wxColour(25, 118, 210) : wxColour(190, 190, 190), selected ? 4 : 1));
        dc.SetBrush(wxBrush(s.online ? *wxWHITE : wxColour(245, 245, 245)));
        dc.DrawRoundedRectangle(r, 8);
        if (HasFocus() && i == focus_) {
            dc.SetPen(wxPen(*wxBLACK, 1, wxPENSTYLE_DOT));
            dc.SetBrush(*wxTRANSPARENT_BRUSH);
            dc.DrawRoundedRectangle(wxRect(r).Deflate(6), 6);
        }
        // Online: a green dot; offline: a grey ring.
        dc.SetPen(wxPen(s.online ? colourCorrect() : wxColour(150, 150, 150), 2));
        dc.SetBrush(s.online ? wxBrush(colourCorrect()) : *wxTRANSPARENT_BRUSH);
        dc.DrawCircle(r.x + 16, r.y + 18, 6);
        dc.SetTextForeground(s.online ? *wxBLACK : wxColour(110, 110, 110));
        dc.SetFont(base.Scaled(1.25).Bold());
        dc.DrawText(wxControl::Ellipsize(u8(s.name), dc, wxELLIPSIZE_END, r.width - 70), r.x + 30,
                    r.y + 8);
        dc.SetFont(base);
        const wxString pc = s.deviceName.empty() ? wxString() : u8(s.deviceName);
        dc.DrawText(s.online ? pc : _("offline"), r.x + 30, r.y + 36);
        if (s.online) {
            const wxString drill = drillStatus(s, state_); // the drill handed out, if any
            dc.DrawText(drill.empty() ? stateLabel(s.state) : drill, r.x + 12, r.y + 62);
            if (!s.page.empty()) {
                dc.DrawText(wxControl::Ellipsize(wxString::Format(_("page %s"), u8(s.page)), dc,
                                                 wxELLIPSIZE_END, r.width - 24),
                            r.x + 12, r.y + 86);
            }
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
    }
}

} // namespace ayllu::teacher
