package org.patchpinn.features;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Finds action potentials in a membrane-voltage trace (mV, uniform sampling).
 *
 * <p>How, and why this way:
 * <ol>
 * <li>Candidate upstrokes are upward crossings of the dV/dt threshold (AllenSDK's putative spikes). An
 *     upstroke already under way at the first sample is ignored: its onset was not recorded, so a trace
 *     that starts above threshold or mid-spike does not produce a half-measured spike.</li>
 * <li>Each candidate's peak is the maximum of V up to the next candidate. Candidates between which V does
 *     not fall by half the height are merged: a noisy upstroke that crosses the threshold twice, or an EPSP
 *     running into a spike, gives one spike, not two.</li>
 * <li>A spike must peak at or above {@code minPeakMv} and rise at least 2 mV above its onset (AllenSDK's
 *     min_height). A peak at the last sample (trace ends while rising) is not a spike.</li>
 * <li>The trough is the first local minimum of V between this peak and the next (eFEL's min_AHP_indices,
 *     with its first_min_element); when it is the last sample the trace ended before repolarisation and the
 *     spike has no trough.</li>
 * <li>The onset (threshold) is searched backwards from the peak (eFEL's AP_begin_indices): the last point
 *     after which dV/dt stays above the threshold for 3 samples, not earlier than the previous trough. A
 *     preceding EPSP therefore cannot capture the threshold. If dV/dt never falls below the absolute
 *     threshold there, AllenSDK's relative criterion (a fraction of the maximal upstroke) is used.</li>
 * <li>Half-width at half height between peak and trough with linear interpolation (eFEL's
 *     spike_half_width).</li>
 * </ol>
 */
public final class SpikeDetector {
    /** AllenSDK's min_height: smallest rise from onset to peak (mV). */
    static final double MIN_HEIGHT_MV = 2.0;
    /** eFEL's DerivativeWindow: samples dV/dt must stay above threshold after the onset. */
    static final int DERIVATIVE_WINDOW = 3;

    private final SpikeDetectionSettings settings;

    public SpikeDetector(SpikeDetectionSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Spikes in time order; indices refer to {@code vMv}. */
    public List<Spike> detect(double[] vMv, double dtMs) {
        if (!(dtMs > 0)) {
            throw new IllegalArgumentException("sampling interval must be positive, got " + dtMs + " ms");
        }
        if (vMv.length < 3) {
            return List.of();
        }
        return detect(vMv, TraceMath.centralDerivative(vMv, dtMs), dtMs);
    }

    /** As {@link #detect(double[], double)} with dV/dt (mV/ms) already computed. */
    List<Spike> detect(double[] v, double[] dvdt, double dt) {
        int n = v.length;
        double thr = settings.dvdtThresholdVPerS();
        int[] starts = upstrokeStarts(dvdt, thr);
        List<int[]> peaks = candidatePeaks(v, starts); // {start, peak}
        List<Integer> kept = new ArrayList<>();
        for (int[] c : peaks) {
            int p = c[1];
            if (v[p] >= settings.minPeakMv() && p < n - 1) {
                kept.add(p);
            }
        }
        List<Spike> spikes = new ArrayList<>(kept.size());
        int previousTrough = -1;
        int previousPeak = -1;
        for (int k = 0; k < kept.size(); k++) {
            int p = kept.get(k);
            int nextBound = k + 1 < kept.size() ? kept.get(k + 1) : n;
            int trough = TraceMath.firstLocalMin(v, p, nextBound);
            if (trough == n - 1) {
                trough = -1;
            }
            int lower = previousTrough >= 0 ? previousTrough : Math.max(0, previousPeak);
            int onset = onset(v, dvdt, lower, p, thr);
            if (v[p] - v[onset] < MIN_HEIGHT_MV) {
                // Too small to be a spike; its peak still bounds the next onset search.
                previousPeak = p;
                previousTrough = trough;
                continue;
            }
            spikes.add(build(v, dvdt, dt, onset, p, trough));
            previousPeak = p;
            previousTrough = trough;
        }
        return spikes;
    }

    /** Indices where dV/dt rises through the threshold; a run already above it at sample 0 is skipped. */
    private static int[] upstrokeStarts(double[] dvdt, double thr) {
        int count = 0;
        int[] buf = new int[16];
        for (int i = 1; i < dvdt.length; i++) {
            if (dvdt[i] >= thr && dvdt[i - 1] < thr) {
                if (count == buf.length) {
                    buf = Arrays.copyOf(buf, count * 2);
                }
                buf[count++] = i;
            }
        }
        return Arrays.copyOf(buf, count);
    }

    /** One {start, peak} per spike candidate, merging candidates between which V does not repolarise. */
    private static List<int[]> candidatePeaks(double[] v, int[] starts) {
        int n = v.length;
        List<int[]> out = new ArrayList<>();
        int k = 0;
        while (k < starts.length) {
            int s = starts[k];
            int e = k + 1 < starts.length ? starts[k + 1] : n;
            int p = TraceMath.argMax(v, s, e);
            double minAfter = p + 1 < e ? v[TraceMath.argMin(v, p + 1, e)] : v[p];
            while (e < n && !repolarised(v[s], v[p], minAfter)) {
                k++;
                int e2 = k + 1 < starts.length ? starts[k + 1] : n;
                int q = TraceMath.argMax(v, e, e2);
                if (v[q] > v[p]) {
                    p = q;
                    minAfter = p + 1 < e2 ? v[TraceMath.argMin(v, p + 1, e2)] : v[p];
                } else {
                    minAfter = Math.min(minAfter, v[TraceMath.argMin(v, e, e2)]);
                }
                e = e2;
            }
            out.add(new int[] {s, p});
            k++;
        }
        return out;
    }

    private static boolean repolarised(double vStart, double vPeak, double minAfter) {
        double height = vPeak - vStart;
        return vPeak - minAfter >= Math.max(MIN_HEIGHT_MV, 0.5 * height);
    }

    /**
     * eFEL's AP_begin search: scanning back from the peak, the last index after which dV/dt stays at or above
     * the threshold for {@link #DERIVATIVE_WINDOW} samples; falls back to AllenSDK's relative criterion, then
     * to the lowest V before the peak.
     */
    private int onset(double[] v, double[] dvdt, int lower, int peak, double thr) {
        int n = v.length;
        int newBegin = peak;
        while (true) {
            int j = newBegin - 1;
            while (j >= lower && dvdt[j] > thr) {
                j--;
            }
            if (j < lower) {
                break; // no sub-threshold sample left: fall back
            }
            int begin = Math.min(j + 1, n - DERIVATIVE_WINDOW);
            boolean sustained = true;
            for (int i = begin; i < begin + DERIVATIVE_WINDOW; i++) {
                if (dvdt[i] < thr) {
                    sustained = false;
                    break;
                }
            }
            if (sustained) {
                return begin;
            }
            newBegin = begin - 1;
            if (newBegin <= lower) {
                break;
            }
        }
        return relativeOnset(v, dvdt, lower, peak);
    }

    private int relativeOnset(double[] v, double[] dvdt, int lower, int peak) {
        int upstroke = TraceMath.argMax(dvdt, lower, peak + 1);
        double level = settings.thresholdFraction() * dvdt[upstroke];
        for (int j = upstroke - 1; j >= lower; j--) {
            if (dvdt[j] < level) {
                return j + 1;
            }
        }
        return TraceMath.argMin(v, lower, peak + 1);
    }

    private static Spike build(double[] v, double[] dvdt, double dt, int onset, int peak, int trough) {
        double halfWidth = Double.NaN;
        if (trough >= 0) {
            halfWidth = halfWidth(v, dt, onset, peak, trough);
        }
        double maxUp = dvdt[TraceMath.argMax(dvdt, onset, peak + 1)];
        return new Spike(trough, onset * dt, peak * dt, trough >= 0 ? trough * dt : Double.NaN,
                v[onset], v[peak], trough >= 0 ? v[trough] : Double.NaN, halfWidth, v[peak] - v[onset], maxUp);
    }

    /** Width at (peak + trough)/2, crossings linearly interpolated (eFEL's spike_width1). */
    private static double halfWidth(double[] v, double dt, int onset, int peak, int trough) {
        double half = (v[peak] + v[trough]) / 2;
        int rise = -1;
        for (int i = onset; i < peak; i++) {
            if (v[i] >= half) {
                rise = i;
                break;
            }
        }
        int fall = -1;
        for (int i = peak; i < trough; i++) {
            if (v[i] <= half) {
                fall = i;
                break;
            }
        }
        if (rise < 1 || fall < 1 || v[rise - 1] >= half) {
            // V was at half height already before the onset (a transient at a command edge, not an upstroke):
            // no rising crossing to interpolate; dividing by that flat step gave widths of 10^7 ms
            return Double.NaN;
        }
        double tRise = rise * dt + dt * (half - v[rise]) / (v[rise] - v[rise - 1]);
        double tFall = fall * dt + dt * (half - v[fall]) / (v[fall] - v[fall - 1]);
        return tFall - tRise;
    }
}
