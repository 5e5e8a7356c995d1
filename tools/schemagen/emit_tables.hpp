// The compiled model's tables (lib/src/engine/model.hpp) as C++ source.
#pragma once

#include <string>

#include "schema_data.hpp"

namespace schemagen {

/// compiled_model.cpp: constexpr tables with designated initialisers and the_model().
std::string compiled_model_source(const schema_data& s);

}  // namespace schemagen
