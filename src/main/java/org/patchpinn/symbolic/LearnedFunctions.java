package org.patchpinn.symbolic;

import java.nio.file.Path;
import java.util.List;
import org.patchpinn.model.ModelException;
import org.patchpinn.model.TabulatedRate;

/**
 * The network's z∞(V) and τz(V) as a fit tabulated them in {@code learned.csv} (columns {@code V (mV)},
 * {@code z_inf}, {@code tau_z (ms)}), turned back into rate functions so the network model can be simulated
 * by the project simulator next to a model built from the discovered laws.
 */
public record LearnedFunctions(TabulatedRate zInf, TabulatedRate tauMs) {

    /** Reads a learned.csv; bad tables (missing columns, NaN, too few rows, unsorted V) are errors naming the file. */
    public static LearnedFunctions read(Path csv) {
        Dataset z = TableReader.read(csv, List.of("V"), "z_inf");
        Dataset tau = TableReader.read(csv, List.of("V"), "tau_z");
        try {
            return new LearnedFunctions(TabulatedRate.of(z.x()[0], z.y()), TabulatedRate.of(tau.x()[0], tau.y()));
        } catch (ModelException e) {
            throw new SymbolicDataException(csv + ": " + e.getMessage());
        }
    }

    /** Lowest tabulated voltage (mV): the data range starts here. */
    public double fromMv() {
        return zInf.voltages()[0];
    }

    /** Highest tabulated voltage (mV). */
    public double toMv() {
        double[] v = zInf.voltages();
        return v[v.length - 1];
    }
}
