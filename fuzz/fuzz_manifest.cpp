// libFuzzer target: the IMS manifest parser, with the parse -> write -> parse property, and the
// validator's cross-checks on what was read (no file system: an empty folder).
#include "ayllu/course/validate.h"
#include "fuzz_common.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string input = ayllu::fuzz::bytes(data, size);
    ayllu::fuzz::roundTrip(input, ayllu::course::parseManifest, ayllu::course::writeManifest);
    ayllu::Problems p;
    if (auto doc = ayllu::xml::Document::parse(input, "imsmanifest.xml", p)) {
        ayllu::course::Package pkg;
        pkg.manifest = ayllu::course::parseManifest(*doc, p);
        ayllu::course::checkPackage(pkg, "", p);
    }
    return 0;
}
