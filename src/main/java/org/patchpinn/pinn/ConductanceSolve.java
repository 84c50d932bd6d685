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
 * is linear in (gNa, gK, gL) and in (gz, gz·Ez) of each latent current, so the minimiser of the (weighted)
 * squared residual is a small linear least-squares problem: an exact parameter step of block-coordinate
 * descent ("variable projection"), instead of Adam creeping along a ridge shared with the networks.
 * Uses the networks' exact derivative, never a differentiated recording (SCIENCE.md).
 */
final class ConductanceSolve {
    /** Solved values: base {gNa, gK, gL} (nS) and per latent current {g (nS), E (mV)}; null if ill-posed. */
    record Solution(double[] base, double[][] latent) { }

    private ConductanceSolve() { }

    /**
     * @param v      voltage (mV) at every collocation point
     * @param dv     its time derivative (mV/ms)
     * @param gates  m, h, n interleaved, three per point
     * @param z      each latent gate at every point
     * @param cur    injected current (pA)
     * @param weight per-point weights, or null for equal weights
     */
    static Solution solve(BaseModel base, double cm, float[] v, float[] dv, float[] gates, float[][] z, float[] cur,
                          float[] weight) {
        int latents = z.length;
        float[] w = weight;
        int k = 3 + 2 * latents;
        double[][] ata = new double[k][k];
        double[] atb = new double[k];
        double[] row = new double[k];
        for (int i = 0; i < v.length; i++) {
            double wi = w == null ? 1 : w[i];
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
                atb[r] += wi * row[r] * b;
                for (int c = 0; c <= r; c++) {
                    ata[r][c] += wi * row[r] * row[c];
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
