#include "quiz_board.h"

#include "tr.h"

#include <wx/dcclient.h>

namespace ayllu::teacher {

using gui::u8;

namespace {
// A label sized in its own font (GTK measures a label in the font it had when created), wrapped
// to `width` so a long question shows whole.
wxStaticText* label(wxWindow* parent, const wxString& text, const wxFont& font,
                    const wxColour& colour, int width) {
    auto* t = new wxStaticText(parent, wxID_ANY, "");
    t->SetFont(font);
    if (colour.IsOk()) {
        t->SetForegroundColour(colour);
    }
    t->SetLabel(text);
    t->Wrap(width);
    // The size of the wrapped lines, measured in this font (GTK's own guess may be one line).
    wxClientDC dc(t);
    dc.SetFont(font);
    t->SetMinSize(dc.GetMultiLineTextExtent(t->GetLabel()));
    return t;
}
} // namespace

std::vector<std::pair<wxString, bool>> boardLines(const BoardQuestion& q, int online, bool revealed,
                                                  bool counts) {
    std::vector<std::pair<wxString, bool>> out;
    out.emplace_back(wxString::Format(_("%d of %d answered this question"), q.answered,
                                      std::max(online, q.answered)),
                     false);
    for (const auto& o : q.summary.options) {
        // "✔" only once revealed: the console may be on the projector.
        const wxString mark = revealed && o.right ? wxString::FromUTF8("✔ ") : wxString("   ");
        out.emplace_back(
            mark + u8(o.text) +
                (counts ? wxString::FromUTF8(" — ") + wxString::Format("%d", o.count) : wxString()),
            revealed && o.right);
    }
    if (revealed) {
        out.emplace_back(wxString::Format(_("Right answer: %s"), u8(q.summary.right)), true);
    }
    return out;
}

QuizBoard::QuizBoard(wxWindow* parent) : wxScrolledWindow(parent, wxID_ANY) {
    SetScrollRate(0, 12);
    SetBackgroundColour(*wxWHITE);
    SetSizer(new wxBoxSizer(wxVERTICAL));
    // Wider or narrower: the questions wrap again to the new width.
    Bind(wxEVT_SIZE, [this](wxSizeEvent& e) {
        e.Skip();
        if (std::abs(GetClientSize().x - drawnWidth_) > 20) {
            CallAfter([this] {
                shown_.clear();
                show(questions_, online_, revealed_);
            });
        }
    });
}

void QuizBoard::show(const std::vector<BoardQuestion>& questions, int online, bool revealed) {
    std::string signature = std::to_string(online) + (revealed ? "r" : "o");
    for (const auto& q : questions) {
        signature += "|" + q.summary.prompt + std::to_string(q.answered);
        for (const auto& o : q.summary.options) {
            signature += "," + std::to_string(o.count);
        }
    }
    questions_ = questions;
    online_ = online;
    revealed_ = revealed;
    if (signature == shown_) {
        return;
    }
    shown_ = signature;
    drawnWidth_ = GetClientSize().x;
    Freeze();
    DestroyChildren();
    auto* sizer = GetSizer();
    sizer->Clear();
    // Half of the quiz page (the chart has the other half), known before this window is laid out.
    const int width =
        std::max(300, std::max(GetClientSize().x, GetParent()->GetClientSize().x / 2) - 40);
    int n = 1;
    for (const auto& q : questions) {
        sizer->Add(label(this, wxString::Format("%d. %s", n++, u8(q.summary.prompt)),
                         GetFont().Bold().Scale(1.1), wxNullColour, width),
                   0, wxLEFT | wxRIGHT | wxTOP, 8);
        for (const auto& [line, strong] : boardLines(q, online, revealed, true)) {
            sizer->Add(label(this, line, strong ? GetFont().Bold() : GetFont(),
                             strong ? wxColour(20, 110, 50) : wxNullColour, width - 12),
                       0, wxLEFT | wxRIGHT, 20);
        }
    }
    FitInside();
    Layout();
    Thaw();
}

QuizProjector::QuizProjector(wxWindow* parent, std::function<void(int)> step)
    : wxFrame(parent, wxID_ANY, _("Quiz on the projector")), step_(std::move(step)) {
    body_ = new wxPanel(this);
    body_->SetBackgroundColour(wxColour(20, 40, 60));
    body_->SetSizer(new wxBoxSizer(wxVERTICAL));
    // Left / Right change the question, Escape closes (as the codes' projector view).
    const auto keys = [this](wxKeyEvent& e) {
        if (e.GetKeyCode() == WXK_ESCAPE) {
            Close();
        } else if (e.GetKeyCode() == WXK_LEFT || e.GetKeyCode() == WXK_RIGHT) {
            step_(e.GetKeyCode() == WXK_LEFT ? -1 : +1);
        } else {
            e.Skip();
        }
    };
    Bind(wxEVT_CHAR_HOOK, keys);
}

void QuizProjector::show(int number, int count, const BoardQuestion& q, int online, bool revealed) {
    Freeze();
    body_->DestroyChildren();
    auto* sizer = body_->GetSizer();
    sizer->Clear();
    const wxColour light(235, 240, 245);
    // Full screen: the display's width, known before the window manager has resized us.
    const int width = std::max(600, wxGetDisplaySize().x - 160);
    const wxFont base = GetFont();
    sizer->Add(label(body_, wxString::Format(_("Question %d of %d"), number, count),
                     base.Scaled(2.0), wxColour(255, 205, 80), width),
               0, wxLEFT | wxTOP | wxBOTTOM, 40);
    sizer->Add(label(body_, u8(q.summary.prompt), base.Scaled(3.2).Bold(), light, width), 0,
               wxLEFT | wxRIGHT | wxBOTTOM, 40);
    for (const auto& [line, strong] : boardLines(q, online, revealed, revealed)) {
        sizer->Add(label(body_, line, strong ? base.Scaled(2.4).Bold() : base.Scaled(2.4),
                         strong ? wxColour(140, 230, 150) : light, width),
                   0, wxLEFT | wxRIGHT, 40);
        sizer->AddSpacer(14);
    }
    body_->Layout();
    Thaw();
}

} // namespace ayllu::teacher
