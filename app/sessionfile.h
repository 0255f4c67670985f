#pragma once

#include "note.h"
#include "packet.h"
#include "scenario.h"
#include "whatif.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QPointF>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

class QTemporaryDir;

namespace chainscope {

/** Everything a `.chainscope` session keeps (see SessionFile for the format). */
struct SessionData
{
    struct File
    {
        QString path;        // relative to the scenario folder
        QByteArray text;
    };
    QString scenarioPath;    // absolute: a folder, a scenario.json or a dump file
    bool embedded = false;
    bool singleFile = false; // embedded: the scenario is one dump file (files[0])
    QString scenarioName;
    QList<File> files;
    std::vector<Edit> edits;
    QList<Note> notes;
    std::optional<PacketSpec> packet;
    QString branchDst;       // the branch shown: the one whose packet ends at this address
    bool pinned = false;
    QStringList pins;        // [NODE:]CHAIN:RULE, as chainscope-cli --pin takes them
    bool hasView = false;
    QString viewNode;
    double zoom = 1.0;
    QPointF centre;
};

/**
 * `.chainscope` files: JSON with "format": "chainscope-session" and "version": 1; the
 * scenario by path or embedded (every file's text inlined, so the session travels alone),
 * the edits as WhatIf::Edit fields, the notes, the packet, the shown branch and its pins,
 * and the view. Reading validates everything before anything is returned: a damaged,
 * mistyped or newer file is refused with a message naming the file (and line and column
 * for JSON errors). Writing goes through QSaveFile: a failed save leaves the old file.
 */
class SessionFile
{
    Q_DECLARE_TR_FUNCTIONS(chainscope::SessionFile)
public:
    static constexpr int Version = 1;

    static QByteArray toJson(const SessionData &data);
    static bool save(const QString &path, const SessionData &data, QString *error);
    static bool load(const QString &path, SessionData &data, QString *error);
    /** Whether a path names a session (the .chainscope suffix, or a JSON file that says it is one). */
    static bool isSession(const QString &path);
    static bool parse(const QByteArray &json, const QString &path, SessionData &data, QString *error);

    /** Reads the scenario's files (the folder's, or the one dump) into data.files. */
    static bool embedScenario(const QString &scenarioPath, SessionData &data, QString *error);
    /** Writes embedded files under dir; returns the path to load, or empty with an error. */
    static QString materialize(const SessionData &data, const QString &dir, QString *error);
};

} // namespace chainscope
