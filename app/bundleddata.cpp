#include "bundleddata.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace chainscope {

QString BundledData::resourcePath(const QString &relative)
{
    return QStringLiteral(":/chainscope/") + relative;
}

QStringList BundledData::candidates(const QString &relative)
{
    QStringList out;
    auto add = [&out](const QString &path) {
        const QString clean = QDir::cleanPath(path);
        if (!out.contains(clean))
            out << clean;
    };
    // Without a QCoreApplication there is no executable folder to start from.
    if (QCoreApplication::instance()) {
        const QDir exe(QCoreApplication::applicationDirPath());
        add(exe.filePath(relative));
        // build/app/chainscope in the source tree (the layout scripts/run.sh builds).
        add(exe.filePath(QStringLiteral("../../resources/") + relative));
    }
#ifdef CHAINSCOPE_RESOURCES_DIR
    add(QStringLiteral(CHAINSCOPE_RESOURCES_DIR "/") + relative);
#endif
    if (QCoreApplication::instance())
        add(QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("../share/chainscope/") + relative));
#ifdef CHAINSCOPE_INSTALL_DATA_DIR
    add(QStringLiteral(CHAINSCOPE_INSTALL_DATA_DIR "/") + relative);
#endif
    out << resourcePath(relative);
    return out;
}

QString BundledData::find(const QString &relative, const QString &entry)
{
    for (const QString &dir : candidates(relative))
        if (entry.isEmpty() ? QFileInfo(dir).isDir() : QFileInfo::exists(dir + QLatin1Char('/') + entry))
            return dir;
    return {};
}

QString BundledData::lessonsDir()
{
    return find(QStringLiteral("lessons"));
}

QString BundledData::incidentScenario()
{
    return find(QStringLiteral("scenarios/incident"), QStringLiteral("scenario.json"));
}

} // namespace chainscope
