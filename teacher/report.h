// Printed work: the class report and a learner's certificate of completion, as pages drawn in
// points with wxGraphicsContext, saved as PDF (through cairo) or sent to a printer.
#pragma once

#include "ayllu/store/gradebook.h"

#include <memory>
#include <string>
#include <vector>
#include <wx/graphics.h>
#include <wx/wx.h>

namespace ayllu::teacher {

class Document {
public:
    virtual ~Document() = default;
    virtual int pageCount() const = 0;
    virtual wxSize pageSize() const = 0; // in points (1/72 inch): A4
    virtual void drawPage(wxGraphicsContext& gc, int page) const = 0;
};

// The figures as the gradebook shows them and the report prints them, made in one place so the
// paper and the screen can never disagree.
wxString percentText(const std::optional<double>& v);
wxString minutesText(double ms);
// Learner, started, completed, mean score, time.
std::vector<wxString> learnerCells(const store::LearnerRow& r);
// Title, started (of the class), completed (of the class), mean score, mean time.
std::vector<wxString> itemCells(const store::ItemRow& r);
// "3 learners · mean score 67 % · 5 of 9 done · 12 min per learner"
wxString summaryText(const store::ClassSummary& s);

struct ClassReportData {
    std::string className, teacher, period;
    std::int64_t madeMs = 0;
    store::ClassSummary summary;
    std::vector<store::LearnerRow> learners;
    std::vector<store::ItemRow> items;
};
std::unique_ptr<Document> classReport(ClassReportData data);

// Throws ayllu::Error when the course is not complete (the message lists what is missing).
std::unique_ptr<Document> certificate(const store::Completion& c, const std::string& courseTitle,
                                      const std::string& className, const std::string& teacher);

// Writes the PDF beside `path` and renames it into place. Throws ayllu::Error naming the file.
void savePdf(const Document& doc, const std::string& path);
// The system's print dialog, then the printer (or "print to file").
bool print(wxWindow* parent, const Document& doc, const wxString& title);

} // namespace ayllu::teacher
