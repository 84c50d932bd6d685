package org.patchpinn.compare;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.patchpinn.PatchPinnException;

/**
 * Solves subthreshold systems for the linear membrane. One recording alone, or several recordings of the
 * same cell together: capacitance and slow-current conductance are properties of the cell and are shared,
 * while the linear conductance and its reversal are free per recording (they are what a condition
 * changes). Sharing C removes the main source of scatter in g of a spiking recording, where few and short
 * subthreshold stretches leave C and g correlated. Systems of a structure without a slow gate leave f out
 * (a, b1, c1, ...): the slow conductance is then 0 by construction, not estimated.
 */
public final class LinearMembraneSolver {
    private LinearMembraneSolver() {
    }

    public static LinearMembrane solve(SubthresholdSystem s) {
        return solveJoint(List.of(s)).get(0);
    }

    public static List<LinearMembrane> solveJoint(List<SubthresholdSystem> systems) {
        int k = systems.size();
        if (k == 0) {
            throw new PatchPinnException("no subthreshold system to solve");
        }
        boolean slow = systems.get(0).slowTerm();
        if (systems.stream().anyMatch(s -> s.slowTerm() != slow)) {
            throw new PatchPinnException("recordings analysed with and without a slow gate cannot be pooled");
        }
        int shared = slow ? 2 : 1;
        int p = shared + 2 * k;
        double[][] m = new double[p][p];
        double[] rhs = new double[p];
        double yty = 0;
        int n = 0;
        for (int r = 0; r < k; r++) {
            SubthresholdSystem s = systems.get(r);
            if (s.windows() < 8) {
                throw new PatchPinnException("too few subthreshold stretches (" + s.windows()
                        + " windows) to estimate the membrane's linear conductance");
            }
            int[] map = index(r, slow);
            for (int i = 0; i < SubthresholdSystem.SIZE; i++) {
                if (map[i] < 0) {
                    continue;
                }
                rhs[map[i]] += s.xty[i];
                for (int j = 0; j < SubthresholdSystem.SIZE; j++) {
                    if (map[j] >= 0) {
                        m[map[i]][map[j]] += s.xtx[i][j];
                    }
                }
            }
            yty += s.yty;
            n += s.n;
        }
        // Equilibrate columns: ∫I and T differ by orders of magnitude.
        double[] scale = new double[p];
        for (int i = 0; i < p; i++) {
            scale[i] = m[i][i] > 0 ? 1.0 / Math.sqrt(m[i][i]) : 1.0;
        }
        RealMatrix ms = new Array2DRowRealMatrix(p, p);
        RealVector bs = new ArrayRealVector(p);
        for (int i = 0; i < p; i++) {
            bs.setEntry(i, rhs[i] * scale[i]);
            for (int j = 0; j < p; j++) {
                ms.setEntry(i, j, m[i][j] * scale[i] * scale[j]);
            }
        }
        DecompositionSolver solver = new QRDecomposition(ms, 1e-12).getSolver();
        if (!solver.isNonSingular()) {
            throw new PatchPinnException("the subthreshold data do not determine the linear membrane "
                    + "(no current steps between spikes?)");
        }
        RealMatrix invScaled = solver.getInverse();
        double[] theta = new double[p];
        double[][] inv = new double[p][p];
        RealVector ts = solver.solve(bs);
        for (int i = 0; i < p; i++) {
            theta[i] = ts.getEntry(i) * scale[i];
            for (int j = 0; j < p; j++) {
                inv[i][j] = invScaled.getEntry(i, j) * scale[i] * scale[j];
            }
        }
        double rss = yty;
        for (int i = 0; i < p; i++) {
            rss -= 2 * theta[i] * rhs[i];
            for (int j = 0; j < p; j++) {
                rss += theta[i] * m[i][j] * theta[j];
            }
        }
        double sigma2 = Math.max(rss, 0) / Math.max(1, n - p);
        List<LinearMembrane> out = new ArrayList<>();
        double a = theta[0];
        double f = slow ? theta[1] : 0;
        if (!(a > 0)) {
            throw new PatchPinnException("the subthreshold fit gives no positive capacitance");
        }
        for (int r = 0; r < k; r++) {
            int ib = shared + 2 * r;
            int ic = ib + 1;
            double b = theta[ib];
            double c = theta[ic];
            // without a slow term f is not a coefficient: its index is -1 and its derivatives are 0
            int[] idx = {0, slow ? 1 : -1, ib, ic};
            double[] jC = {-1 / (a * a), 0, 0, 0};
            double[] jG = {-b / (a * a), 0, 1 / a, 0};
            double[] jE = {0, 0, -c / (b * b), 1 / b};
            double[] jM = {-f / (a * a), 1 / a, 0, 0};
            double[][] cov = {{quad(jG, jG, idx, inv, sigma2), quad(jG, jE, idx, inv, sigma2)},
                    {quad(jE, jG, idx, inv, sigma2), quad(jE, jE, idx, inv, sigma2)}};
            out.add(new LinearMembrane(1 / a, b / a, c / b, f / a, cov,
                    Math.sqrt(quad(jC, jC, idx, inv, sigma2)),
                    slow ? Math.sqrt(quad(jM, jM, idx, inv, sigma2)) : 0));
        }
        return out;
    }

    /**
     * Where recording r's local coefficients (a, b, c, f) sit in the joint vector (a, f, b1, c1, ...), or without
     * a slow term (a, b1, c1, ...) with f at -1 (left out).
     */
    private static int[] index(int r, boolean slow) {
        int shared = slow ? 2 : 1;
        int[] map = new int[SubthresholdSystem.SIZE];
        map[SubthresholdSystem.A] = 0;
        map[SubthresholdSystem.F] = slow ? 1 : -1;
        map[SubthresholdSystem.B] = shared + 2 * r;
        map[SubthresholdSystem.C] = shared + 2 * r + 1;
        return map;
    }

    /** Delta method: J1·Σ·J2ᵀ restricted to the coefficients a recording depends on (index -1: none). */
    private static double quad(double[] j1, double[] j2, int[] idx, double[][] inv, double sigma2) {
        double s = 0;
        for (int i = 0; i < idx.length; i++) {
            for (int j = 0; j < idx.length; j++) {
                if (idx[i] >= 0 && idx[j] >= 0) {
                    s += j1[i] * inv[idx[i]][idx[j]] * j2[j];
                }
            }
        }
        return s * sigma2;
    }
}
