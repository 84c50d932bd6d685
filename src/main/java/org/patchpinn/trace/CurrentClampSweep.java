package org.patchpinn.trace;

import java.util.ArrayList;
import java.util.List;
import org.patchpinn.PatchPinnException;

/**
 * One current-clamp sweep in the project's working units: membrane potential (mV) and injected current (pA),
 * both sampled every dtMs. {@link #of} is the one place a recording's sweep becomes these numbers: fit, pinn and
 * compare all read sweeps through it, so the units are checked once and the same way.
 *
 * @param index sweep number in the recording (0-based)
 * @param vMv   membrane potential
 * @param iPa   injected current, same length
 * @param dtMs  sampling interval
 */
public record CurrentClampSweep(int index, double[] vMv, double[] iPa, double dtMs) {

    /** Which signal is the injected current. */
    public enum Current {
        /** The command waveform: what the amplifier was told to inject, without noise (what a fit simulates). */
        COMMAND,
        /** The recorded current channel when there is one (what was injected, noise and all), else the command. */
        RECORDED
    }

    public int length() {
        return vMv.length;
    }

    public double durationMs() {
        return vMv.length * dtMs;
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

    /** Every sweep of the recording. */
    public static List<CurrentClampSweep> all(Recording r, Current current) {
        List<CurrentClampSweep> out = new ArrayList<>();
        for (int k = 0; k < r.sweepCount(); k++) {
            out.add(of(r, k, current));
        }
        return out;
    }

    /**
     * Sweep {@code sweep} of a current-clamp recording: its first voltage channel in mV and the chosen current in
     * pA.
     *
     * @throws PatchPinnException naming the file, and the sweep where it is one sweep's fault, when the recording is
     *                            voltage clamp, has no membrane potential or no injected current, or the current's
     *                            unit is not one
     */
    public static CurrentClampSweep of(Recording r, int sweep, Current current) {
        Sweep s = sweep(r, sweep);
        if (r.clampMode() == ClampMode.VOLTAGE_CLAMP) {
            throw new PatchPinnException(r.name() + ": a voltage-clamp recording (signal in " + r.channel(0).unit()
                    + ", command " + (r.commandUnit() == null || r.commandUnit().isBlank() ? "unit not recorded"
                    : "in " + r.commandUnit()) + "); this needs current clamp (V recorded, current injected)");
        }
        int vc = r.firstVoltageChannel();
        if (vc < 0) {
            throw new PatchPinnException(r.name() + ": no membrane-potential channel (units: "
                    + r.channels().stream().map(Channel::unit).toList() + ")");
        }
        int ic = current == Current.RECORDED ? r.firstCurrentChannel() : -1;
        double[] v = s.channel(vc).toDoubleArray(Units.toMillivolts(r.channel(vc).unit()));
        double[] i = ic >= 0 ? s.channel(ic).toDoubleArray(Units.toPicoamperes(r.channel(ic).unit()))
                : commandPa(r, sweep);
        return new CurrentClampSweep(sweep, v, i, r.dtMs());
    }

    /**
     * The command waveform of one sweep in pA.
     *
     * @throws PatchPinnException when there is no such sweep, it has no command or the command is not a current
     */
    public static double[] commandPa(Recording r, int sweep) {
        Sweep s = sweep(r, sweep);
        if (!s.hasCommand()) {
            throw new PatchPinnException(r.name() + ": sweep " + sweep + " has no command waveform, so the injected "
                    + "current is unknown");
        }
        double scale = Units.toPicoamperes(r.commandUnit());
        if (Double.isNaN(scale)) {
            throw new PatchPinnException(r.name() + ": the command unit '" + r.commandUnit()
                    + "' is not a current; a current-clamp recording is needed");
        }
        return s.command().toDoubleArray(scale);
    }

    private static Sweep sweep(Recording r, int sweep) {
        if (sweep < 0 || sweep >= r.sweepCount()) {
            throw new PatchPinnException(r.name() + ": no sweep " + sweep + " (the recording has " + r.sweepCount()
                    + " sweeps, numbered from 0)");
        }
        return r.sweep(sweep);
    }
}
