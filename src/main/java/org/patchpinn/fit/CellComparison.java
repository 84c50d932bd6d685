package org.patchpinn.fit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.patchpinn.features.SpikeTimes;
import org.patchpinn.features.SpikeTrains;
import org.patchpinn.report.Table;

/**
 * Data against fitted model over every step sweep of a recording, as an electrophysiologist checks a model:
 * the F–I curve (spikes in the step window per step current), rheobase, resting potential, input resistance
 * and membrane time constant (measured the same way on both, {@link PassiveEstimate}), and the spike-count
 * tolerance max(2, 20 %) per sweep. Built from the validation simulations, so nothing is simulated twice.
 */
public record CellComparison(List<FiRow> fiCurve, PassiveEstimate data, PassiveEstimate model, double dataRheobasePa,
                             double modelRheobasePa) {
    /** One step sweep of the F–I curve. */
    public record FiRow(int sweep, String role, double currentPa, int dataSpikes, int modelSpikes) {
        public boolean withinTolerance() {
            return SpikeTrains.countWithinTolerance(dataSpikes, modelSpikes);
        }
    }

    public static CellComparison of(List<SweepValidation> validation) {
        List<FiRow> rows = new ArrayList<>();
        List<PassiveEstimate.Trace> dataTraces = new ArrayList<>();
        List<PassiveEstimate.Trace> modelTraces = new ArrayList<>();
        for (SweepValidation v : validation) {
            FitSweep sw = v.sweep();
            double[] cmd = sw.iPa();
            dataTraces.add(new PassiveEstimate.Trace(sw.vMv(), cmd, sw.dtMs()));
            modelTraces.add(new PassiveEstimate.Trace(v.model().v(), cmd, sw.dtMs()));
            StepSweep step = StepSweep.of(sw);
            if (step == null) {
                continue;
            }
            int model = SpikeTimes.countIn(SpikeTimes.detect(v.model().v(), sw.dtMs()), step.window().startMs(),
                    step.window().endMs());
            rows.add(new FiRow(sw.index(), v.role(), step.amplitudePa(), step.windowSpikes(), model));
        }
        rows.sort(Comparator.comparingDouble(FiRow::currentPa).thenComparingInt(FiRow::sweep));
        return new CellComparison(rows, PassiveEstimate.of(dataTraces), PassiveEstimate.of(modelTraces),
                rheobase(rows, true), rheobase(rows, false));
    }

    private static double rheobase(List<FiRow> rows, boolean data) {
        for (FiRow r : rows) {
            if (r.currentPa() > 0 && (data ? r.dataSpikes() : r.modelSpikes()) > 0) {
                return r.currentPa();
            }
        }
        return Double.NaN;
    }

    /** Step sweeps of a role whose model spike count is within tolerance. */
    public int withinTolerance(String role) {
        return (int) fiCurve.stream().filter(r -> r.role().equals(role) && r.withinTolerance()).count();
    }

    /** Step sweeps of a role. */
    public int count(String role) {
        return (int) fiCurve.stream().filter(r -> r.role().equals(role)).count();
    }

    public int sweepsWithinCountTolerance() {
        return (int) fiCurve.stream().filter(FiRow::withinTolerance).count();
    }

    /** Rheobase difference in steps of the protocol (0: same step); NaN when either is undefined. */
    public double rheobaseStepDifference() {
        if (Double.isNaN(dataRheobasePa) || Double.isNaN(modelRheobasePa)) {
            return Double.NaN;
        }
        List<Double> levels = fiCurve.stream().map(FiRow::currentPa).distinct().sorted().toList();
        return levels.indexOf(modelRheobasePa) - levels.indexOf(dataRheobasePa);
    }

    public Table fiTable() {
        Table t = new Table("PatchPINN F-I Curve");
        for (FiRow r : fiCurve) {
            t.addRow().set("sweep", r.sweep()).set("role", r.role()).set("current (pA)", r.currentPa())
                    .set("spikes data", r.dataSpikes()).set("spikes model", r.modelSpikes())
                    .set("within max(2, 20%)", r.withinTolerance() ? "yes" : "no");
        }
        return t;
    }
}
