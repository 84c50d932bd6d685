package org.patchpinn.numeric;

/**
 * The least-squares straight line y = intercept + slope·x through points added one by one, from the running
 * sums Σx, Σy, Σx², Σxy (slope = (nΣxy − ΣxΣy)/(nΣx² − (Σx)²)). Not finite with fewer than two distinct x.
 */
public final class StraightLine {
    private double sx;
    private double sy;
    private double sxx;
    private double sxy;
    private int n;

    public void add(double x, double y) {
        sx += x;
        sy += y;
        sxx += x * x;
        sxy += x * y;
        n++;
    }

    /** How many points were added. */
    public int count() {
        return n;
    }

    public double slope() {
        return (n * sxy - sx * sy) / (n * sxx - sx * sx);
    }

    public double intercept() {
        return (sy - slope() * sx) / n;
    }
}
