package org.patchpinn.sim;

import com.google.gson.JsonObject;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The bundled symbolic-regression example ({@code test-data/sr/boltzmann_demo.csv}): a gate's steady state
 * y = 1 / (1 + exp(−(V + 35) / 10)) sampled every 2 mV from −100 to 20 mV with Gaussian noise (s.d. 0.01),
 * so the sr verb has a known 1-D law to find.
 */
public final class LawTestData {
    public static final String FOLDER = "sr";
    public static final String NAME = "boltzmann_demo";
    static final double NOISE_SD = 0.01;
    static final long SEED = 6001;

    private LawTestData() {
    }

    public static double law(double vMv) {
        return 1 / (1 + Math.exp(-(vMv + 35) / 10));
    }

    /** The CSV text: header {@code V,y}, one row per sample. */
    public static String csv() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        StringBuilder sb = new StringBuilder("V,y\n");
        for (int v = -100; v <= 20; v += 2) {
            double y = law(v) + NOISE_SD * SyntheticRecording.gaussian(rnd);
            sb.append(v).append(',').append(String.format(Locale.ROOT, "%.6f", y)).append('\n');
        }
        return sb.toString();
    }

    public static JsonObject truth() {
        JsonObject o = new JsonObject();
        o.addProperty("file", NAME + ".csv");
        o.addProperty("law", "y = 1/(1+exp(-(V+35)/10))");
        o.addProperty("x_unit", "mV");
        o.addProperty("noise_sd", NOISE_SD);
        o.addProperty("seed", SEED);
        o.addProperty("generator", TestDataGenerator.class.getName());
        return o;
    }
}
