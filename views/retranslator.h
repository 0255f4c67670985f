#pragma once

#include <functional>
#include <utility>
#include <vector>

namespace chainscope {

/**
 * The texts a widget or controller sets once with tr(), kept so they follow the language:
 * add() runs a setter now and keeps it; retranslate() runs every setter again, from a
 * changeEvent(QEvent::LanguageChange) (widgets) or an event() override (controllers).
 *
 * The tr() calls stay where the widget is built (inside the setter), so the catalogue's
 * contexts and lupdate's view of the sources do not change. A setter may capture only
 * objects that live as long as its owner (children of the owner, or guarded by QPointer).
 */
class Retranslator
{
public:
    template <typename Setter>
    void add(Setter &&setter)
    {
        setter();
        m_setters.emplace_back(std::forward<Setter>(setter));
    }
    void retranslate() const
    {
        for (const auto &setter : m_setters)
            setter();
    }

private:
    std::vector<std::function<void()>> m_setters;
};

} // namespace chainscope
