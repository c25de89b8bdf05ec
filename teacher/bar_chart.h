// Horizontal bars with a label and a value, each bar made of coloured parts (right, partly
// right, wrong...). Used by the live quiz and the gradebook. Drawn double-buffered: no flicker
// when it is updated several times a second.
#pragma once

#include <vector>
#include <wx/wx.h>

namespace ayllu::teacher {

struct Bar {
    wxString label;
    std::vector<std::pair<double, wxColour>> parts; // stacked, in units of the chart's maximum
    wxString value;                                 // written after the bar
};

class BarChart : public wxScrolledWindow {
public:
    explicit BarChart(wxWindow* parent);
    void setBars(std::vector<Bar> bars, double maximum);
    void setEmptyText(const wxString& text);
    // What a screen reader calls the chart; it reads the bars as "label: value; …".
    void setTitle(const wxString& title);
    const std::vector<Bar>& bars() const { return bars_; }

private:
    void onPaint(wxPaintEvent&);
    void describe();
    std::vector<Bar> bars_;
    wxString title_;
    double maximum_ = 1;
    wxString empty_;
};

// The colours of a result, the same everywhere.
wxColour colourCorrect();
wxColour colourPartial();
wxColour colourWrong();
wxColour colourMissing();

} // namespace ayllu::teacher
