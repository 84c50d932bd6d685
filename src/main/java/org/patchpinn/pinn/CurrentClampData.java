package org.patchpinn.pinn;

import java.util.ArrayList;
import java.util.List;
import org.patchpinn.numeric.Median;
import org.patchpinn.trace.ClampMode;
import org.patchpinn.trace.Recording;
import org.patchpinn.trace.Sweep;
import org.patchpinn.trace.Units;

/**
 * Current-clamp sweeps in working units (V in mV, injected current in pA, dt in ms), checked for what a
 * fit needs: current clamp, a stimulus, finite samples, physiological magnitudes.
 */
public final class CurrentClampData {
    /** One sweep: membrane voltage and injected current, same length. */
    public record SweepData(int index, double[] vMv, double[] iPa) {
        public int length() {
            return vMv.length;
        }

        /** Mean injected current while it differs from the holding level (the step amplitude), pA. */
        public double stepAmplitude() {
            double hold = iPa[0];
            double sum = 0;
            int n = 0;
            for (double i : iPa) {
                if (Math.abs(i - hold) > 1e-6) {
                    sum += i - hold;
                    n++;
                }
            }
            return n == 0 ? 0 : sum / n;
        }
    }

    private final String name;
    private final double dtMs;
    private final List<SweepData> sweeps;

    public CurrentClampData(String name, double dtMs, List<SweepData> sweeps) {
        this.name = name;
        this.dtMs = dtMs;
        this.sweeps = List.copyOf(sweeps);
    }

    public String name() { return name; }

    public double dtMs() { return dtMs; }

    public List<SweepData> sweeps() { return sweeps; }

    public SweepData sweep(int i) { return sweeps.get(i); }

    public int sweepCount() { return sweeps.size(); }

    /** Checks and converts a recording; throws {@link PinnInputException} naming the problem. */
    public static CurrentClampData of(Recording r) {
        String file = r.name();
        if (r.sweepCount() == 0) {
            throw new PinnInputException(file + ": the recording has no sweeps");
        }
        if (r.clampMode() == ClampMode.VOLTAGE_CLAMP) {
            throw new PinnInputException(file + ": this is a voltage-clamp recording (signal in "
                    + r.channel(0).unit() + ", command in " + r.commandUnit()
                    + "); fitting new states needs current-clamp sweeps (membrane voltage under injected current)");
        }
        int vch = r.firstVoltageChannel();
        if (vch < 0) {
            throw new PinnInputException(file + ": no channel is a membrane voltage (units: "
                    + r.channels().stream().map(c -> c.unit()).toList() + "); a recording of currents only is "
                    + "voltage clamp, and fitting new states needs current-clamp sweeps");
        }
        double vScale = Units.toMillivolts(r.channel(vch).unit());
        double iScale = Double.NaN;
        int ich = -1;
        if (r.hasCommand() && Units.isCurrent(r.commandUnit())) {
            iScale = Units.toPicoamperes(r.commandUnit());
        } else {
            ich = r.firstCurrentChannel();
            if (ich < 0) {
                throw new PinnInputException(file + ": the recording has no stimulus (no current command "
                        + "waveform and no current channel); a fit needs the injected current");
            }
            iScale = Units.toPicoamperes(r.channel(ich).unit());
        }
        List<SweepData> out = new ArrayList<>();
        boolean anyStimulus = false;
        for (int s = 0; s < r.sweepCount(); s++) {
            Sweep sw = r.sweep(s);
            double[] v = sw.channel(vch).toDoubleArray();
            double[] i = (ich < 0 ? sw.command() : sw.channel(ich)).toDoubleArray();
            String where = file + ": sweep " + (s + 1);
            scaleChecked(v, vScale, 250, where, "voltage", " has a voltage of ", " mV",
                    "membrane voltages beyond ±250 mV mean wrong units or a broken recording");
            scaleChecked(i, iScale, 1e5, where, "stimulus", " injects ", " pA",
                    "currents beyond 100 nA mean wrong units");
            double lo = Double.MAX_VALUE;
            double hi = -Double.MAX_VALUE;
            for (double x : i) {
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
            }
            anyStimulus |= hi - lo > 1e-3;
            out.add(new SweepData(s, v, i));
        }
        if (!anyStimulus) {
            throw new PinnInputException(file + ": the stimulus is constant in every sweep; a fit needs "
                    + "current steps (or another changing stimulus)");
        }
        double median = Median.upper(out.get(0).vMv());
        if (median < -150 || median > 60) {
            throw new PinnInputException(file + ": median membrane voltage " + median
                    + " mV is not physiological; check the voltage unit");
        }
        return new CurrentClampData(file, r.dtMs(), out);
    }

    /** The sweeps whose indices are given, as a new data set. */
    public CurrentClampData select(List<Integer> indices) {
        List<SweepData> sel = new ArrayList<>();
        for (int i : indices) {
            sel.add(sweeps.get(i));
        }
        return new CurrentClampData(name, dtMs, sel);
    }

    /** Scales x in place (to mV or pA), rejecting a non-finite sample or one beyond ±limit. */
    private static void scaleChecked(double[] x, double factor, double limit, String where, String name,
                                     String tooLarge, String unit, String why) {
        for (int k = 0; k < x.length; k++) {
            x[k] *= factor;
            if (!Double.isFinite(x[k])) {
                throw new PinnInputException(where + " has a non-finite " + name + " (" + x[k] + ") at sample " + k);
            }
            if (Math.abs(x[k]) > limit) {
                throw new PinnInputException(where + tooLarge + x[k] + unit + " at sample " + k + "; " + why);
            }
        }
    }
}
