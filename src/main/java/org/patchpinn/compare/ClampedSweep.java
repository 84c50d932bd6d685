package org.patchpinn.compare;

import java.util.ArrayList;
import java.util.List;
import org.patchpinn.PatchPinnException;
import org.patchpinn.trace.Recording;
import org.patchpinn.trace.Sweep;
import org.patchpinn.trace.Units;

/**
 * One current-clamp sweep as numbers in the project's units: membrane potential (mV) and injected current
 * (pA) on a common time step (ms). The current is the recorded current channel when there is one, else the
 * command waveform.
 */
public record ClampedSweep(double[] vMv, double[] iPa, double dtMs) {

    public int length() {
        return vMv.length;
    }

    public static List<ClampedSweep> of(Recording r) {
        int vc = r.firstVoltageChannel();
        int ic = r.firstCurrentChannel();
        if (vc < 0) {
            throw new PatchPinnException(r.name() + ": no membrane-potential channel (mV) to analyse");
        }
        if (ic < 0 && !r.hasCommand()) {
            throw new PatchPinnException(r.name() + ": no injected current (neither a current channel nor a "
                    + "command waveform)");
        }
        double vScale = Units.toMillivolts(r.channel(vc).unit());
        String iUnit = ic >= 0 ? r.channel(ic).unit() : r.commandUnit();
        double iScale = Units.toPicoamperes(iUnit);
        List<ClampedSweep> out = new ArrayList<>();
        for (Sweep s : r.sweeps()) {
            double[] v = s.channel(vc).toDoubleArray();
            double[] i = (ic >= 0 ? s.channel(ic) : s.command()).toDoubleArray();
            for (int k = 0; k < v.length; k++) {
                v[k] *= vScale;
            }
            for (int k = 0; k < i.length; k++) {
                i[k] *= iScale;
            }
            out.add(new ClampedSweep(v, i, r.dtMs()));
        }
        return out;
    }
}
