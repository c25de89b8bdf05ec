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

struct ClassReportData {
    std::string className, teacher, period;
    std::int64_t madeMs = 0;
    std::vector<store::LearnerRow> learners;
    std::vector<std::pair<std::string, store::ItemRow>> items; // (title, row)
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
