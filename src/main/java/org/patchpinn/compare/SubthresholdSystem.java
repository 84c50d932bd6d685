package org.patchpinn.compare;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.Arrays;
import java.util.List;
import org.patchpinn.trace.CurrentClampSweep;

/**
 * The current balance of one recording between spikes, in integral form, as least-squares normal equations.
 * Over each window [t0, t1]: C·ΔV = ∫I − g·∫(V−E) − gS·∫p(V−ES), i.e.
 * ΔV = a·∫I − b·∫V + c·T − f·∫p(V−ES) with a = 1/C, b = g/C, c = g·E/C, f = gS/C — linear in (a, b, c, f)
 * and with the measurement noise only in ΔV (integrals average it away), so no derivative of noisy data is
 * taken (SCIENCE.md: derivative-based fits are biased). g and E are the total linear conductance and its
 * reversal: the leak plus any extra linear current, such as a K_ATP-like conductance that changes with
 * the condition. p is the structure's slow gate (traub-rs-m: the M-current's, ES = EK) driven by the measured
 * V; a structure without one has no f column ({@link #slowTerm()} false, the solver leaves f out). Only the
 * sums XᵀX, Xᵀy, yᵀy and n are kept, so recordings of one cell can be pooled (sharing C and gS) without
 * keeping their samples.
 */
public final class SubthresholdSystem {
    /** Coefficient order in the normal equations. */
    public static final int A = 0, B = 1, C = 2, F = 3, SIZE = 4;

    final double[][] xtx = new double[SIZE][SIZE];
    final double[] xty = new double[SIZE];
    double yty;
    int n;
    /** Whether the f column is in use (the structure has a slow gate); without it the column stays 0. */
    private boolean slowTerm = true;

    public int windows() {
        return n;
    }

    public boolean slowTerm() {
        return slowTerm;
    }

    public static SubthresholdSystem build(List<CurrentClampSweep> sweeps, SubthresholdSettings s) {
        SubthresholdSystem sys = new SubthresholdSystem();
        sys.slowTerm = s.structure().hasSlowGate();
        for (CurrentClampSweep sw : sweeps) {
            sys.add(sw, s);
        }
        return sys;
    }

    private void add(CurrentClampSweep sw, SubthresholdSettings s) {
        double dt = sw.dtMs();
        double[] v = sw.vMv();
        double[] i = sw.iPa();
        int len = sw.length();
        SlowGate gate = s.structure().slowGate().orElse(null);
        double[] p = gate == null ? null : gate.drive(v, dt);
        double es = s.structure().slowReversalMv();
        boolean[] ok = quietSamples(v, dt, s);
        int w = Math.max(2, (int) Math.round(s.windowMs() / dt));
        double[] row = new double[SIZE];
        for (int start = 0; start + w < len; start += w) {
            boolean all = true;
            for (int k = start; k <= start + w && all; k++) {
                all = ok[k];
            }
            if (!all) {
                continue;
            }
            double sI = 0, sV = 0, sP = 0;
            for (int k = start; k <= start + w; k++) {
                double wt = (k == start || k == start + w) ? 0.5 * dt : dt;
                sI += wt * i[k];
                sV += wt * v[k];
                if (p != null) {
                    sP += wt * p[k] * (v[k] - es);
                }
            }
            row[A] = sI;
            row[B] = -sV;
            row[C] = w * dt;
            row[F] = -sP;
            double y = v[start + w] - v[start];
            for (int r = 0; r < SIZE; r++) {
                xty[r] += row[r] * y;
                for (int c = 0; c < SIZE; c++) {
                    xtx[r][c] += row[r] * row[c];
                }
            }
            yty += y * y;
            n++;
        }
    }

    /** Samples below threshold with no supra-threshold sample within the margin. */
    static boolean[] quietSamples(double[] v, double dt, SubthresholdSettings s) {
        int len = v.length;
        int margin = (int) Math.ceil(s.marginMs() / dt);
        boolean[] ok = new boolean[len];
        Arrays.fill(ok, true);
        for (int k = 0; k < len; k++) {
            if (!(v[k] < s.thresholdMv())) {
                for (int j = Math.max(0, k - margin); j <= Math.min(len - 1, k + margin); j++) {
                    ok[j] = false;
                }
            }
        }
        return ok;
    }

    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        JsonArray m = new JsonArray();
        for (double[] r : xtx) {
            JsonArray a = new JsonArray();
            for (double d : r) {
                a.add(d);
            }
            m.add(a);
        }
        o.add("xtx", m);
        JsonArray b = new JsonArray();
        for (double d : xty) {
            b.add(d);
        }
        o.add("xty", b);
        o.addProperty("yty", yty);
        o.addProperty("n", n);
        o.addProperty("slow_term", slowTerm);
        return o;
    }

    public static SubthresholdSystem fromJson(JsonObject o) {
        SubthresholdSystem s = new SubthresholdSystem();
        JsonArray m = o.getAsJsonArray("xtx");
        for (int r = 0; r < SIZE; r++) {
            for (int c = 0; c < SIZE; c++) {
                s.xtx[r][c] = m.get(r).getAsJsonArray().get(c).getAsDouble();
            }
            s.xty[r] = o.getAsJsonArray("xty").get(r).getAsDouble();
        }
        s.yty = o.get("yty").getAsDouble();
        s.n = o.get("n").getAsInt();
        s.slowTerm = !o.has("slow_term") || o.get("slow_term").getAsBoolean();
        return s;
    }
}
