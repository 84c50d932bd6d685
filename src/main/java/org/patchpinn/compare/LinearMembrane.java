package org.patchpinn.compare;

/**
 * The subthreshold membrane of one recording: capacitance, total linear conductance and its reversal, the
 * slow current's maximal conductance (traub-rs-m: the M-current's), with the covariance of (g, E) that the cross-condition decomposition
 * weights by.
 *
 * @param cPf      membrane capacitance (pF)
 * @param gNs      total linear conductance (nS): leak plus any extra linear conductance
 * @param eMv      reversal of the linear conductance (mV)
 * @param gMNs     slow current's maximal conductance (nS); 0 when the structure has no slow gate
 * @param cov      covariance of (g, E): {{var g, cov}, {cov, var E}}
 * @param seC      standard error of C (pF)
 * @param seGM     standard error of gM (nS); 0 when the structure has no slow gate
 */
public record LinearMembrane(double cPf, double gNs, double eMv, double gMNs, double[][] cov, double seC,
                             double seGM) {
    public double seG() {
        return Math.sqrt(cov[0][0]);
    }

    public double seE() {
        return Math.sqrt(cov[1][1]);
    }
}
