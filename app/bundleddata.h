#pragma once

#include <QString>
#include <QStringList>

namespace chainscope {

/**
 * Where the lessons and the incident scenario that come with Chainscope are found, whatever
 * folder the executable runs from. In order: next to the executable (`<exe>/lessons`), the
 * source tree it was built from, the install prefix (`share/chainscope`, relative to the
 * executable and the configured prefix), and last the copy compiled into the executable
 * (`:/chainscope/...`, resources/CMakeLists.txt), which is always there. Everything that reads
 * them goes through QFile and QDir, so the compiled-in copy loads like any folder.
 */
class BundledData
{
public:
    /** The compiled-in copy of a path under resources/, e.g. resourcePath("lessons"). */
    static QString resourcePath(const QString &relative);
    /** The folders searched for a path under resources/, in order (the compiled-in copy last). */
    static QStringList candidates(const QString &relative);
    /** The first candidate holding entry (a file or folder inside it; empty: the folder itself). */
    static QString find(const QString &relative, const QString &entry = {});

    /** The bundled lessons folder. */
    static QString lessonsDir();
    /** The incident scenario the first start opens. */
    static QString incidentScenario();
};

} // namespace chainscope
