// Checks that a media file really is what its name says and can be decoded.
#pragma once

#include <optional>
#include <string>

namespace ayllu::course {

enum class MediaKind { Image, Audio };

// nullopt when `bytes` (the content of a file called `name`) decodes as the format its extension
// names (PNG, JPEG, SVG for images; Ogg, WAV, MP3 for audio); otherwise a translated reason.
std::optional<std::string> checkMedia(const std::string& name, const std::string& bytes,
                                      MediaKind kind);

} // namespace ayllu::course
