#include "traceanimator.h"

#include <QVariantAnimation>

#include <algorithm>
#include <cmath>

namespace chainscope {

TraceAnimator::TraceAnimator(QObject *parent) : QObject(parent)
{
    m_animation = new QVariantAnimation(this);
    m_animation->setStartValue(0.0);
    m_animation->setEndValue(0.0);
    m_animation->setDuration(1);
    connect(m_animation, &QVariantAnimation::valueChanged, this, &TraceAnimator::onValue);
    connect(m_animation, &QAbstractAnimation::stateChanged, this,
            [this](QAbstractAnimation::State state) { Q_EMIT playingChanged(state == QAbstractAnimation::Running); });
}

int TraceAnimator::msPerStop() const
{
    return std::max(20, int(std::lround(BaseMsPerStop / m_speed)));
}

int TraceAnimator::timeOfStop(int stop) const
{
    return std::clamp(stop, 0, std::max(0, m_stops - 1)) * msPerStop();
}

void TraceAnimator::setStopCount(int stops)
{
    m_animation->stop();
    m_stops = std::max(0, stops);
    m_current = -1;
    // The value is the stop number; linear, so each step takes the same time.
    m_animation->setStartValue(0.0);
    m_animation->setEndValue(double(std::max(0, m_stops - 1)));
    m_animation->setDuration(std::max(1, (m_stops - 1) * msPerStop()));
    m_animation->setCurrentTime(0);
    onValue(0.0);
}

bool TraceAnimator::isPlaying() const
{
    return m_animation->state() == QAbstractAnimation::Running;
}

void TraceAnimator::play()
{
    if (m_stops < 2)
        return;
    if (m_animation->state() == QAbstractAnimation::Paused) {
        m_animation->resume();
        return;
    }
    const int at = m_animation->currentTime() >= m_animation->duration() ? 0 : m_animation->currentTime();
    m_animation->start();
    m_animation->setCurrentTime(at);
}

void TraceAnimator::pause()
{
    if (isPlaying())
        m_animation->pause();
}

void TraceAnimator::togglePlay()
{
    isPlaying() ? pause() : play();
}

void TraceAnimator::goToStop(int stop)
{
    pause();
    m_animation->setCurrentTime(timeOfStop(stop));
    onValue(m_animation->currentValue());
}

void TraceAnimator::stepForward()
{
    goToStop(m_current + 1);
}

void TraceAnimator::stepBack()
{
    goToStop(m_current - 1);
}

void TraceAnimator::restart()
{
    m_animation->stop();
    m_animation->setCurrentTime(0);
    onValue(0.0);
    play();
}

void TraceAnimator::setSpeed(double factor)
{
    if (factor <= 0 || factor == m_speed)
        return;
    const double at = m_animation->currentValue().toDouble();
    m_speed = factor;
    m_animation->setDuration(std::max(1, (m_stops - 1) * msPerStop()));
    m_animation->setCurrentTime(int(std::lround(at * msPerStop())));
}

void TraceAnimator::onValue(const QVariant &value)
{
    if (m_stops <= 0)
        return;
    const double v = std::clamp(value.toDouble(), 0.0, double(m_stops - 1));
    const int stop = std::min(int(std::floor(v + 1e-9)), m_stops - 1);
    if (stop != m_current) {
        m_current = stop;
        Q_EMIT stopChanged(stop);
    }
    Q_EMIT positionChanged(stop, v - stop);
}

} // namespace chainscope
