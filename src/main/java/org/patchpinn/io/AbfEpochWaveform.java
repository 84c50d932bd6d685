package org.patchpinn.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Rebuilds a DAC's command waveform for one sweep from its epoch table, as pyABF's {@code waveform.py}
 * does: a holding stretch of sweepPoints/64 samples first (Clampex holds before the epochs start), then
 * each epoch with its level and duration advanced by the per-sweep increments, then the holding level
 * (or, when the DAC keeps its last level between sweeps, the last epoch's level) to the end of the sweep.
 * Positions are clamped to the sweep, where pyABF would fail on corrupt durations.
 */
final class AbfEpochWaveform {
    /** One stretch of the sweep: samples [p1, p2) at {@code level}, shaped by the epoch {@code type}. */
    record Segment(long p1, long p2, double level, int type, long pulsePeriod, long pulseWidth) {
    }

    private AbfEpochWaveform() {
    }

    /** pyABF's epoch list for a sweep (its {@code EpochSweepWaveform}): pre-epoch, epochs, post-epoch. */
    static List<Segment> segments(AbfDac dac, int sweepPoints, int sweep) {
        List<Segment> out = new ArrayList<>();
        double hold = dac.holdingLevel();
        long pre = sweepPoints / 64;
        double before = sweep > 0 && dac.keepLastLevel() ? lastLevel(dac, sweep - 1) : hold;
        out.add(new Segment(0, pre, before, AbfEpoch.STEP, 0, 0));
        long position = pre;
        for (AbfEpoch e : dac.epochs()) {
            long duration = e.duration() + (long) e.durationDelta() * sweep;
            double level = e.level() + e.levelDelta() * sweep;
            out.add(new Segment(position, position + duration, level, e.type(), e.pulsePeriod(), e.pulseWidth()));
            position += duration;
        }
        double after = dac.keepLastLevel() ? lastLevel(dac, sweep) : hold;
        out.add(new Segment(position, sweepPoints, after, AbfEpoch.STEP, 0, 0));
        return out;
    }

    /** Level of the last epoch in a sweep, or the holding level when there are no epochs. */
    private static double lastLevel(AbfDac dac, int sweep) {
        List<AbfEpoch> epochs = dac.epochs();
        if (epochs.isEmpty()) {
            return dac.holdingLevel();
        }
        AbfEpoch last = epochs.get(epochs.size() - 1);
        return last.level() + last.levelDelta() * sweep;
    }

    /**
     * True when every stretch of the sweep has a known shape and finite levels, i.e. {@link #render} gives
     * no NaN. (The stretches always cover the whole sweep: they chain from 0 to its end.)
     */
    static boolean defined(List<Segment> segments) {
        for (Segment s : segments) {
            if (s.p2() > s.p1() && (!Double.isFinite(s.level()) || !known(s.type()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean known(int type) {
        return type == AbfEpoch.STEP || type == AbfEpoch.RAMP || type == AbfEpoch.PULSE || type == AbfEpoch.TRIANGLE
                || type == AbfEpoch.COSINE || type == AbfEpoch.BIPHASIC;
    }

    /**
     * Samples of the waveform, NaN where pyABF leaves it undefined (an unknown epoch type). The shapes of
     * pulse, triangle, cosine and biphasic trains follow pyABF: the level before an epoch is the previous
     * epoch's level, trains repeat every pulsePeriod samples. One pass: the stretches chain from the first
     * sample to the last, so every sample is written.
     */
    static float[] render(List<Segment> segments, int sweepPoints) {
        float[] c = new float[sweepPoints];
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            double level = s.level();
            double before = i == 0 ? level : segments.get(i - 1).level();
            int p1 = clamp(s.p1(), sweepPoints);
            int p2 = clamp(s.p2(), sweepPoints);
            long size = s.p2() - s.p1();
            if (size <= 0 || p2 <= p1) {
                continue;
            }
            long pulses = s.pulsePeriod() > 0 ? size / s.pulsePeriod() : 0;
            switch (s.type()) {
                case AbfEpoch.STEP:
                    Arrays.fill(c, p1, p2, (float) level);
                    break;
                case AbfEpoch.RAMP:
                    linspace(c, s.p1(), size, before, level, p1, p2);
                    break;
                case AbfEpoch.PULSE:
                    Arrays.fill(c, p1, p2, (float) before);
                    for (long k = 0; k < pulses; k++) {
                        long a = s.p1() + s.pulsePeriod() * k;
                        fill(c, a, a + s.pulseWidth(), level, p1, Math.min(p2, s.p1() + size));
                    }
                    break;
                case AbfEpoch.TRIANGLE:
                    // pyABF leaves the stretch after the last whole period undefined; we hold the level before.
                    Arrays.fill(c, p1, p2, (float) before);
                    for (long k = 0; k < pulses; k++) {
                        long a = s.p1() + s.pulsePeriod() * k;
                        long b = a + s.pulseWidth();
                        long e = a + s.pulsePeriod();
                        linspace(c, a, b - a, before, level, p1, p2);
                        linspace(c, b, e - b, level, before, p1, p2);
                    }
                    break;
                case AbfEpoch.COSINE: {
                    double delta = level - before;
                    double end = 2 * pulses * Math.PI;
                    for (int j = p1; j < p2; j++) {
                        long k = j - s.p1();
                        double v = size == 1 ? 0 : (k == size - 1 ? end : k * (end / (size - 1)));
                        c[j] = (float) (before + (Math.cos(v + Math.PI) * delta / 2 + delta / 2));
                    }
                    break;
                }
                case AbfEpoch.BIPHASIC: {
                    double delta = level - before;
                    Arrays.fill(c, p1, p2, (float) before);
                    for (long k = 0; k < pulses; k++) {
                        long a = s.p1() + s.pulsePeriod() * k;
                        long e = a + s.pulseWidth();
                        long mid = s.p1() + ((a - s.p1()) + (e - s.p1())) / 2;
                        fill(c, a, mid, before + delta, p1, p2);
                        fill(c, mid, e, before - delta, p1, p2);
                    }
                    break;
                }
                default:
                    Arrays.fill(c, p1, p2, Float.NaN); // unsupported type: undefined, as in pyABF
                    break;
            }
        }
        return c;
    }

    /** numpy.linspace(from, to, n) written at [start, start + n), limited to [lo, hi). */
    private static void linspace(float[] c, long start, long n, double from, double to, int lo, int hi) {
        if (n <= 0) {
            return;
        }
        double step = n > 1 ? (to - from) / (n - 1) : 0;
        long a = Math.max(start, lo);
        long b = Math.min(start + n, hi);
        for (long j = a; j < b; j++) {
            long k = j - start;
            c[(int) j] = (float) (k == n - 1 && n > 1 ? to : from + k * step);
        }
    }

    private static void fill(float[] c, long a, long b, double v, int lo, long hi) {
        int from = (int) Math.max(a, lo);
        int to = (int) Math.min(b, hi);
        if (to > from) {
            Arrays.fill(c, from, to, (float) v);
        }
    }

    private static int clamp(long p, int n) {
        return (int) Math.max(0, Math.min(n, p));
    }
}
