// The name people give a student PC (its seat: "Ventana 1"), chosen on the PC at its first join
// and sent in its Hello. Cloned lab PCs share a host name, so the teacher tells them apart by a
// short suffix taken from each PC's device id when names repeat ("vm·3f2a").
#pragma once

#include <map>
#include <string>

namespace ayllu::classroom {

// The most characters (not bytes) a PC name keeps.
inline constexpr std::size_t kPcNameMax = 32;

// A name as the teacher keeps and shows it, from what a PC sent (hostile input): control and
// invisible formatting characters (bidi overrides, zero-width) and invalid UTF-8 removed, runs
// of white space folded into one space, trimmed, cut to kPcNameMax characters. "" when nothing
// is left.
std::string cleanPcName(const std::string& raw);

// The label of each PC (device id -> name) as every list shows it: the name alone when no other
// PC has it, else the name, "·" and the shortest lowercase hex suffix (at least 4 characters)
// from the device id that tells it apart from the others of that name. A PC without a name
// gets "PC" and is treated the same way.
std::map<std::string, std::string> pcLabels(const std::map<std::string, std::string>& names);

} // namespace ayllu::classroom
