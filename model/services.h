#pragma once

#include <QtGlobal>

#include <optional>
#include <string_view>

namespace chainscope {

/** Port of a service name ("http", "domain", "irdmi") as /etc/services lists it, built in. */
std::optional<quint16> serviceToPort(std::string_view name, bool udp);
/** First name for a port, empty when none; for printing like `iptables -L` without -n. */
std::string_view portToService(quint16 port, bool udp);

} // namespace chainscope
