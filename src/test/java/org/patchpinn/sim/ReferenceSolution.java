package org.patchpinn.sim;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.ode.events.EventHandler;
import org.apache.commons.math3.ode.nonstiff.DormandPrince853Integrator;
import org.patchpinn.model.ModelSpec;

/** Spike times of a tight-tolerance Dormand–Prince 8(5,3) solution, integrated piecewise between stimulus edges. */
final class ReferenceSolution {
    private ReferenceSolution() {
    }

    static List<Double> spikeTimes(ModelSpec m, double[] p, Stimulus stim, double[] edgesMs, double[] y0) {
        ModelOde ode = new ModelOde(m, p, stim);
        DormandPrince853Integrator dp = new DormandPrince853Integrator(1e-12, 0.05, 1e-10, 1e-10);
        List<Double> spikes = new ArrayList<>();
        dp.addEventHandler(new EventHandler() {
            @Override public void init(double t0, double[] y, double t) { }

            @Override public double g(double t, double[] y) { return y[0]; }

            @Override public Action eventOccurred(double t, double[] y, boolean increasing) {
                if (increasing) {
                    spikes.add(t);
                }
                return Action.CONTINUE;
            }

            @Override public void resetState(double t, double[] y) { }
        }, 0.01, 1e-9, 1000);
        double[] y = y0.clone();
        for (int i = 0; i + 1 < edgesMs.length; i++) {
            dp.integrate(ode, edgesMs[i], y, edgesMs[i + 1], y);
        }
        return spikes;
    }

    /** Upward zero crossings of a sampled trace, linearly interpolated. */
    static List<Double> spikeTimes(double[] v, double dtMs) {
        List<Double> s = new ArrayList<>();
        for (int i = 1; i < v.length; i++) {
            if (v[i - 1] < 0 && v[i] >= 0) {
                s.add((i - 1 + v[i - 1] / (v[i - 1] - v[i])) * dtMs);
            }
        }
        return s;
    }
}
