#include "language.h"

#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

#include <memory>

namespace chainscope {

namespace {
// Owned here: the application keeps only pointers to installed translators.
std::unique_ptr<QTranslator> s_own;
std::unique_ptr<QTranslator> s_qt;
QString s_current = QStringLiteral("en");

/** "zh_CN" for the Chinese a user in mainland China (or anyone asking for Hans) reads. */
QString match(QString name)
{
    name.replace(QLatin1Char('-'), QLatin1Char('_'));
    if (name == QLatin1String("en") || name.startsWith(QLatin1String("en_")) || name == QLatin1String("C")
        || name == QLatin1String("POSIX"))
        return QStringLiteral("en");
    if (name == QLatin1String("zh") || name.startsWith(QLatin1String("zh_CN")) || name.startsWith(QLatin1String("zh_Hans"))
        || name.startsWith(QLatin1String("zh_SG")))
        return QStringLiteral("zh_CN");
    return {};
}
} // namespace

QStringList Language::available()
{
    return {QStringLiteral("en"), QStringLiteral("zh_CN")};
}

QString Language::nativeName(const QString &code)
{
    if (code == QLatin1String("zh_CN"))
        return QStringLiteral("简体中文");
    if (code == QLatin1String("en"))
        return QStringLiteral("English");
    return code;
}

QString Language::resolve(const QString &code)
{
    if (!code.isEmpty()) {
        const QString m = match(code);
        return m.isEmpty() ? QStringLiteral("en") : m;
    }
    // The first of the user's languages that has a translation, or English.
    const QStringList ui = QLocale::system().uiLanguages();
    for (const QString &l : ui) {
        const QString m = match(l);
        if (!m.isEmpty())
            return m;
    }
    return QStringLiteral("en");
}

QString Language::install(const QString &code)
{
    const QString lang = resolve(code);
    if (s_own) {
        QCoreApplication::removeTranslator(s_own.get());
        s_own.reset();
    }
    if (s_qt) {
        QCoreApplication::removeTranslator(s_qt.get());
        s_qt.reset();
    }
    s_current = QStringLiteral("en");
    if (lang == QLatin1String("en"))
        return s_current;
    auto own = std::make_unique<QTranslator>();
    if (!own->load(QStringLiteral(":/i18n/chainscope_%1.qm").arg(lang)))
        return s_current;
    QCoreApplication::installTranslator(own.get());
    s_own = std::move(own);
    // Qt's own words (Cancel, Yes, the file dialog) when Debian's qt6-translations-l10n is there.
    auto qt = std::make_unique<QTranslator>();
    if (qt->load(QStringLiteral("qtbase_%1").arg(lang), QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt.get());
        s_qt = std::move(qt);
    }
    s_current = lang;
    return s_current;
}

QString Language::current()
{
    return s_current;
}

} // namespace chainscope
