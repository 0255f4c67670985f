#pragma once

#include "reportwriter.h"
#include "sessionfile.h"

namespace chainscope {

/**
 * A report's input from a session: the edits, the packet, the pins, the branch shown and the
 * notes. The window (File > Export Report) and `chainscope-cli report SESSION` both go
 * through here, so the same session writes the same report.
 */
ReportInput reportInput(const SessionData &session, const Scenario &scenario);

} // namespace chainscope
