package org.patchpinn.fit;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How hard and how reproducibly to fit; the same for every method, plus free-form method options.
 *
 * @param seed                random seed (multi-start points, CMA-ES, network initialisation)
 * @param starts              independent starts of the global search (the first from the model's values)
 * @param maxEvaluations      budget of the global search per start (classic: CMA-ES evaluations)
 * @param confidenceIntervals whether to compute 95 % intervals (classic: profile likelihood)
 * @param device              "auto", "cpu" or "gpu" for methods that train networks
 * @param options             method-specific settings, e.g. {@code epochs=2000}
 * @param named               the parameters the user named to fit ({@code --fit}), as against those the model
 *                            declares free: the staged fit searches named rate factors, which it otherwise keeps
 *                            where the cell's spike width agrees with them ({@link RateFactors})
 */
public record FitSettings(long seed, int starts, int maxEvaluations, boolean confidenceIntervals, String device,
                          Map<String, String> options, Set<String> named) {
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
        named = Collections.unmodifiableSet(new TreeSet<>(named));
    }

    /** Settings with no parameter named by the user (the model's own free list). */
    public FitSettings(long seed, int starts, int maxEvaluations, boolean confidenceIntervals, String device,
                       Map<String, String> options) {
        this(seed, starts, maxEvaluations, confidenceIntervals, device, options, Set.of());
    }

    public static FitSettings defaults() {
        return new FitSettings(1, 1, 2000, true, "auto", Map.of());
    }

    public FitSettings withSeed(long s) {
        return new FitSettings(s, starts, maxEvaluations, confidenceIntervals, device, options, named);
    }

    public FitSettings withMaxEvaluations(int n) {
        return new FitSettings(seed, starts, n, confidenceIntervals, device, options, named);
    }

    public FitSettings withConfidenceIntervals(boolean ci) {
        return new FitSettings(seed, starts, maxEvaluations, ci, device, options, named);
    }

    public FitSettings withNamed(Collection<String> names) {
        return new FitSettings(seed, starts, maxEvaluations, confidenceIntervals, device, options, Set.copyOf(names));
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
