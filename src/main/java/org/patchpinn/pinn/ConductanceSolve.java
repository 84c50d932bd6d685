package org.patchpinn.pinn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;

/**
 * The conductances that minimise the PINN's voltage residual for the networks as they are. With the
 * reversal potentials, the kinetics and the networks' V, dV/dt and gates fixed, the current balance
 * Cm·dV/dt = I − Σ_k g_k·∏x^p·(V−E_k) − Σ gz·z·(V−Ez)
 * is linear in every free conductance g_k (and in Cm when it is free) and in (gz, gz·Ez) of each latent
 * current; fixed conductances move to the right-hand side. So the minimiser of the squared
 * residual is a small linear least-squares problem: an exact parameter step of block-coordinate
 * descent ("variable projection"), instead of Adam creeping along a ridge shared with the networks.
 * Uses the networks' exact derivative, never a differentiated recording (SCIENCE.md).
 */
final class ConductanceSolve {
    /**
     * Solved values: {@code base[q]} of base parameter {@code baseIndex[q]} (free conductances in nS, Cm in pF)
     * and per latent current {g (nS), E (mV)}; null if ill-posed.
     */
    record Solution(int[] baseIndex, double[] base, double[][] latent) { }

    private ConductanceSolve() { }

    /**
     * As {@link #solve}, with the latent currents kept physical: a latent current whose least-squares g is not
     * positive (the data ask for no such current, or for one of the opposite sign) gets g = 0 and the rest is
     * solved again without it; a reversal outside [eMin, eMax] is clamped to the nearer bound.
     */
    static Solution solveBounded(KnownModel base, double[] p, float[] v, float[] dv, float[] gates, float[][] z,
                                 float[] cur, double eMin, double eMax) {
        Solution s = solve(base, p, v, dv, gates, z, cur);
        if (s == null) {
            return null;
        }
        List<Integer> on = new ArrayList<>();
        for (int j = 0; j < z.length; j++) {
            if (s.latent()[j][0] > 0) {
                on.add(j);
            }
        }
        if (on.size() < z.length) {
            float[][] kept = new float[on.size()][];
            for (int q = 0; q < kept.length; q++) {
                kept[q] = z[on.get(q)];
            }
            Solution r = solve(base, p, v, dv, gates, kept, cur);
            if (r == null) {
                return null;
            }
            double[][] lat = new double[z.length][];
            for (int j = 0; j < z.length; j++) {
                lat[j] = new double[] {0, Double.NaN};
            }
            for (int q = 0; q < kept.length; q++) {
                lat[on.get(q)] = r.latent()[q];
            }
            s = new Solution(r.baseIndex(), r.base(), lat);
        }
        for (double[] ge : s.latent()) {
            if (ge[0] > 0) {
                ge[1] = Math.max(eMin, Math.min(eMax, ge[1]));
            }
        }
        return s;
    }

    /** The base parameters the solve sets: every free conductance, then Cm when free. */
    static int[] unknowns(KnownModel base) {
        LinkedHashSet<Integer> u = new LinkedHashSet<>();
        for (int c = 0; c < base.currentCount(); c++) {
            if (base.isFree(base.conductanceIndex(c))) {
                u.add(base.conductanceIndex(c));
            }
        }
        if (base.isFree(base.capacitanceIndex())) {
            u.add(base.capacitanceIndex());
        }
        return u.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * @param p      every base parameter (fixed ones and the reversals are used as they are)
     * @param v      voltage (mV) at every collocation point
     * @param dv     its time derivative (mV/ms)
     * @param gates  every gate of the known model at every point, interleaved (gateCount per point)
     * @param z      each latent gate at every point
     * @param cur    injected current (pA)
     */
    static Solution solve(KnownModel base, double[] p, float[] v, float[] dv, float[] gates, float[][] z,
                          float[] cur) {
        int[] unknown = unknowns(base);
        int[] column = new int[p.length];
        Arrays.fill(column, -1);
        for (int q = 0; q < unknown.length; q++) {
            column[unknown[q]] = q;
        }
        int ng = base.gateCount();
        int nb = unknown.length;
        int latents = z.length;
        int k = nb + 2 * latents;
        double[][] ata = new double[k][k];
        double[] atb = new double[k];
        double[] row = new double[k];
        double[] x = new double[ng];
        int cmColumn = column[base.capacitanceIndex()];
        double cm = p[base.capacitanceIndex()];
        for (int i = 0; i < v.length; i++) {
            // I − Cm·dV/dt − Σ fixed currents = Σ columns · unknowns
            Arrays.fill(row, 0);
            for (int q = 0; q < ng; q++) {
                x[q] = gates[ng * i + q];
            }
            double b = cur[i];
            if (cmColumn >= 0) {
                row[cmColumn] = dv[i];
            } else {
                b -= cm * dv[i];
            }
            for (int c = 0; c < base.currentCount(); c++) {
                double drive = base.openFraction(c, x) * (v[i] - p[base.reversalIndex(c)]);
                int col = column[base.conductanceIndex(c)];
                if (col >= 0) {
                    row[col] += drive;
                } else {
                    b -= p[base.conductanceIndex(c)] * drive;
                }
            }
            for (int j = 0; j < latents; j++) {
                row[nb + 2 * j] = z[j][i] * (double) v[i];   // gz
                row[nb + 1 + 2 * j] = -z[j][i];              // gz·Ez
            }
            for (int r = 0; r < k; r++) {
                atb[r] += row[r] * b;
                for (int c = 0; c <= r; c++) {
                    ata[r][c] += row[r] * row[c];
                }
            }
        }
        for (int r = 0; r < k; r++) {
            for (int c = r + 1; c < k; c++) {
                ata[r][c] = ata[c][r];
            }
        }
        if (k == 0) {
            return new Solution(unknown, new double[0], new double[0][]);
        }
        RealMatrix a = new Array2DRowRealMatrix(ata, false);
        RealVector sol;
        try {
            sol = new CholeskyDecomposition(a, 1e-12, 1e-14).getSolver().solve(new ArrayRealVector(atb, false));
        } catch (RuntimeException notPositiveDefinite) {
            return null;
        }
        double[] g = new double[nb];
        for (int q = 0; q < nb; q++) {
            g[q] = sol.getEntry(q);
        }
        double[][] lat = new double[latents][];
        for (int j = 0; j < latents; j++) {
            double gz = sol.getEntry(nb + 2 * j);
            lat[j] = new double[] {gz, sol.getEntry(nb + 1 + 2 * j) / gz};
        }
        return new Solution(unknown, g, lat);
    }
}
