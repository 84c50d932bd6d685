package org.patchpinn.fit;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * How hard and how reproducibly to fit; the same for every method, plus free-form method options.
 *
 * @param seed                random seed (multi-start points, CMA-ES, network initialisation)
 * @param starts              independent starts of the global search (the first from the model's values)
 * @param maxEvaluations      budget of the global search per start (classic: CMA-ES evaluations)
 * @param confidenceIntervals whether to compute 95 % intervals (classic: profile likelihood)
 * @param device              "auto", "cpu" or "gpu" for methods that train networks
 * @param options             method-specific settings, e.g. {@code epochs=2000}
 */
public record FitSettings(long seed, int starts, int maxEvaluations, boolean confidenceIntervals, String device,
                          Map<String, String> options) {
    public FitSettings {
        if (starts < 1) {
            throw new IllegalArgumentException("starts must be >= 1");
        }
        if (maxEvaluations < 1) {
            throw new IllegalArgumentException("maxEvaluations must be >= 1");
        }
        // sorted: the settings' text is part of compare's resume fingerprint, and Map.copyOf's iteration order
        // changes from one JVM to the next (a series with two options did not resume)
        options = Collections.unmodifiableMap(new TreeMap<>(options));
    }

    public static FitSettings defaults() {
        return new FitSettings(1, 1, 2000, true, "auto", Map.of());
    }

    public FitSettings withSeed(long s) {
        return new FitSettings(s, starts, maxEvaluations, confidenceIntervals, device, options);
    }

    public FitSettings withMaxEvaluations(int n) {
        return new FitSettings(seed, starts, n, confidenceIntervals, device, options);
    }

    public FitSettings withConfidenceIntervals(boolean ci) {
        return new FitSettings(seed, starts, maxEvaluations, ci, device, options);
    }

    /** A method option as a number, or the default when absent. */
    public double option(String key, double defaultValue) {
        String v = options.get(key);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new FitException("fit option " + key + ": '" + v + "' is not a number");
        }
    }
}
