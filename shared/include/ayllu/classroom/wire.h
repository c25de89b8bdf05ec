// Progress events as they travel in Events messages.
#pragma once

#include "ayllu/store/progress.h"

#include <Poco/JSON/Object.h>

namespace ayllu::classroom {

Poco::JSON::Object::Ptr eventToJson(const store::Event& e);
// Throws net::ProtocolError when a field is missing, of the wrong type or out of range.
store::Event eventFromJson(const Poco::JSON::Object::Ptr& o);

} // namespace ayllu::classroom
