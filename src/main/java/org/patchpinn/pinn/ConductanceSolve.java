package org.patchpinn.pinn;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;

/**
 * The conductances that minimise the PINN's voltage residual for the networks as they are. With Cm, the
 * reversal potentials and the networks' V, dV/dt and gates fixed, the current balance
 * Cm·dV/dt = I − gNa·m³h·(V−ENa) − gK·n⁴·(V−EK) − gL·(V−EL) − Σ gz·z·(V−Ez)
 * is linear in (gNa, gK, gL) and in (gz, gz·Ez) of each latent current, so the minimiser of the squared
 * residual is a small linear least-squares problem: an exact parameter step of block-coordinate
 * descent ("variable projection"), instead of Adam creeping along a ridge shared with the networks.
 * Uses the networks' exact derivative, never a differentiated recording (SCIENCE.md).
 */
final class ConductanceSolve {
    /** Solved values: base {gNa, gK, gL} (nS) and per latent current {g (nS), E (mV)}; null if ill-posed. */
    record Solution(double[] base, double[][] latent) { }

    private ConductanceSolve() { }

    /**
     * As {@link #solve}, with the latent currents kept physical: a latent current whose least-squares g is not
     * positive (the data ask for no such current, or for one of the opposite sign) gets g = 0 and the rest is
     * solved again without it; a reversal outside [eMin, eMax] is clamped to the nearer bound.
     */
    static Solution solveBounded(BaseModel base, double cm, float[] v, float[] dv, float[] gates, float[][] z,
                                 float[] cur, double eMin, double eMax) {
        Solution s = solve(base, cm, v, dv, gates, z, cur);
        if (s == null) {
            return null;
        }
        java.util.List<Integer> on = new java.util.ArrayList<>();
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
            Solution r = solve(base, cm, v, dv, gates, kept, cur);
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
            s = new Solution(r.base(), lat);
        }
        for (double[] ge : s.latent()) {
            if (ge[0] > 0) {
                ge[1] = Math.max(eMin, Math.min(eMax, ge[1]));
            }
        }
        return s;
    }

    /**
     * @param v      voltage (mV) at every collocation point
     * @param dv     its time derivative (mV/ms)
     * @param gates  m, h, n interleaved, three per point
     * @param z      each latent gate at every point
     * @param cur    injected current (pA)
     */
    static Solution solve(BaseModel base, double cm, float[] v, float[] dv, float[] gates, float[][] z, float[] cur) {
        int latents = z.length;
        int k = 3 + 2 * latents;
        double[][] ata = new double[k][k];
        double[] atb = new double[k];
        double[] row = new double[k];
        for (int i = 0; i < v.length; i++) {
            // I − Cm·dV/dt = Σ columns · unknowns
            double m = gates[3 * i];
            row[0] = m * m * m * gates[3 * i + 1] * (v[i] - base.eNa());
            double n2 = (double) gates[3 * i + 2] * gates[3 * i + 2];
            row[1] = n2 * n2 * (v[i] - base.eK());
            row[2] = v[i] - base.eL();
            for (int j = 0; j < latents; j++) {
                row[3 + 2 * j] = z[j][i] * (double) v[i];   // gz
                row[4 + 2 * j] = -z[j][i];                   // gz·Ez
            }
            double b = cur[i] - cm * dv[i];
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
        RealMatrix a = new Array2DRowRealMatrix(ata, false);
        RealVector x;
        try {
            x = new CholeskyDecomposition(a, 1e-12, 1e-14).getSolver().solve(new ArrayRealVector(atb, false));
        } catch (RuntimeException notPositiveDefinite) {
            return null;
        }
        double[] g = {x.getEntry(0), x.getEntry(1), x.getEntry(2)};
        double[][] lat = new double[latents][];
        for (int j = 0; j < latents; j++) {
            double gz = x.getEntry(3 + 2 * j);
            lat[j] = new double[] {gz, x.getEntry(4 + 2 * j) / gz};
        }
        return new Solution(g, lat);
    }
}
