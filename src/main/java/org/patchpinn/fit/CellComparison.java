package org.patchpinn.fit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Arrays;
import java.util.Comparator;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Locale;
import org.patchpinn.features.ArtefactDetector;
import org.patchpinn.features.PassiveSteps;
import org.patchpinn.features.SpikeTimes;
import org.patchpinn.features.SpikeTrains;
import org.patchpinn.features.StimulusWindows;
import org.patchpinn.report.Table;

/**
 * Data against fitted model over every step sweep of a recording, as an electrophysiologist checks a model:
 * the F–I curve (spikes in the step window per step current), rheobase, resting potential, input resistance
 * and membrane time constant (measured the same way on both, {@link PassiveEstimate}), and the spike-count
 * tolerance max(2, 20 %) per sweep. Built from the validation simulations, so nothing is simulated twice.
 * The data's rest is a median over sweeps; where it drifts across the recording ({@link RestRange#drifts}) a model,
 * which has one rest, is compared with that median, and the range says how far the cell itself moved. Where the
 * cell fires at the holding current on most sweeps and has no rest to measure a deflection from
 * ({@code firesAtHolding}, {@link SteadyStateAnchors#applies}, decided on the training sweeps as the fit decides it),
 * input resistance and time constant of both are read from the steady states of the hyperpolarising steps of every
 * sweep, as the fit reads such a cell: a deflection from a baseline on the way to the next spike is no input
 * resistance.
 */
public record CellComparison(List<FiRow> fiCurve, PassiveEstimate data, PassiveEstimate model, double dataRheobasePa,
                             double modelRheobasePa, RestRange dataRest, ResistanceTrend dataResistance,
                             boolean firesAtHolding) {
    /**
     * The data's resting potential over the sweeps that measure it (a spike-free stretch before the first command
     * change, on a sweep where the cell is quiescent at the holding current: {@link PassiveEstimate#restSweeps}).
     */
    public record RestRange(double lowMv, double highMv, int sweeps) {
        static RestRange of(List<PassiveSteps> measured) {
            DoubleSummaryStatistics r = PassiveEstimate.restSweeps(measured).stream().mapToDouble(PassiveSteps::restMv)
                    .summaryStatistics();
            return r.getCount() == 0 ? new RestRange(Double.NaN, Double.NaN, 0)
                    : new RestRange(r.getMin(), r.getMax(), (int) r.getCount());
        }

        /** Whether the rest moves by more than the artefact check's drift limit over the recording. */
        public boolean drifts() {
            return sweeps > 1 && highMv - lowMv > ArtefactDetector.DRIFT_LIMIT_MV;
        }

        /** What a reader of the rest's error should know, empty when the rest is steady. */
        public String note() {
            return drifts() ? String.format(Locale.ROOT, "the cell's rest drifts over the recording: %s on %d "
                    + "sweeps; the data value is their median, a model has one rest", range(), sweeps) : "";
        }

        /** "−60.9 to −43.5 mV". */
        public String range() {
            return String.format(Locale.ROOT, "%.1f to %.1f mV", lowMv, highMv);
        }
    }

    /**
     * How the data's input resistance moves over the recording: the median per-step ΔV/ΔI ({@link PassiveSteps}) of
     * the first and of the last third of the sweeps that measure it, in recording order, with the median step (pA)
     * each was read on; where a step of one size recurs in both thirds (a test pulse on every sweep), on that size
     * alone. A cell whose membrane changes while it is recorded (deteriorating, or still adapting from the
     * previous step when a test pulse comes) has no one input resistance; its data value is the median of all, which
     * one model cannot match everywhere. Where the two thirds were read on steps of different size (a step protocol
     * read on its main steps, ordered by amplitude) the difference may as well be the membrane's voltage dependence
     * (inward rectification, an h-current): session 44's CNO cell 2023_03_16_01_0007 read 555 MΩ on its −50 pA step
     * and 916 on its −5 pA one, which the note had called a change over the recording.
     */
    public record ResistanceTrend(double firstMOhm, double lastMOhm, int sweeps, double firstStepPa,
                                  double lastStepPa) {
        /** A change larger than this fraction is named: it is the tolerance #12 judges a model's Rin with. */
        static final double CHANGE_LIMIT = 0.15;
        /** Steps whose medians differ by more than this fraction are steps of different size. */
        static final double SAME_STEP_LIMIT = 0.2;

        static ResistanceTrend of(List<PassiveSteps> inRecordingOrder) {
            List<List<PassiveSteps.Step>> measuring = inRecordingOrder.stream().map(PassiveSteps::steps)
                    .filter(s -> !s.isEmpty()).toList();
            int n = measuring.size();
            if (n < 3) {
                return new ResistanceTrend(Double.NaN, Double.NaN, n, Double.NaN, Double.NaN);
            }
            // a step of one size in both thirds (a test pulse on every sweep) tells a change in time by itself
            double common = commonStepPa(measuring);
            List<Double> perSweep = new ArrayList<>();
            List<Double> stepPa = new ArrayList<>();
            for (List<PassiveSteps.Step> steps : measuring) {
                List<PassiveSteps.Step> read = Double.isNaN(common) ? steps
                        : steps.stream().filter(x -> sameSize(x.deltaPa(), common)).toList();
                perSweep.add(finiteMedian(read.stream().map(PassiveSteps.Step::resistanceMOhm).toList()));
                stepPa.add(finiteMedian(read.stream().map(PassiveSteps.Step::deltaPa).toList()));
            }
            int third = n / 3;
            return new ResistanceTrend(finiteMedian(perSweep.subList(0, third)),
                    finiteMedian(perSweep.subList(n - third, n)), n, finiteMedian(stepPa.subList(0, third)),
                    finiteMedian(stepPa.subList(n - third, n)));
        }

        /**
         * A step size found on some sweep of the first third and some sweep of the last (of the first sweep's steps,
         * the one on most sweeps); NaN when none is.
         */
        private static double commonStepPa(List<List<PassiveSteps.Step>> measuring) {
            int n = measuring.size();
            int third = n / 3;
            double best = Double.NaN;
            int bestCount = 0;
            for (PassiveSteps.Step candidate : measuring.get(0)) {
                double a = candidate.deltaPa();
                boolean late = measuring.subList(n - third, n).stream()
                        .anyMatch(s -> s.stream().anyMatch(x -> sameSize(x.deltaPa(), a)));
                int count = (int) measuring.stream().filter(s -> s.stream().anyMatch(x -> sameSize(x.deltaPa(), a)))
                        .count();
                if (late && count > bestCount) {
                    best = a;
                    bestCount = count;
                }
            }
            return best;
        }

        private static boolean sameSize(double a, double b) {
            return a * b > 0 && Math.abs(a / b - 1) <= SAME_STEP_LIMIT;
        }

        /** The median of the finite values, NaN when there are none. */
        private static double finiteMedian(List<Double> x) {
            List<Double> finite = x.stream().filter(Double::isFinite).toList();
            return finite.isEmpty() ? Double.NaN : PassiveEstimate.median(finite);
        }

        /** Whether the input resistance moves by more than {@value #CHANGE_LIMIT} of its first value. */
        public boolean changes() {
            return Math.abs(lastMOhm / firstMOhm - 1) > CHANGE_LIMIT;
        }

        /** Whether both thirds were read on steps of about the same size, so a difference is a change in time. */
        public boolean sameSteps() {
            return sameSize(firstStepPa, lastStepPa);
        }

        /** What a reader of the input resistance's error should know, empty when it holds. */
        public String note() {
            if (!changes()) {
                return "";
            }
            String why = sameSteps() ? "" : "; a protocol ordered by step size cannot tell a membrane that depends on "
                    + "voltage (inward rectification, an h-current) from one that changes over the recording";
            return summary() + ": " + range() + why + "; the data value is the median of all, a model has one membrane";
        }

        /** "the cell's input resistance changes over the recording", or "… differs between steps …" (see above). */
        public String summary() {
            return sameSteps() ? "the cell's input resistance changes over the recording"
                    : "the cell's input resistance differs between steps of different size, by voltage or over time";
        }

        /**
         * "80 MOhm over the first third of the 22 sweeps that measure it, 48 over the last", naming the steps where
         * they differ ("555 MOhm on -50 pA steps over the first third …, 916 on -5 pA steps over the last").
         */
        public String range() {
            return sameSteps() ? String.format(Locale.ROOT, "%.0f MOhm over the first third of the %d sweeps that "
                    + "measure it, %.0f over the last", firstMOhm, sweeps, lastMOhm)
                    : String.format(Locale.ROOT, "%.0f MOhm on %.0f pA steps over the first third of the %d sweeps "
                    + "that measure it, %.0f on %.0f pA steps over the last", firstMOhm, firstStepPa, sweeps, lastMOhm,
                    lastStepPa);
        }
    }

    /**
     * One step sweep of the F–I curve: spikes in the step window, and spikes while the command is at its holding
     * level (no stimulus: before, between and after the steps), where a model near its threshold may fire while the
     * cell rests.
     */
    public record FiRow(int sweep, String role, double currentPa, int dataSpikes, int modelSpikes, int dataAtHolding,
                        int modelAtHolding) {
        public boolean withinTolerance() {
            return SpikeTrains.countWithinTolerance(dataSpikes, modelSpikes);
        }

        /** Whether the model fires at the holding current where the cell does not. */
        public boolean modelFiresAtHoldingAlone() {
            return modelAtHolding > 0 && dataAtHolding == 0;
        }
    }

    public static CellComparison of(List<SweepValidation> validation) {
        return of(validation, List.of());
    }

    /**
     * As {@link #of(List)}, the passive properties (rest, input resistance, time constant, their trends) not read on
     * the sweeps in {@code unresponsive}, whose step never reached the cell ({@code features.ArtefactDetector}):
     * their F–I rows stay.
     */
    public static CellComparison of(List<SweepValidation> validation, Collection<Integer> unresponsive) {
        validation = validation.stream().sorted(Comparator.comparingInt(v -> v.sweep().index())).toList();
        List<FiRow> rows = new ArrayList<>();
        List<PassiveSteps> dataPassive = new ArrayList<>();
        List<PassiveSteps> modelPassive = new ArrayList<>();
        List<PassiveSteps> trainingPassive = new ArrayList<>();
        for (SweepValidation v : validation) {
            FitSweep sw = v.sweep();
            double[] cmd = sw.iPa();
            if (!unresponsive.contains(sw.index())) {
                dataPassive.add(PassiveSteps.of(sw.vMv(), cmd, sw.dtMs()));
                if (SweepRoles.TRAINING.equals(v.role())) {
                    trainingPassive.add(dataPassive.get(dataPassive.size() - 1));
                }
                modelPassive.add(PassiveSteps.of(v.model().v(), cmd, sw.dtMs()));
            }
            StepSweep step = StepSweep.of(sw);
            if (step == null) {
                continue;
            }
            double[] modelTimes = SpikeTimes.detect(v.model().v(), sw.dtMs());
            int model = SpikeTimes.countIn(modelTimes, step.window().startMs(), step.window().endMs());
            boolean[] holding = StimulusWindows.atHolding(cmd);
            rows.add(new FiRow(sw.index(), v.role(), step.amplitudePa(), step.windowSpikes(), model,
                    SpikeTimes.countWhere(sw.spikeTimesMs(), holding, sw.dtMs()),
                    SpikeTimes.countWhere(modelTimes, holding, sw.dtMs())));
        }
        rows.sort(Comparator.comparingDouble(FiRow::currentPa).thenComparingInt(FiRow::sweep));
        PassiveEstimate data = PassiveEstimate.ofMeasured(dataPassive);
        PassiveEstimate model = PassiveEstimate.ofMeasured(modelPassive);
        // the cell is read as the fit read it, on its training sweeps: with more sweeps a pacemaker has more chances of
        // one spike-free stretch, which would otherwise switch the report to a rest the fit did not anchor on
        boolean firing = SteadyStateAnchors.applies(trainingPassive.isEmpty() ? dataPassive : trainingPassive);
        if (firing) {
            data = SteadyStateAnchors.membrane(data, dataPassive);
            model = SteadyStateAnchors.membrane(model, modelPassive);
        }
        return new CellComparison(rows, data, model, rheobase(rows, true), rheobase(rows, false),
                RestRange.of(dataPassive), ResistanceTrend.of(dataPassive), firing);
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

    /** Where the cell's F–I flattens at its strongest steps and the model's keeps rising; null where it does not. */
    public FiSaturation fiSaturation() {
        return FiSaturation.of(fiCurve);
    }

    /** Step sweeps on which the model fires at the holding current and the cell does not. */
    public List<Integer> sweepsFiringAtHoldingAlone() {
        return fiCurve.stream().filter(FiRow::modelFiresAtHoldingAlone).map(FiRow::sweep).sorted().toList();
    }

    /** Rheobase difference in steps of the protocol (0: same step); NaN when either is undefined. */
    public double rheobaseStepDifference() {
        if (Double.isNaN(dataRheobasePa) || Double.isNaN(modelRheobasePa)) {
            return Double.NaN;
        }
        List<Double> levels = fiCurve.stream().map(FiRow::currentPa).distinct().sorted().toList();
        return levels.indexOf(modelRheobasePa) - levels.indexOf(dataRheobasePa);
    }

    /**
     * Data against model for the cell as a whole: rest, input resistance, time constant (measured the same way on
     * both), rheobase and the spikes at the holding current, with the difference and, for the rest of a drifting
     * cell or a model firing where the cell rests, a note.
     */
    public Table cellTable() {
        Table t = new Table("PatchPINN Fit Cell");
        // a potential has no relative error
        cellRow(t, "resting potential", "mV", data.restMv(), model.restMv(), false, restNote());
        cellRow(t, "input resistance", "MOhm", data.inputResistanceMOhm(), model.inputResistanceMOhm(), true,
                firesAtHolding ? levelsNote() : String.join("; ", nonEmpty(
                        unmeasured(data.inputResistanceMOhm(), model.inputResistanceMOhm()), resistanceNote(),
                        sagNote())));
        cellRow(t, "membrane time constant", "ms", data.timeConstantMs(), model.timeConstantMs(), true,
                firesAtHolding ? levelsNote() : unmeasured(data.timeConstantMs(), model.timeConstantMs()));
        double steps = rheobaseStepDifference();
        cellRow(t, "rheobase", "pA", dataRheobasePa, modelRheobasePa, false, Double.isNaN(steps) ? ""
                : String.format(Locale.ROOT, "%+.0f steps of the protocol", steps));
        List<Integer> alone = sweepsFiringAtHoldingAlone();
        cellRow(t, "spikes at the holding current", "spikes", spikesAtHolding(true), spikesAtHolding(false), false,
                alone.isEmpty() ? ""
                        : "the model fires at the holding current where the cell does not on sweeps " + alone);
        return t;
    }

    /** What a reader of the rest's error should know: the cell fires where it would rest, or its rest drifts. */
    public String restNote() {
        String firing = "the cell fires at the holding current on most sweeps, so it has no resting potential: the "
                + "data value, where there is one, is the median of the spike-free stretches before the first step";
        return firesAtHolding ? dataRest.note().isEmpty() ? firing : firing + "; " + dataRest.note()
                : dataRest.note();
    }

    /**
     * What a reader of the input resistance's error should know where it is read from deflections: the cell's
     * changes over the recording ({@link ResistanceTrend}). Empty otherwise.
     */
    public String resistanceNote() {
        return firesAtHolding ? "" : dataResistance.note();
    }

    /**
     * Where the cell sags on at least half of its measured hyperpolarising steps ({@link PassiveSteps.Step#sags}: a
     * current opening on hyperpolarisation, an h-current) and the model, read the same way, on fewer than half of
     * its own: one membrane without that current meets the cell's peak or its steady state, not both, and the input
     * resistance (read at the steady state on both) is off by the sag. Empty otherwise, and for a cell firing at
     * the holding current (read on steady states only). Session 44: two CNO cells whose input resistance the
     * traub-rs-m fit missed by 22–24 % sag by about a fifth of their deflection (2023_04_13_09_0003: eFEL sag ratio
     * 0.20).
     */
    public String sagNote() {
        if (firesAtHolding || data.steps() == 0 || 2 * data.sagSteps() < data.steps()
                || 2 * model.sagSteps() >= Math.max(1, model.steps())) {
            return "";
        }
        return String.format(Locale.ROOT, "the cell sags on %d of its %d hyperpolarising steps, the model on %d of "
                + "%d: it lacks a current that opens on hyperpolarisation (an h-current) or fitted it too small, so "
                + "its one membrane cannot meet the cell's peak and steady state both; a model with one can be "
                + "compared (e.g. --model traub-rs-m,traub-rs-h)", data.sagSteps(), data.steps(), model.sagSteps(),
                model.steps());
    }

    private static List<String> nonEmpty(String... notes) {
        return Arrays.stream(notes).filter(n -> !n.isEmpty()).toList();
    }

    /** Spikes at the holding current over every step sweep, of the data or the model. */
    public int spikesAtHolding(boolean ofData) {
        return fiCurve.stream().mapToInt(ofData ? FiRow::dataAtHolding : FiRow::modelAtHolding).sum();
    }

    /** How the membrane of a cell firing at the holding current is read (both sides alike). */
    public String levelsNote() {
        return String.format(Locale.ROOT, "the cell fires at the holding current: read from the steady states of "
                + "the spike-free hyperpolarising steps (slope of V against current; time constant on the return "
                + "to the holding current), %d on the data, %d on the model", data.steps(), model.steps());
    }

    /**
     * Why a passive figure is blank on one side: measured on the data and not on the model's simulation of the same
     * sweeps, or the other way round ({@link PassiveSteps}: a step from holding of {@value PassiveSteps#MIN_SEGMENT_MS}
     * ms or more, no spike nearby, a deflection of at least {@value PassiveSteps#MIN_DEFLECTION_MV} mV; the time
     * constant also needs 63 % of the peak deflection reached). Empty when both or neither are measured.
     */
    static String unmeasured(double data, double model) {
        String why = String.format(Locale.ROOT, "no hyperpolarising step from holding deflects it by %.0f mV or "
                + "more without a spike nearby", PassiveSteps.MIN_DEFLECTION_MV);
        if (Double.isNaN(model) && !Double.isNaN(data)) {
            return "not measured on the model's simulation of the same sweeps: " + why;
        }
        if (Double.isNaN(data) && !Double.isNaN(model)) {
            return "not measured on the data: " + why;
        }
        return "";
    }

    private static void cellRow(Table t, String quantity, String unit, double data, double model, boolean relative,
                                String note) {
        t.addRow().set("quantity", quantity).set("unit", unit).set("data", data).set("model", model)
                .set("model - data", model - data).set("relative (%)", relative ? 100 * (model / data - 1) : Double.NaN)
                .set("note", note);
    }

    public Table fiTable() {
        Table t = new Table("PatchPINN F-I Curve");
        for (FiRow r : fiCurve) {
            t.addRow().set("sweep", r.sweep()).set("role", r.role()).set("current (pA)", r.currentPa())
                    .set("spikes data", r.dataSpikes()).set("spikes model", r.modelSpikes())
                    .set("within max(2, 20%)", r.withinTolerance() ? "yes" : "no")
                    .set("spikes at holding data", r.dataAtHolding())
                    .set("spikes at holding model", r.modelAtHolding());
        }
        return t;
    }
}
