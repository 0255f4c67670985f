#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace chainscope {

/**
 * The language the application speaks: its own translation (`:/i18n/chainscope_LANG.qm`,
 * compiled from translations/ into the binary) and Qt's for the standard dialogs.
 *
 * Codes are Qt locale names ("en", "zh_CN"). An empty code means the system's UI language
 * (LANGUAGE, LC_ALL, LC_MESSAGES and LANG on Linux, through QLocale::system()); a language
 * with no translation falls back to English, the source language, which needs no file.
 */
class Language
{
    Q_DECLARE_TR_FUNCTIONS(chainscope::Language)
public:
    /** The languages there is a translation for, "en" first. */
    static QStringList available();
    /** The language's name in itself ("English", "简体中文"), as language menus show it. */
    static QString nativeName(const QString &code);
    /** The code `code` stands for: itself when translated, the system's when empty, else "en". */
    static QString resolve(const QString &code);
    /**
     * Installs the translators for resolve(code) in the application, replacing those of an
     * earlier call, and returns the language now spoken. Strings already built stay as they
     * were: widgets retranslate on QEvent::LanguageChange or when rebuilt.
     */
    static QString install(const QString &code);
    /** The language the last install() chose; "en" before any. */
    static QString current();
    /** Where the window keeps the user's choice (empty: follow the system). */
    static QString settingsKey() { return QStringLiteral("language"); }
};

} // namespace chainscope
