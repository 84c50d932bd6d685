package org.patchpinn.compare;

import java.util.Locale;

/**
 * gX(G) = gmax / (1 + (G/K)^h): the usual form of an ATP-inhibited (K_ATP-like) conductance (SCIENCE.md),
 * decreasing in G for h &gt; 0 and increasing for h &lt; 0; zero at one end of the condition axis, which is
 * what separates the extra conductance from a cell's own leak.
 */
public record HillLaw(double gmax, double k, double h) {
    public double value(double g) {
        if (g <= 0) {
            return h > 0 ? gmax : 0;
        }
        double r = Math.pow(g / k, h);
        return Double.isInfinite(r) ? 0 : gmax / (1 + r);
    }

    public String expression(String x) {
        return String.format(Locale.ROOT, "%.4g/(1+(%s/%.4g)^%.4g)", gmax, x, k, h);
    }

    public String sympy(String x) {
        return String.format(Locale.ROOT, "%.6g/(1 + (%s/%.6g)**%.6g)", gmax, x, k, h);
    }

    /** "(V - E)" written without a double sign: (V + 90) for E = -90. */
    public static String drivingForce(String v, double e) {
        return e < 0 ? String.format(Locale.ROOT, "(%s + %.4g)", v, -e) : String.format(Locale.ROOT, "(%s - %.4g)", v, e);
    }
}
