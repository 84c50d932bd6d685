package org.patchpinn.compare;

import com.google.gson.JsonObject;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.patchpinn.numeric.Quantile;
import org.patchpinn.report.Json;

/**
 * Mean, standard error of the mean and a percentile-bootstrap 95 % interval of the mean of replicate values
 * (e.g. one parameter over the recordings of one condition). With one value there is no s.e.m. or
 * interval (NaN); with none, everything is NaN.
 */
public record Summary(int n, double mean, double sem, double ciLow, double ciHigh) {
    public static final int DEFAULT_REPS = 2000;

    public static Summary of(double[] values, long seed) {
        return of(values, DEFAULT_REPS, seed);
    }

    public static Summary of(double[] values, int reps, long seed) {
        double[] x = Arrays.stream(values).filter(Double::isFinite).toArray();
        int n = x.length;
        if (n == 0) {
            return new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double mean = Arrays.stream(x).average().orElse(Double.NaN);
        if (n == 1) {
            return new Summary(1, mean, Double.NaN, Double.NaN, Double.NaN);
        }
        double ss = 0;
        for (double v : x) {
            ss += (v - mean) * (v - mean);
        }
        double sem = Math.sqrt(ss / (n - 1) / n);
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] means = new double[reps];
        for (int r = 0; r < reps; r++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += x[rnd.nextInt(n)];
            }
            means[r] = s / n;
        }
        Arrays.sort(means);
        return new Summary(n, mean, sem, Quantile.ofSorted(means, 0.025), Quantile.ofSorted(means, 0.975));
    }

    public JsonObject toJson(String unit) {
        JsonObject o = new JsonObject();
        o.addProperty("n", n);
        o.add("mean", Json.number(mean));
        o.add("sem", Json.number(sem));
        o.add("ci95", Json.interval(ciLow, ciHigh));
        o.addProperty("unit", unit);
        return o;
    }
}
