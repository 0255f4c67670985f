#pragma once

#include <QObject>

class QVariantAnimation;

namespace chainscope {

/**
 * The one animation of a trace (STYLE habit 8): a value running from stop 0 to the last
 * stop of the path built from the trace's steps (one stop per step). Play, pause, step,
 * speed and restart all act on it; the views follow stopChanged() and positionChanged().
 * Tests drive it with animation()->setCurrentTime().
 */
class TraceAnimator : public QObject
{
    Q_OBJECT
public:
    static constexpr int BaseMsPerStop = 450;

    explicit TraceAnimator(QObject *parent = nullptr);

    /** A new path: stopped at stop 0. */
    void setStopCount(int stops);
    int stopCount() const { return m_stops; }
    int currentStop() const { return m_current; }
    QVariantAnimation *animation() const { return m_animation; }
    bool isPlaying() const;
    double speed() const { return m_speed; }
    /** Time of a stop on the animation's clock. */
    int timeOfStop(int stop) const;

public Q_SLOTS:
    void play();
    void pause();
    void togglePlay();
    void stepForward();
    void stepBack();
    void restart();
    void goToStop(int stop);
    /** 1.0 is BaseMsPerStop per step; keeps the current position. */
    void setSpeed(double factor);

Q_SIGNALS:
    void stopChanged(int stop);
    /** Between stop and stop + 1 (fraction 0..1) for moving the marker. */
    void positionChanged(int stop, double fraction);
    void playingChanged(bool playing);

private:
    void onValue(const QVariant &value);
    int msPerStop() const;

    QVariantAnimation *m_animation = nullptr;
    int m_stops = 0;
    int m_current = -1;
    double m_speed = 1.0;
};

} // namespace chainscope
