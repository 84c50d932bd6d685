package org.patchpinn.pinn;

import java.util.ArrayList;
import java.util.List;
import org.patchpinn.task.Progress;

/**
 * A training run as a loop of steps with listeners, in the shape of DJL's {@code EasyTrain} and
 * {@code TrainingListener}: the loop counts steps and honours cancellation; what happens around a step —
 * checkpoints and early stopping, projections, the loss curve, progress — is a {@link Listener}, so a new concern
 * is a new listener, not another branch inside the loop. (DJL's own trainer needs a {@code Block} and a
 * {@code Dataset}; our fits are integrators over windows with per-parameter Adam rates, so only its shape is taken.)
 */
final class TrainingLoop {
    private TrainingLoop() {
    }

    /** One optimisation step. */
    interface Step {
        StepResult run(int step);
    }

    /**
     * What one step reports: the loss it minimised (mV²), its terms when there are several (else empty), and
     * whether a {@link DivergenceGuard} rolled the parameters back instead of stepping.
     */
    record StepResult(double loss, double[] terms, boolean rolledBack) {
        static StepResult of(double loss, boolean rolledBack) {
            return new StepResult(loss, new double[0], rolledBack);
        }
    }

    /** Called around every step; {@code beforeStep(steps)} marks the end of training (no step follows). */
    interface Listener {
        default void beforeStep(int step) {
        }

        default void afterStep(int step, StepResult result) {
        }
    }

    /** Runs {@code steps} steps; the listeners are called in their order. */
    static void run(int steps, Step step, List<? extends Listener> listeners, Progress progress) {
        for (int s = 0; ; s++) {
            progress.checkCancelled();
            for (Listener l : listeners) {
                l.beforeStep(s);
            }
            if (s == steps) {
                return;
            }
            StepResult r = step.run(s);
            for (Listener l : listeners) {
                l.afterStep(s, r);
            }
        }
    }

    /** The loss of every step: rows {step, loss, terms…}. */
    static final class LossCurve implements Listener {
        private final List<double[]> rows = new ArrayList<>();

        @Override
        public void afterStep(int step, StepResult r) {
            double[] row = new double[2 + r.terms().length];
            row[0] = step;
            row[1] = r.loss();
            System.arraycopy(r.terms(), 0, row, 2, r.terms().length);
            rows.add(row);
        }

        /** The last step's loss, NaN before the first step. */
        double last() {
            return rows.isEmpty() ? Double.NaN : rows.get(rows.size() - 1)[1];
        }

        List<double[]> rows() {
            return rows;
        }
    }

    /**
     * Free-run evaluations of the model on the selection sweeps during training; the best one is kept (early
     * stopping). Only offered checkpoints that are {@code eligible} compete.
     */
    static final class Checkpoints {
        private final CurrentClampData selection;
        private final List<HybridFitter.Checkpoint> all = new ArrayList<>();
        private HybridFitter.Checkpoint best;

        Checkpoints(CurrentClampData selection) {
            this.selection = selection;
        }

        /** Evaluates the model at this step, records it, and keeps it when eligible and better. */
        HybridFitter.Checkpoint evaluate(int step, double loss, FittedModel model, boolean eligible) {
            HybridFitter.Checkpoint cp = HybridFitter.evaluate(step, loss, model, selection);
            all.add(cp);
            if (eligible && (best == null || cp.agreement() > best.agreement())) {
                best = cp;
            }
            return cp;
        }

        HybridFitter.Checkpoint best() {
            return best;
        }

        List<HybridFitter.Checkpoint> all() {
            return all;
        }
    }
}
