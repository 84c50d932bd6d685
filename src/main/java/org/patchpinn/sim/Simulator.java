package org.patchpinn.sim;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.patchpinn.model.CurrentSpec;
import org.patchpinn.model.GateSpec;
import org.patchpinn.model.ModelSpec;

/**
 * Simulates a {@link ModelSpec}: classical RK4 on [V, gates] with rate laws tabulated over V
 * ({@link Rk4Stepper}, which also splits steps where a parameter set makes the system stiff), sampled at
 * the caller's output interval (e.g. a recording's). Starts from the resting state for the stimulus at
 * t = 0 unless an initial state is given. Thread-safe: one instance serves parallel fits, sharing a cache
 * of gate tables.
 */
public final class Simulator {
    /** Default integration step (ms). */
    public static final double DEFAULT_STEP_MS = 0.025;

    /** Spacing (mV) of the rate tables of {@link #shared()}: fast, spike times within 0.002 ms. */
    public static final double DEFAULT_TABLE_STEP_MV = 0.025;
    /** Spacing (mV) of the rate tables of {@link #precise()}. */
    public static final double PRECISE_TABLE_STEP_MV = 0.005;

    private static final Simulator SHARED = new Simulator(DEFAULT_TABLE_STEP_MV);
    private static final Simulator PRECISE = new Simulator(PRECISE_TABLE_STEP_MV);

    private final GateTableCache cache;

    /** @param tableStepMv spacing of the voltage grid the rate laws are tabulated on (mV) */
    public Simulator(double tableStepMv) {
        if (!(tableStepMv > 0) || tableStepMv > 1) {
            throw new IllegalArgumentException("table step must be in (0, 1] mV, got " + tableStepMv);
        }
        this.cache = new GateTableCache(tableStepMv);
    }

    /** One simulator with its table cache shared by the whole application. */
    public static Simulator shared() {
        return SHARED;
    }

    /**
     * A simulator with five times finer rate tables (slower by ~15 %, larger cache): the linear
     * interpolation's kinks are smaller, which a least-squares fit resolving spike times to microseconds
     * notices. Used by the classic fit.
     */
    public static Simulator precise() {
        return PRECISE;
    }

    /**
     * Simulates {@code durationMs} from the resting state for the stimulus value at t = 0, sampling every
     * {@code outputDtMs}, with every gate and current recorded.
     */
    public SimulationResult simulate(ModelSpec m, double[] params, Stimulus stim, double durationMs,
                                     double outputDtMs) {
        return simulate(m, params, stim, durationMs, outputDtMs, stepFor(outputDtMs), null, true);
    }

    /**
     * The general form.
     *
     * @param params        parameter values in {@code m.parameters()} order (checked against the bounds)
     * @param durationMs    simulated time; samples at 0, outputDtMs, … below durationMs
     * @param outputDtMs    sampling interval of the result (e.g. the recording's)
     * @param stepMs        integration step; reduced so that a whole number of steps fits one output interval
     * @param initialState  [V, gates in {@code m.gates()} order], or null for the resting state at I(0)
     * @param recordStates  false to record V only (faster, for optimisation loops)
     */
    public SimulationResult simulate(ModelSpec m, double[] params, Stimulus stim, double durationMs,
                                     double outputDtMs, double stepMs, double[] initialState,
                                     boolean recordStates) {
        int nOut = checkTiming(stim, durationMs, outputDtMs, stepMs);
        int sub = Math.max(1, (int) Math.ceil(outputDtMs / stepMs - 1e-9));
        PreparedModel pm = new PreparedModel(m, params, cache);
        return run(pm, stim, nOut, outputDtMs, sub, initialState, recordStates);
    }

    /** Membrane voltage only, from rest, at the default step: the call an optimiser makes. */
    public double[] voltage(ModelSpec m, double[] params, Stimulus stim, double durationMs, double outputDtMs) {
        return simulate(m, params, stim, durationMs, outputDtMs, stepFor(outputDtMs), null, false).v();
    }

    /** The largest step ≤ {@link #DEFAULT_STEP_MS} that divides the output interval. */
    public static double stepFor(double outputDtMs) {
        int sub = Math.max(1, (int) Math.ceil(outputDtMs / DEFAULT_STEP_MS - 1e-9));
        return outputDtMs / sub;
    }

    private static int checkTiming(Stimulus stim, double durationMs, double outputDtMs, double stepMs) {
        if (!(durationMs > 0) || !Double.isFinite(durationMs)) {
            throw new SimulationException("duration must be positive, got " + durationMs + " ms");
        }
        if (!(outputDtMs > 0) || !(stepMs > 0)) {
            throw new SimulationException("output interval and step must be positive, got " + outputDtMs + " and "
                    + stepMs + " ms");
        }
        if (durationMs > stim.durationMs() + 1e-9 * durationMs) {
            throw new SimulationException(String.format(Locale.ROOT,
                    "the simulation (%.6g ms) is longer than the stimulus (%s, %.6g ms)", durationMs,
                    stim.describe(), stim.durationMs()));
        }
        long n = (long) Math.ceil(durationMs / outputDtMs - 1e-9);
        if (n > 50_000_000L) {
            throw new SimulationException("too many output samples: " + n);
        }
        return (int) n;
    }

    /** [V, gates] at rest for a constant current iPa (see {@link RestingState}). */
    public double[] restingState(ModelSpec m, double[] params, double iPa) {
        PreparedModel pm = new PreparedModel(m, params, cache);
        return RestingState.find(pm, iPa);
    }

    private static SimulationResult run(PreparedModel pm, Stimulus stim, int nOut, double outDt, int sub,
                                        double[] init, boolean record) {
        int ng = pm.nGates;
        int nc = pm.nCurrents;
        double[] x;
        double v;
        if (init == null) {
            double[] s = RestingState.find(pm, stim.currentPa(0));
            v = s[0];
            x = Arrays.copyOfRange(s, 1, s.length);
        } else {
            if (init.length != ng + 1) {
                throw new SimulationException("initial state needs " + (ng + 1) + " values (V and " + ng
                        + " gates), got " + init.length);
            }
            v = init[0];
            x = Arrays.copyOfRange(init, 1, init.length);
        }
        Rk4Stepper stepper = new Rk4Stepper(pm);
        double[] out = new double[nOut];
        double[] stimOut = new double[nOut];
        double[][] gatesOut = record ? new double[ng][nOut] : null;
        double[][] curOut = record ? new double[nc][nOut] : null;
        double h = outDt / sub;
        for (int i = 0; i < nOut; i++) {
            out[i] = v;
            if (record) {
                stimOut[i] = stim.currentPa(i * outDt);
                for (int j = 0; j < ng; j++) {
                    gatesOut[j][i] = x[j];
                }
                for (int k = 0; k < nc; k++) {
                    curOut[k][i] = pm.current(k, v, x);
                }
            }
            if (i == nOut - 1) {
                break;
            }
            for (int s = 0; s < sub; s++) {
                v = stepper.step(v, x, (i * sub + s) * h, h, stim);
            }
            if (!Double.isFinite(v) || Math.abs(v) > 1e4) {
                Arrays.fill(out, i + 1, nOut, Double.NaN);
                break;
            }
        }
        Map<String, double[]> gates = new LinkedHashMap<>();
        Map<String, double[]> currents = new LinkedHashMap<>();
        if (record) {
            List<GateSpec> gs = pm.spec.gates();
            for (int j = 0; j < ng; j++) {
                gates.put(gs.get(j).name(), gatesOut[j]);
            }
            List<CurrentSpec> cs = pm.spec.currents();
            for (int k = 0; k < nc; k++) {
                currents.put(cs.get(k).name(), curOut[k]);
            }
        }
        return new SimulationResult(outDt, out, stimOut, gates, currents);
    }
}
