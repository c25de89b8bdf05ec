#include "bar_chart.h"

#include "accessible.h"

#include <algorithm>
#include <wx/dcbuffer.h>

namespace ayllu::teacher {

namespace {
constexpr int kRow = 34;
constexpr int kPad = 8;
} // namespace

wxColour colourCorrect() {
    return {46, 139, 87};
}
wxColour colourPartial() {
    return {230, 160, 30};
}
wxColour colourWrong() {
    return {200, 60, 50};
}
wxColour colourMissing() {
    return {215, 215, 215};
}

BarChart::BarChart(wxWindow* parent) : wxScrolledWindow(parent) {
    SetBackgroundStyle(wxBG_STYLE_PAINT);
    SetBackgroundColour(*wxWHITE);
    SetScrollRate(0, kRow);
    Bind(wxEVT_PAINT, &BarChart::onPaint, this);
    Bind(wxEVT_SIZE, [this](wxSizeEvent& e) {
        Refresh();
        e.Skip();
    });
}

void BarChart::setBars(std::vector<Bar> bars, double maximum) {
    bars_ = std::move(bars);
    maximum_ = std::max(maximum, 1e-9);
    SetVirtualSize(-1, static_cast<int>(bars_.size()) * kRow + 2 * kPad);
    describe();
    Refresh();
}

void BarChart::setEmptyText(const wxString& text) {
    empty_ = text;
    describe();
    Refresh();
}

void BarChart::setTitle(const wxString& title) {
    title_ = title;
    describe();
}

void BarChart::describe() {
    wxString all;
    for (const auto& b : bars_) {
        all += (all.empty() ? "" : "; ") + b.label + ": " + b.value;
    }
    gui::setAccessible(this, title_, bars_.empty() ? empty_ : all);
}

void BarChart::onPaint(wxPaintEvent&) {
    wxAutoBufferedPaintDC dc(this);
    DoPrepareDC(dc);
    dc.SetBackground(*wxWHITE_BRUSH);
    dc.Clear();
    wxFont font = GetFont().Scale(1.15);
    dc.SetFont(font);
    dc.SetTextForeground(*wxBLACK);
    const int width = GetClientSize().x;
    if (bars_.empty()) {
        // Wrapped to the chart's width, word by word (it may have only half the page).
        wxString text, line;
        for (const auto& word : wxSplit(empty_, ' ')) {
            const wxString longer = line.empty() ? word : line + " " + word;
            if (!line.empty() && dc.GetTextExtent(longer).x > GetClientSize().x - 2 * kPad) {
                text += line + "\n";
                line = word;
            } else {
                line = longer;
            }
        }
        dc.DrawText(text + line, kPad, kPad);
        return;
    }
    // Labels take up to a third of the width; longer ones are cut with an ellipsis.
    const int labelWidth = std::min(width / 3, 320);
    const int valueWidth = dc.GetTextExtent("000 / 000 ").x;
    const int barWidth = std::max(40, width - labelWidth - valueWidth - 4 * kPad);
    int y = kPad;
    for (const auto& bar : bars_) {
        const wxString label =
            wxControl::Ellipsize(bar.label, dc, wxELLIPSIZE_END, labelWidth - kPad);
        const int textY = y + (kRow - dc.GetCharHeight()) / 2;
        dc.DrawText(label, kPad, textY);
        int x = labelWidth + kPad;
        dc.SetPen(*wxTRANSPARENT_PEN);
        dc.SetBrush(wxBrush(colourMissing()));
        dc.DrawRectangle(x, y + 5, barWidth, kRow - 10);
        for (const auto& [amount, colour] : bar.parts) {
            const int w = static_cast<int>(barWidth * std::clamp(amount / maximum_, 0.0, 1.0));
            dc.SetBrush(wxBrush(colour));
            dc.DrawRectangle(x, y + 5, w, kRow - 10);
            x += w;
        }
        dc.DrawText(bar.value, labelWidth + barWidth + 2 * kPad, textY);
        y += kRow;
    }
}

} // namespace ayllu::teacher
