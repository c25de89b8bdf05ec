#include "drill_panel.h"

#include "tr.h"

#include <cmath>
#include <filesystem>
#include <random>
#include <wx/clipbrd.h>
#include <wx/dcbuffer.h>

namespace ayllu::student {

using gui::u8;

namespace {
// A different bright colour for each target or item, so a new one is noticed.
const wxColour& drillColour(int i) {
    static const wxColour colours[] = {
        {214, 69, 65}, {38, 120, 190}, {230, 150, 20}, {60, 150, 80}, {150, 70, 160}};
    return colours[i % 5];
}
} // namespace

DrillPanel::DrillPanel(wxWindow* parent, Finished finished)
    : wxPanel(parent), finished_(std::move(finished)) {
    SetBackgroundColour(*wxWHITE);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    title_ = new wxStaticText(this, wxID_ANY, "");
    title_->SetFont(title_->GetFont().Scale(2.0).Bold());
    instructions_ = new wxStaticText(this, wxID_ANY, "");
    instructions_->SetFont(instructions_->GetFont().Scale(1.3));
    text_ = new wxStaticText(this, wxID_ANY, "");
    text_->SetFont(text_->GetFont().Scale(1.9));
    text_->SetForegroundColour(wxColour(20, 70, 130));
    input_ = new wxTextCtrl(this, wxID_ANY, "", wxDefaultPosition, wxSize(-1, 110), wxTE_MULTILINE);
    input_->SetFont(input_->GetFont().Scale(1.9));
    done_ = new wxButton(this, wxID_OK, _("I finished"), wxDefaultPosition, wxSize(240, 60));
    done_->SetFont(done_->GetFont().Scale(1.4).Bold());
    feedback_ = new wxStaticText(this, wxID_ANY, "");
    feedback_->SetFont(feedback_->GetFont().Scale(1.5).Bold());
    // Room for the feedback from the start, so the practice area keeps its size when it shows.
    feedback_->SetMinSize(wxSize(-1, feedback_->GetTextExtent("Ag").y + 4));
    sizer->Add(title_, 0, wxALL, 20);
    sizer->Add(instructions_, 0, wxLEFT | wxRIGHT | wxBOTTOM, 20);
    sizer->Add(text_, 0, wxLEFT | wxRIGHT | wxBOTTOM, 20);
    sizer->Add(input_, 0, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 20);
    area_ = new wxPanel(this, wxID_ANY, wxDefaultPosition, wxSize(-1, 300));
    area_->SetBackgroundStyle(wxBG_STYLE_PAINT);
    sizer->Add(area_, 1, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 20);
    scroll_ = new wxScrolledCanvas(this, wxID_ANY, wxDefaultPosition, wxSize(-1, 300));
    scroll_->SetBackgroundColour(*wxWHITE);
    scroll_->SetScrollRate(0, 20);
    sizer->Add(scroll_, 1, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, 20);
    scroll_->Bind(wxEVT_PAINT, [this](wxPaintEvent&) {
        wxPaintDC dc(scroll_);
        scroll_->DoPrepareDC(dc);
        paintScroll(dc);
    });
    scroll_->Bind(wxEVT_LEFT_DOWN, [this](wxMouseEvent& e) { scrollPressed(e); });
    // The wheel moves the page by the system's lines per notch (wxGTK leaves it to us).
    scroll_->Bind(wxEVT_MOUSEWHEEL, [this](wxMouseEvent& e) {
        if (e.GetWheelAxis() != wxMOUSE_WHEEL_VERTICAL || e.GetWheelDelta() == 0) {
            e.Skip();
            return;
        }
        const int lines = -e.GetWheelRotation() * e.GetLinesPerAction() / e.GetWheelDelta();
        scroll_->Scroll(0, std::max(0, scroll_->GetViewStart().y + lines));
        if (scrollDrill_) {
            scrollDrill_->scrolledTo(scroll_->CalcUnscrolledPosition(wxPoint(0, 0)).y);
        }
    });
    scroll_->Hide();
    area_->Bind(wxEVT_PAINT, [this](wxPaintEvent&) {
        wxAutoBufferedPaintDC dc(area_);
        if (drag_) {
            paintDrag(dc);
        } else {
            paintArea(dc);
        }
    });
    area_->Bind(wxEVT_LEFT_DOWN, [this](wxMouseEvent& e) {
        if (drag_) {
            dragEvent(e);
        } else {
            pressed(e, false);
        }
    });
    area_->Bind(wxEVT_MOTION, [this](wxMouseEvent& e) { dragEvent(e); });
    area_->Bind(wxEVT_LEFT_UP, [this](wxMouseEvent& e) { dragEvent(e); });
    area_->Bind(wxEVT_MOUSE_CAPTURE_LOST, [this](wxMouseCaptureLostEvent&) { dragging_ = -1; });
    area_->Bind(wxEVT_LEFT_DCLICK, [this](wxMouseEvent& e) { pressed(e, true); });
    area_->Bind(wxEVT_SIZE, [this](wxSizeEvent& e) {
        if (pointer_) {
            pointer_->resize(e.GetSize().x, e.GetSize().y);
        }
        if (drag_ && dragging_ < 0) {
            drag_->resize(e.GetSize().x, e.GetSize().y);
        }
        area_->Refresh();
        e.Skip();
    });
    sizer->Add(done_, 0, wxLEFT | wxBOTTOM, 20);
    sizer->Add(feedback_, 0, wxLEFT | wxRIGHT, 20);
    SetSizer(sizer);
    input_->Bind(wxEVT_TEXT, [this](wxCommandEvent&) {
        if (!started_ && !input_->IsEmpty()) {
            started_ = true; // the clock starts with the first key, not when the page opens
            start_ = std::chrono::steady_clock::now();
        }
        if (!saveFile_) {
            reportProgress();
        }
    });
    done_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        if (saveFile_) {
            chooseWhereToSave();
        } else {
            finish();
        }
    });
    const int saveId = wxWindow::NewControlId();
    wxAcceleratorEntry keys[] = {{wxACCEL_CTRL, 'S', saveId}};
    SetAcceleratorTable(wxAcceleratorTable(1, keys));
    Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&) {
            if (saveFile_ && done_->IsEnabled()) {
                chooseWhereToSave();
            }
        },
        saveId);
    // Typing practice: pasting the text would measure nothing.
    input_->Bind(wxEVT_TEXT_PASTE, [](wxClipboardTextEvent&) {});
}

bool DrillPanel::handles(course::DrillKind kind) {
    return kind == course::DrillKind::Typing || kind == course::DrillKind::Click ||
           kind == course::DrillKind::DoubleClick || kind == course::DrillKind::Scroll ||
           kind == course::DrillKind::DragDrop || kind == course::DrillKind::SaveFile;
}

void DrillPanel::showSaveFile(const course::Drill& d, const std::string& language) {
    showTyping(d, language); // the same screen: a document to write in
    text_->Hide();
    input_->SetValue("");
    done_->SetLabel(_("Save as... (Ctrl+S)"));
    try {
        saveFile_ = std::make_unique<drill::SaveFileDrill>(d, practiceRoot_);
    } catch (const std::exception& e) {
        feedback_->SetLabel(u8(e.what()));
        done_->Disable();
    }
    Layout();
}

void DrillPanel::chooseWhereToSave() {
    if (!saveFile_) {
        return;
    }
    // The real Save dialog of the desktop: the skill the drill is about.
    wxFileDialog dialog(this, _("Save as"),
                        u8((std::filesystem::path(saveFile_->root()) / "Documentos").string()),
                        _("document.txt"), _("Text files (*.txt)|*.txt|All files|*"),
                        wxFD_SAVE | wxFD_OVERWRITE_PROMPT);
    if (dialog.ShowModal() == wxID_OK) {
        savedAt(dialog.GetPath().utf8_string());
    }
}

void DrillPanel::savedAt(const std::string& path) {
    if (!started_) {
        started_ = true;
        start_ = std::chrono::steady_clock::now();
    }
    const auto o = saveFile_->save(path, input_->GetValue().utf8_string());
    if (!saveFile_->finished()) {
        showOutcome(false, u8(o.message), true);
        return;
    }
    done_->Disable();
    finishPresses(saveFile_->result(elapsed()), u8(o.message));
}

void DrillPanel::showDrag(const course::Drill& d, const std::string& language) {
    showPointer(d, language); // the same screen, then the drag drill instead of targets
    pointer_.reset();
    const wxSize size = area_->GetClientSize();
    drag_ = std::make_unique<drill::DragDrill>(d, std::max(size.x, 200), std::max(size.y, 150),
                                               std::random_device{}());
    dragging_ = -1;
    area_->Refresh();
}

void DrillPanel::paintDrag(wxDC& dc) {
    dc.SetBackground(wxBrush(wxColour(240, 246, 236)));
    dc.Clear();
    dc.SetFont(GetFont().Scale(1.4).Bold());
    // Places: a dashed outline with the number of the item that belongs there.
    for (int i = 0; i < drag_->count(); ++i) {
        const auto& p = drag_->place(i);
        dc.SetPen(wxPen(drillColour(i), 3, wxPENSTYLE_SHORT_DASH));
        dc.SetBrush(*wxWHITE_BRUSH);
        dc.DrawRoundedRectangle(p.x - p.size / 2, p.y - p.size / 2, p.size, p.size, 8);
        if (!drag_->placed(i)) {
            const wxString n = wxString::Format("%d", i + 1);
            const wxSize ext = dc.GetTextExtent(n);
            dc.SetTextForeground(drillColour(i));
            dc.DrawText(n, p.x - ext.x / 2, p.y - ext.y / 2);
        }
    }
    // Items, the one being dragged last so it is drawn on top.
    auto drawItem = [&](int i) {
        const auto& t = drag_->item(i);
        dc.SetPen(wxPen(wxColour(40, 40, 40), 2));
        dc.SetBrush(wxBrush(drillColour(i)));
        dc.DrawRoundedRectangle(t.x - t.size / 2, t.y - t.size / 2, t.size, t.size, 10);
        const wxString n = wxString::Format("%d", i + 1);
        const wxSize ext = dc.GetTextExtent(n);
        dc.SetTextForeground(*wxWHITE);
        dc.DrawText(n, t.x - ext.x / 2, t.y - ext.y / 2);
    };
    for (int i = 0; i < drag_->count(); ++i) {
        if (i != dragging_) {
            drawItem(i);
        }
    }
    if (dragging_ >= 0) {
        drawItem(dragging_);
    }
}

void DrillPanel::dragEvent(wxMouseEvent& e) {
    if (!drag_ || drag_->finished()) {
        return;
    }
    const wxEventType type = e.GetEventType();
    if (type == wxEVT_LEFT_DOWN) {
        if (!started_) {
            started_ = true; // the clock starts when the first item is picked up
            start_ = std::chrono::steady_clock::now();
        }
        dragging_ = drag_->itemAt(e.GetX(), e.GetY());
        if (dragging_ >= 0 && !area_->HasCapture()) {
            area_->CaptureMouse(); // keep the item even if the pointer leaves the area
        }
    } else if (type == wxEVT_MOTION && dragging_ >= 0) {
        drag_->move(dragging_, e.GetX(), e.GetY());
    } else if (type == wxEVT_LEFT_UP && dragging_ >= 0) {
        if (area_->HasCapture()) {
            area_->ReleaseMouse();
        }
        const int misses = drag_->misses();
        const bool hit = drag_->drop(dragging_, e.GetX(), e.GetY());
        dragging_ = -1;
        reportProgress();
        if (hit || drag_->misses() != misses) {
            feedback_->SetForegroundColour(hit ? wxColour(30, 120, 60) : wxColour(150, 90, 20));
            feedback_->SetLabel(hit ? _("Well done!")
                                    : _("That is not its place: look for the same number."));
        }
        if (drag_->finished()) {
            const auto r = drag_->result(elapsed());
            finishPresses(r, praise(r.passed) +
                                 wxString::Format(
                                     _("%d of %d drops in the right place, in %d seconds."), r.hits,
                                     r.hits + r.misses, static_cast<int>(std::lround(r.seconds))));
        }
        Layout();
    }
    area_->Refresh();
}

void DrillPanel::showHeader(const course::Drill& d, const std::string& language) {
    title_->SetLabel(u8(d.title.best(language)));
    instructions_->SetLabel(u8(d.instructions.best(language)));
    instructions_->Wrap(std::max(400, GetClientSize().x - 60));
}

void DrillPanel::showScroll(const course::Drill& d, const std::string& language) {
    drill_ = d;
    pointer_.reset();
    drag_.reset();
    showHeader(d, language);
    text_->Hide();
    input_->Hide();
    done_->Hide();
    area_->Hide();
    scroll_->Show();
    feedback_->SetLabel("");
    Layout();
    const wxSize view = scroll_->GetClientSize();
    scrollDrill_ = std::make_unique<drill::ScrollDrill>(
        d, std::max(view.x, 200), std::max(view.y, 150), std::random_device{}());
    scroll_->SetVirtualSize(scrollDrill_->pageWidth(), scrollDrill_->pageHeight());
    scroll_->Scroll(0, 0);
    started_ = false;
    scroll_->Refresh();
}

void DrillPanel::paintScroll(wxDC& dc) {
    if (!scrollDrill_) {
        return;
    }
    // Plain rows of dots, so the page visibly moves under the wheel, and row numbers.
    dc.SetFont(GetFont().Scale(1.1));
    dc.SetTextForeground(wxColour(150, 150, 150));
    static const wxString dots = wxString::FromUTF8("   ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·  ·");
    for (int y = 10, row = 1; y < scrollDrill_->pageHeight(); y += 40, ++row) {
        dc.DrawText(wxString::Format("%d", row) + dots, 12, y);
    }
    // The llama: body, neck, head, ears and legs in plain shapes.
    const auto& m = scrollDrill_->mark();
    const int u = m.size / 12; // one unit of the drawing
    const int left = m.x - m.size / 2;
    const int top = m.y - m.size / 2;
    dc.SetPen(wxPen(wxColour(90, 60, 30), 2));
    dc.SetBrush(wxBrush(wxColour(200, 150, 90)));
    dc.DrawEllipse(left + 1 * u, top + 5 * u, 8 * u, 4 * u);   // body
    dc.DrawRectangle(left + 7 * u, top + 2 * u, 2 * u, 5 * u); // neck
    dc.DrawEllipse(left + 7 * u, top + 1 * u, 4 * u, 2 * u);   // head
    dc.DrawRectangle(left + 7 * u, top + 0 * u, u, 2 * u);     // ear
    for (int leg : {2, 3, 6, 7}) {
        dc.DrawRectangle(left + leg * u, top + 8 * u, u, 3 * u); // legs
    }
}

void DrillPanel::scrollPressed(wxMouseEvent& e) {
    if (!scrollDrill_ || scrollDrill_->finished()) {
        return;
    }
    if (!started_) {
        started_ = true;
        start_ = std::chrono::steady_clock::now();
    }
    const wxPoint at = scroll_->CalcUnscrolledPosition(e.GetPosition());
    scrollDrill_->scrolledTo(scroll_->CalcUnscrolledPosition(wxPoint(0, 0)).y);
    const bool hit = scrollDrill_->press(at.x, at.y);
    if (!hit) {
        feedback_->SetForegroundColour(wxColour(150, 90, 20));
        feedback_->SetLabel(_("That is not the llama. Keep turning the wheel."));
        Layout();
        return;
    }
    const auto r = scrollDrill_->result(elapsed());
    finishPresses(r, r.passed ? _("Very good! You found it.")
                              : _("You found it. Next time a little faster."));
}

void DrillPanel::show(const course::Drill& d, const std::string& language) {
    if (d.kind == course::DrillKind::Typing) {
        showTyping(d, language);
    } else if (d.kind == course::DrillKind::Scroll) {
        showScroll(d, language);
    } else if (d.kind == course::DrillKind::DragDrop) {
        showDrag(d, language);
    } else if (d.kind == course::DrillKind::SaveFile) {
        showSaveFile(d, language);
    } else {
        showPointer(d, language);
    }
    progressSaid_ = {-1, -1};
    reportProgress();
}

void DrillPanel::reportProgress(bool finished) {
    if (!progress_) {
        return;
    }
    std::pair<int, int> now{0, 1};
    if (pointer_) {
        now = {pointer_->hits(), pointer_->targets()};
    } else if (drag_) {
        int placed = 0;
        for (int i = 0; i < drag_->count(); ++i) {
            placed += drag_->placed(i) ? 1 : 0;
        }
        now = {placed, drag_->count()};
    } else if (scrollDrill_) {
        now = {scrollDrill_->finished() ? 1 : 0, 1};
    } else if (saveFile_) {
        now = {finished ? 1 : 0, 1};
    } else {
        const int total = static_cast<int>(u8(target_).length());
        now = {std::min(static_cast<int>(input_->GetValue().length()), total), total};
    }
    if (now.second > 0 && now != progressSaid_) {
        progressSaid_ = now;
        progress_(now.first, now.second);
    }
}

void DrillPanel::showPointer(const course::Drill& d, const std::string& language) {
    drill_ = d;
    showHeader(d, language);
    text_->Hide();
    input_->Hide();
    done_->Hide();
    scroll_->Hide();
    scrollDrill_.reset();
    drag_.reset();
    area_->Show();
    feedback_->SetLabel("");
    Layout();
    const wxSize size = area_->GetClientSize();
    pointer_ = std::make_unique<drill::PointerDrill>(d, std::max(size.x, 200),
                                                     std::max(size.y, 150), std::random_device{}());
    started_ = false;
    area_->Refresh();
}

void DrillPanel::paintArea(wxDC& dc) {
    dc.SetBackground(wxBrush(wxColour(240, 246, 236)));
    dc.Clear();
    if (!pointer_) {
        return;
    }
    dc.SetFont(GetFont().Scale(1.4).Bold());
    dc.SetTextForeground(wxColour(60, 60, 60));
    dc.DrawText(wxString::Format(_("%d of %d"), pointer_->hits(), pointer_->targets()), 12, 8);
    if (pointer_->finished()) {
        return;
    }
    const auto& t = pointer_->current();
    dc.SetPen(wxPen(wxColour(40, 40, 40), 3));
    dc.SetBrush(wxBrush(drillColour(pointer_->hits())));
    dc.DrawCircle(t.x, t.y, t.size / 2);
    if (pointer_->doubleClick()) {
        dc.SetTextForeground(*wxWHITE);
        const wxString two = wxString::FromUTF8("2×");
        const wxSize ext = dc.GetTextExtent(two);
        dc.DrawText(two, t.x - ext.x / 2, t.y - ext.y / 2);
    }
}

void DrillPanel::pressed(wxMouseEvent& e, bool isDouble) {
    if (!pointer_ || pointer_->finished()) {
        return;
    }
    if (!started_) {
        started_ = true; // the clock starts with the first press
        start_ = std::chrono::steady_clock::now();
    }
    // In a click drill the second half of a quick double click is a click of its own.
    const bool hit = pointer_->press(e.GetX(), e.GetY(), isDouble && pointer_->doubleClick());
    if (!hit && pointer_->doubleClick() && !isDouble) {
        return; // the first click of a double click: wait for the second
    }
    feedback_->SetForegroundColour(hit ? wxColour(30, 120, 60) : wxColour(150, 90, 20));
    reportProgress();
    feedback_->SetLabel(hit ? _("Well done!")
                            : (pointer_->doubleClick() ? _("Almost: double-click on the circle.")
                                                       : _("Almost: click on the circle.")));
    area_->Refresh();
    if (pointer_->finished()) {
        finishPointer();
    }
    Layout();
}

void DrillPanel::finishPointer() {
    const auto r = pointer_->result(elapsed());
    finishPresses(r, praise(r.passed) +
                         wxString::Format(_("%d of %d presses on target, in %d seconds."), r.hits,
                                          r.hits + r.misses,
                                          static_cast<int>(std::lround(r.seconds))));
}

double DrillPanel::elapsed() const {
    return started_
               ? std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count()
               : 0.0;
}

wxString DrillPanel::praise(bool passed) {
    return passed ? _("Very good! ") : _("Keep practising: you are getting there. ");
}

void DrillPanel::showOutcome(bool good, const wxString& text, bool saved) {
    feedback_->SetForegroundColour(good ? wxColour(30, 120, 60) : wxColour(150, 90, 20));
    feedback_->SetLabel(text + (saved ? wxString() : wxString(" ") + _("(not saved yet)")));
    feedback_->Wrap(std::max(400, GetClientSize().x - 60));
    Layout();
}

void DrillPanel::finishPresses(const drill::PointerResult& r, const wxString& text) {
    reportProgress(true);
    const bool saved = finished_(drill::drillEvent("", "", "", r));
    showOutcome(r.passed, text, saved);
    if (report_) {
        report_("drill hits " + std::to_string(r.hits) + " misses " + std::to_string(r.misses) +
                " saved " + std::to_string(saved ? 1 : 0));
    }
}

void DrillPanel::sendScrollMouse(wxEventType type, int x, int y) {
    wxMouseEvent e(type);
    e.SetPosition(wxPoint(x, y));
    e.SetEventObject(scroll_);
    scroll_->GetEventHandler()->ProcessEvent(e);
}

void DrillPanel::sendMouse(wxEventType type, int x, int y) {
    wxMouseEvent e(type);
    e.SetPosition(wxPoint(x, y));
    e.SetEventObject(area_);
    area_->GetEventHandler()->ProcessEvent(e);
}

void DrillPanel::showTyping(const course::Drill& d, const std::string& language) {
    pointer_.reset();
    scrollDrill_.reset();
    drag_.reset();
    saveFile_.reset();
    done_->SetLabel(_("I finished"));
    area_->Hide();
    scroll_->Hide();
    text_->Show();
    input_->Show();
    done_->Show();
    drill_ = d;
    target_ = d.text.best(language);
    showHeader(d, language);
    text_->SetLabel(u8(target_));
    text_->Wrap(std::max(400, GetClientSize().x - 60));
    input_->Clear();
    feedback_->SetLabel("");
    started_ = false;
    done_->Enable();
    Layout();
    input_->SetFocus();
}

void DrillPanel::finish() {
    const auto r =
        drill::measureTyping(drill_, target_, input_->GetValue().utf8_string(), elapsed());
    const bool saved = finished_(drill::drillEvent("", "", "", r));
    done_->Disable();
    showOutcome(r.passed,
                praise(r.passed) + wxString::Format(_("Accuracy %d%%, %d words per minute."),
                                                    static_cast<int>(std::lround(r.accuracy)),
                                                    static_cast<int>(std::lround(r.wpm))),
                saved);
}

void DrillPanel::doForTest() {
    if (saveFile_) {
        // What the Save dialog returns when the learner first leaves it in Documentos, then
        // goes into the right folder and types the name without ".txt".
        input_->AppendText(u8("Hoy aprendí a guardar un archivo."));
        const std::filesystem::path root(saveFile_->root());
        savedAt((root / "Documentos" / saveFile_->fileName()).string());
        savedAt((root / saveFile_->folder() / std::filesystem::path(saveFile_->fileName()).stem())
                    .string());
        return;
    }
    if (drag_) {
        // Item 1 first onto item 2's place (a miss: it goes back), then every item onto its
        // own place, with a move half-way, as a hand does.
        auto carry = [this](int i, const drill::Target& to) {
            const auto from = drag_->item(i);
            sendMouse(wxEVT_LEFT_DOWN, from.x, from.y);
            sendMouse(wxEVT_MOTION, (from.x + to.x) / 2, (from.y + to.y) / 2);
            sendMouse(wxEVT_MOTION, to.x, to.y);
            sendMouse(wxEVT_LEFT_UP, to.x, to.y);
        };
        if (drag_->count() > 1) {
            carry(0, drag_->place(1));
        }
        for (int i = 0; i < drag_->count(); ++i) {
            carry(i, drag_->place(i));
        }
        return;
    }
    if (scrollDrill_) {
        // Click the first row (a miss), then turn the wheel one notch at a time, as a person
        // does, until the llama is in view, and click it.
        sendScrollMouse(wxEVT_LEFT_DOWN, 30, 20);
        const auto& m = scrollDrill_->mark();
        int notches = 0;
        for (; notches < 1000; ++notches) {
            const int top = scroll_->CalcUnscrolledPosition(wxPoint(0, 0)).y;
            if (m.y + m.size / 2 <= top + scroll_->GetClientSize().y) {
                break;
            }
            wxMouseEvent wheel(wxEVT_MOUSEWHEEL);
            wheel.m_wheelRotation = -120;
            wheel.m_wheelDelta = 120;
            wheel.m_linesPerAction = 3;
            wheel.m_wheelAxis = wxMOUSE_WHEEL_VERTICAL;
            wheel.SetEventObject(scroll_);
            scroll_->GetEventHandler()->ProcessEvent(wheel);
            if (scroll_->CalcUnscrolledPosition(wxPoint(0, 0)).y == top) {
                break; // the wheel did nothing: the test fails below
            }
        }
        if (report_) {
            report_("wheel notches " + std::to_string(notches) + " deepest " +
                    std::to_string(scrollDrill_->deepest()));
        }
        const wxPoint at = scroll_->CalcScrolledPosition(wxPoint(m.x, m.y));
        sendScrollMouse(wxEVT_LEFT_DOWN, at.x, at.y);
        return;
    }
    if (pointer_) {
        // One press beside the first target, then each target in the middle, the way wxGTK
        // delivers them: a double click is a button-down followed by a double-click event.
        const auto& first = pointer_->current();
        const wxSize size = area_->GetClientSize();
        const int missX = first.x > size.x / 2 ? first.x - first.size : first.x + first.size;
        sendMouse(wxEVT_LEFT_DOWN, missX, first.y);
        if (pointer_->doubleClick()) {
            sendMouse(wxEVT_LEFT_DCLICK, missX, first.y);
        }
        while (!pointer_->finished()) {
            const auto t = pointer_->current();
            sendMouse(wxEVT_LEFT_DOWN, t.x, t.y);
            if (pointer_->doubleClick()) {
                sendMouse(wxEVT_LEFT_DCLICK, t.x, t.y);
            }
        }
        return;
    }
    const wxString text = u8(target_);
    for (const auto ch : text) {
        input_->AppendText(wxString(ch)); // one character at a time, ñ and accents too
    }
    wxCommandEvent click(wxEVT_BUTTON, wxID_OK);
    click.SetEventObject(done_);
    done_->GetEventHandler()->ProcessEvent(click);
}

} // namespace ayllu::student
