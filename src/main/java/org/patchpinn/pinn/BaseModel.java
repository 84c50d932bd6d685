package org.patchpinn.pinn;

import ai.djl.ndarray.NDArray;
import java.util.Locale;
import org.patchpinn.InvalidParameterException;

/**
 * The known part of a hybrid model: an HH base with fixed (textbook) gate kinetics m, h, n and
 * conductances to learn. Rates are given twice, on plain doubles (driven gates, forward simulation) and on
 * NDArrays (the differentiable integrator); both forms are the same formulas (SCIENCE.md, base models).
 * Currents: I_Na = gNa·m³h·(V−ENa), I_K = gK·n⁴·(V−EK), I_L = gL·(V−EL); units pF, nS, mV, ms, pA.
 */
public enum BaseModel {
    /** Pospischil et al. 2008 regular-spiking cell (Traub–Miles kinetics), without its M-current. */
    TRAUB_RS("traub-rs", 118.4, 6632.0, 710.6, 2.43, 50.0, -90.0, -70.3, -56.2),
    /** Hodgkin–Huxley 1952 squid axon, membrane area 1e-4 cm². */
    HH_SQUID("hh-squid", 100.0, 12000.0, 3600.0, 30.0, 50.0, -77.0, -54.387, 0.0);

    /** Names of the learnable base parameters, in the order of {@link #defaults()}. */
    public static final String[] PARAMETERS = {"Cm", "gNa", "gK", "gL"};
    public static final String[] UNITS = {"pF", "nS", "nS", "nS"};

    private final String id;
    private final double cm;
    private final double gNa;
    private final double gK;
    private final double gL;
    private final double eNa;
    private final double eK;
    private final double eL;
    private final double vt;

    BaseModel(String id, double cm, double gNa, double gK, double gL, double eNa, double eK, double eL,
              double vt) {
        this.id = id;
        this.cm = cm;
        this.gNa = gNa;
        this.gK = gK;
        this.gL = gL;
        this.eNa = eNa;
        this.eK = eK;
        this.eL = eL;
        this.vt = vt;
    }

    public String id() {
        return id;
    }

    public static BaseModel byId(String id) {
        String key = id.trim().toLowerCase(Locale.ROOT);
        for (BaseModel b : values()) {
            if (b.id.equals(key)) {
                return b;
            }
        }
        throw new InvalidParameterException("base", "unknown base model '" + id + "' (traub-rs, hh-squid)");
    }

    /** Textbook values of Cm (pF), gNa, gK, gL (nS): the starting point of a fit. */
    public double[] defaults() {
        return new double[] {cm, gNa, gK, gL};
    }

    public double eNa() { return eNa; }

    public double eK() { return eK; }

    public double eL() { return eL; }

    // ---- rates on doubles (1/ms) ----

    /** α and β of gate {@code gate} (0 = m, 1 = h, 2 = n) at voltage v, written into out[0], out[1]. */
    public void rates(int gate, double v, double[] out) {
        if (this == TRAUB_RS) {
            double u = v - vt;
            switch (gate) {
                case 0 -> { out[0] = 0.32 * lin(u - 13, 4); out[1] = 0.28 * lin(40 - u, 5); }
                case 1 -> { out[0] = 0.128 * Math.exp(-(u - 17) / 18); out[1] = 4 / (1 + Math.exp(-(u - 40) / 5)); }
                default -> { out[0] = 0.032 * lin(u - 15, 5); out[1] = 0.5 * Math.exp(-(u - 10) / 40); }
            }
        } else {
            switch (gate) {
                case 0 -> { out[0] = 0.1 * lin(v + 40, 10); out[1] = 4 * Math.exp(-(v + 65) / 18); }
                case 1 -> { out[0] = 0.07 * Math.exp(-(v + 65) / 20); out[1] = 1 / (1 + Math.exp(-(v + 35) / 10)); }
                default -> { out[0] = 0.01 * lin(v + 55, 10); out[1] = 0.125 * Math.exp(-(v + 65) / 80); }
            }
        }
    }

    /** x/(1−e^(−x/k)), whose value at x = 0 is k (the removable singularity of HH rate laws). */
    static double lin(double x, double k) {
        if (Math.abs(x / k) < 1e-6) {
            return k + x / 2;
        }
        return x / (1 - Math.exp(-x / k));
    }

    // ---- rates on NDArrays ----

    /** α and β of gate {@code gate} at voltages {@code v} (any shape), for the differentiable integrator. */
    public NDArray[] rates(int gate, NDArray v) {
        if (this == TRAUB_RS) {
            NDArray u = Nd.sub(v, vt);
            return switch (gate) {
                case 0 -> new NDArray[] {Nd.mul(lin(Nd.sub(u, 13), 4), 0.32),
                        Nd.mul(lin(Nd.add(u.neg(), 40), 5), 0.28)};
                case 1 -> new NDArray[] {Nd.mul(Nd.div(Nd.sub(u, 17), -18).exp(), 0.128),
                        Nd.mul(Nd.sigmoid(Nd.div(Nd.sub(u, 40), 5)), 4)};
                default -> new NDArray[] {Nd.mul(lin(Nd.sub(u, 15), 5), 0.032),
                        Nd.mul(Nd.div(Nd.sub(u, 10), -40).exp(), 0.5)};
            };
        }
        return switch (gate) {
            case 0 -> new NDArray[] {Nd.mul(lin(Nd.add(v, 40), 10), 0.1), Nd.mul(Nd.div(Nd.add(v, 65), -18).exp(), 4)};
            case 1 -> new NDArray[] {Nd.mul(Nd.div(Nd.add(v, 65), -20).exp(), 0.07),
                    Nd.sigmoid(Nd.div(Nd.add(v, 35), 10))};
            default -> new NDArray[] {Nd.mul(lin(Nd.add(v, 55), 10), 0.01),
                    Nd.mul(Nd.div(Nd.add(v, 65), -80).exp(), 0.125)};
        };
    }

    /** NDArray form of {@link #lin(double, double)}; x is nudged off 0 so no 0/0 appears. */
    private static NDArray lin(NDArray x, double k) {
        NDArray safe = x.add(Nd.mul(x.abs().lt(Nd.c(x, 1e-4)).toType(x.getDataType(), false), 1e-4));
        return safe.div(Nd.add(Nd.div(safe, -k).exp().neg(), 1));
    }

    /** Steady-state value of gate {@code gate} at v. */
    public double steadyState(int gate, double v) {
        double[] ab = new double[2];
        rates(gate, v, ab);
        return ab[0] / (ab[0] + ab[1]);
    }
}
