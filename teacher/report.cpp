#include "report.h"

#include "ayllu/i18n.h"
#include "ayllu/problem.h"
#include "tr.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <cstdio>
#include <wx/print.h>

namespace ayllu::teacher {

using gui::u8;

namespace {

constexpr double kMargin = 48;
const wxSize kA4(595, 842);

wxString dateText(std::int64_t ms) {
    return wxDateTime(static_cast<time_t>(ms / 1000)).Format("%Y-%m-%d");
}

// wx's cairo context sizes fonts for 96 dots per inch; a page is drawn in points (72 per inch).
wxFont pointFont(double size, bool bold) {
    return wxFont(wxFontInfo(size * 72.0 / 96.0).Family(wxFONTFAMILY_SWISS).Bold(bold));
}

void text(wxGraphicsContext& gc, const wxString& s, double x, double y, double size,
          bool bold = false, const wxColour& colour = *wxBLACK) {
    gc.SetFont(pointFont(size, bold), colour);
    gc.DrawText(s, x, y);
}

double textWidth(wxGraphicsContext& gc, const wxString& s, double size, bool bold = false) {
    gc.SetFont(pointFont(size, bold), *wxBLACK);
    double w = 0, h = 0;
    gc.GetTextExtent(s, &w, &h);
    return w;
}

// Cuts a text to fit `width`, with an ellipsis.
wxString fit(wxGraphicsContext& gc, wxString s, double width, double size, bool bold) {
    if (textWidth(gc, s, size, bold) <= width) {
        return s;
    }
    const wxString dots = wxString::FromUTF8("…");
    while (!s.empty() && textWidth(gc, s + dots, size, bold) > width) {
        s.RemoveLast();
    }
    return s + dots;
}

// The class report: a title block, then a table of learners and a table of items, flowed over
// as many pages as they need.
class ClassReport : public Document {
public:
    explicit ClassReport(ClassReportData d) : d_(std::move(d)) {
        // Each line: a section heading, a table header, or a row.
        lines_.push_back({Line::Heading, 0});
        lines_.push_back({Line::LearnerHeader, 0});
        for (std::size_t i = 0; i < d_.learners.size(); ++i) {
            lines_.push_back({Line::Learner, i});
        }
        lines_.push_back({Line::ItemsHeading, 0});
        lines_.push_back({Line::ItemHeader, 0});
        for (std::size_t i = 0; i < d_.items.size(); ++i) {
            lines_.push_back({Line::Item, i});
        }
    }
    int pageCount() const override {
        if (lines_.size() <= kFirst) {
            return 1;
        }
        return 1 + static_cast<int>((lines_.size() - kFirst + kPerPage - 1) / kPerPage);
    }
    wxSize pageSize() const override { return kA4; }

    void drawPage(wxGraphicsContext& gc, int page) const override {
        double y = kMargin;
        if (page == 0) {
            text(gc, _("Class report"), kMargin, y, 20, true);
            y += 32;
            text(gc, u8(d_.className), kMargin, y, 14, true, wxColour(20, 40, 60));
            y += 22;
            text(gc, wxString::Format(_("Teacher: %s"), u8(d_.teacher)), kMargin, y, 10);
            y += 15;
            text(gc,
                 wxString::Format(_("Period: %s · made on %s"), u8(d_.period), dateText(d_.madeMs)),
                 kMargin, y, 10);
            y += 15;
            text(gc, summaryText(d_.summary), kMargin, y, 10, true);
            y += 28;
        }
        // Which lines go on this page: page 0 holds fewer, under the title block.
        const std::size_t first = page == 0 ? 0 : kFirst + (page - 1) * kPerPage;
        const std::size_t count = page == 0 ? kFirst : kPerPage;
        for (std::size_t i = first; i < lines_.size() && i < first + count; ++i) {
            drawLine(gc, lines_[i], y);
            y += kRow;
        }
        text(gc, wxString::Format(_("Page %d of %d"), page + 1, pageCount()), kMargin,
             kA4.y - kMargin + 12, 8, false, wxColour(120, 120, 120));
    }

private:
    static constexpr std::size_t kFirst = 30;
    static constexpr std::size_t kPerPage = 36;
    static constexpr double kRow = 19;
    struct Line {
        enum Kind { Heading, LearnerHeader, Learner, ItemsHeading, ItemHeader, Item } kind;
        std::size_t index;
    };

    void columns(wxGraphicsContext& gc, double y, const std::vector<wxString>& cells, bool bold,
                 const std::optional<double>& score = {}) const {
        // Name, then four figures.
        const double xs[] = {kMargin,       kMargin + 170, kMargin + 242,
                             kMargin + 314, kMargin + 386, kMargin + 460};
        const double size = bold ? 8 : 9.5;
        for (std::size_t c = 0; c < cells.size() && c < 5; ++c) {
            // Figures and their short headers fit their columns; names are cut to theirs.
            text(gc, c == 0 ? fit(gc, cells[c], xs[1] - xs[0] - 4, size, bold) : cells[c], xs[c], y,
                 size, bold);
        }
        if (score) {
            // A small bar after the figures: green from 60 %, red below.
            const double w = 36 * std::clamp(*score, 0.0, 100.0) / 100.0;
            gc.SetPen(*wxTRANSPARENT_PEN);
            gc.SetBrush(wxBrush(wxColour(225, 225, 225)));
            gc.DrawRectangle(kMargin + 460, y + 3, 36, 8);
            gc.SetBrush(wxBrush(*score >= 60 ? wxColour(46, 139, 87) : wxColour(200, 60, 50)));
            gc.DrawRectangle(kMargin + 460, y + 3, w, 8);
        }
    }

    void drawLine(wxGraphicsContext& gc, const Line& l, double y) const {
        switch (l.kind) {
        case Line::Heading:
            text(gc, _("Learners"), kMargin, y, 12, true);
            break;
        case Line::ItemsHeading:
            text(gc, _("Lessons, quizzes and drills"), kMargin, y + 4, 12, true);
            break;
        case Line::LearnerHeader:
            columns(gc, y, {_("Learner"), _("Started"), _("Completed"), _("Mean score"), _("Time")},
                    true);
            break;
        case Line::ItemHeader:
            columns(gc, y,
                    {_("Lesson, quiz or drill"), _("Started"), _("Completed"), _("Mean score"),
                     _("Mean time")},
                    true);
            break;
        case Line::Learner: {
            const auto& r = d_.learners[l.index];
            columns(gc, y, learnerCells(r), false, r.meanScorePercent);
            break;
        }
        case Line::Item: {
            const auto& r = d_.items[l.index];
            columns(gc, y, itemCells(r), false, r.meanScorePercent);
            break;
        }
        }
    }

    ClassReportData d_;
    std::vector<Line> lines_;
};

class Certificate : public Document {
public:
    Certificate(store::Completion c, std::string course, std::string className, std::string teacher)
        : c_(std::move(c)), course_(std::move(course)), class_(std::move(className)),
          teacher_(std::move(teacher)) {}
    int pageCount() const override { return 1; }
    wxSize pageSize() const override { return {kA4.y, kA4.x}; } // landscape

    void drawPage(wxGraphicsContext& gc, int) const override {
        const double w = kA4.y, h = kA4.x;
        gc.SetBrush(*wxTRANSPARENT_BRUSH);
        gc.SetPen(wxPen(wxColour(20, 40, 60), 4));
        gc.DrawRectangle(24, 24, w - 48, h - 48);
        gc.SetPen(wxPen(wxColour(230, 160, 30), 1.5));
        gc.DrawRectangle(34, 34, w - 68, h - 68);
        auto centred = [&](const wxString& s, double y, double size, bool bold,
                           const wxColour& colour = *wxBLACK) {
            text(gc, s, (w - textWidth(gc, s, size, bold)) / 2, y, size, bold, colour);
        };
        centred(_("Certificate of completion"), 90, 30, true, wxColour(20, 40, 60));
        centred(_("This certifies that"), 160, 14, false);
        centred(u8(c_.learnerName), 195, 32, true);
        centred(_("has completed the course"), 260, 14, false);
        centred(u8(course_), 292, 22, true, wxColour(20, 40, 60));
        centred(wxString::Format(_("%d lessons, quizzes and drills, in the class %s"),
                                 static_cast<int>(c_.items.size()), u8(class_)),
                340, 12, false);
        centred(wxString::Format(_("Completed on %s"), dateText(c_.lastMs)), 362, 12, false);
        gc.SetPen(wxPen(*wxBLACK, 1));
        gc.StrokeLine(w / 2 - 130, h - 120, w / 2 + 130, h - 120);
        centred(u8(teacher_), h - 112, 12, true);
        centred(_("Teacher"), h - 95, 10, false, wxColour(90, 90, 90));
        centred(_("Ayllu"), h - 62, 9, false, wxColour(140, 140, 140));
    }

private:
    store::Completion c_;
    std::string course_, class_, teacher_;
};

} // namespace

wxString percentText(const std::optional<double>& v) {
    return v ? wxString::Format("%.0f %%", *v) : wxString::FromUTF8("—");
}

wxString minutesText(double ms) {
    if (ms > 0 && ms < 59500) { // under a minute: seconds, at least 1 when anything was spent
        return wxString::Format(_("%.0f s"), std::max(1.0, ms / 1000.0));
    }
    return wxString::Format(_("%.0f min"), ms / 60000.0);
}

std::vector<wxString> learnerCells(const store::LearnerRow& r) {
    return {u8(r.learnerName), wxString::Format("%d", r.started),
            wxString::Format("%d", r.completed), percentText(r.meanScorePercent),
            minutesText(static_cast<double>(r.timeMs))};
}

std::vector<wxString> itemCells(const store::ItemRow& r) {
    return {u8(r.title.empty() ? r.content : r.title),
            wxString::Format("%d / %d", r.started, r.learners),
            wxString::Format("%d / %d", r.completed, r.learners), percentText(r.meanScorePercent),
            minutesText(r.meanTimeMs)};
}

wxString summaryText(const store::ClassSummary& s) {
    return wxString::Format(_("%d learners · mean score %s · %d of %d done · %s per learner"),
                            s.learners, percentText(s.meanScorePercent), s.completed,
                            s.learners * s.items, minutesText(static_cast<double>(s.meanTimeMs)));
}

std::unique_ptr<Document> classReport(ClassReportData data) {
    return std::make_unique<ClassReport>(std::move(data));
}

std::unique_ptr<Document> certificate(const store::Completion& c, const std::string& courseTitle,
                                      const std::string& className, const std::string& teacher) {
    if (!c.complete()) {
        wxString missing;
        for (const auto& [item, row] : c.items) {
            if (!row.completed()) {
                missing += "\n- " + u8(item.title);
            }
        }
        throw Error(wxString::Format(_("%s has not completed %s yet. Still to do:%s"),
                                     u8(c.learnerName), u8(courseTitle), missing)
                        .utf8_string());
    }
    return std::make_unique<Certificate>(c, courseTitle, className, teacher);
}

void savePdf(const Document& doc, const std::string& path) {
    const std::string part = path + ".part";
    const wxSize first = doc.pageSize();
    cairo_surface_t* surface = cairo_pdf_surface_create(part.c_str(), first.x, first.y);
    cairo_t* cr = cairo_create(surface);
    for (int page = 0; page < doc.pageCount(); ++page) {
        std::unique_ptr<wxGraphicsContext> gc(
            wxGraphicsRenderer::GetCairoRenderer()->CreateContextFromNativeContext(cr));
        doc.drawPage(*gc, page);
        gc.reset();
        cairo_show_page(cr);
    }
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    const cairo_status_t status = cairo_surface_status(surface);
    cairo_surface_destroy(surface);
    if (status != CAIRO_STATUS_SUCCESS || std::rename(part.c_str(), path.c_str()) != 0) {
        std::remove(part.c_str());
        throw Error(wxString::Format(_("Could not write %s (%s)"), u8(path),
                                     u8(cairo_status_to_string(status)))
                        .utf8_string());
    }
}

namespace {
class Printout : public wxPrintout {
public:
    Printout(const Document& doc, const wxString& title) : wxPrintout(title), doc_(doc) {}
    bool HasPage(int page) override { return page >= 1 && page <= doc_.pageCount(); }
    void GetPageInfo(int* minPage, int* maxPage, int* from, int* to) override {
        *minPage = *from = 1;
        *maxPage = *to = doc_.pageCount();
    }
    bool OnPrintPage(int page) override {
        wxDC* dc = GetDC();
        if (dc == nullptr) {
            return false;
        }
        // Points to the printer's pixels, keeping the page's proportions.
        const wxSize size = doc_.pageSize();
        FitThisSizeToPaper(size);
        std::unique_ptr<wxGraphicsContext> gc(wxGraphicsContext::CreateFromUnknownDC(*dc));
        if (!gc) {
            return false;
        }
        int w = 0, h = 0;
        dc->GetSize(&w, &h);
        const double scale =
            std::min(w / static_cast<double>(size.x), h / static_cast<double>(size.y));
        gc->Scale(scale, scale);
        doc_.drawPage(*gc, page - 1);
        return true;
    }

private:
    const Document& doc_;
};
} // namespace

bool print(wxWindow* parent, const Document& doc, const wxString& title) {
    wxPrintDialogData data;
    data.GetPrintData().SetOrientation(doc.pageSize().x > doc.pageSize().y ? wxLANDSCAPE
                                                                           : wxPORTRAIT);
    wxPrinter printer(&data);
    Printout printout(doc, title);
    return printer.Print(parent, &printout, true);
}

} // namespace ayllu::teacher
