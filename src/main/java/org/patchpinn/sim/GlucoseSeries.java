package org.patchpinn.sim;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.patchpinn.model.BuiltinModels;
import org.patchpinn.model.ModelSpec;
import org.patchpinn.report.Json;

/**
 * Benchmark series for the compare verb beyond the public glucose set, from the project's simulator with
 * the public set's recording layout (traub-rs-m, 2 steps of 150 and 300 pA, 500 ms at 20 kHz, noise 0.3 mV
 * white + 5 pA OU current): 3 cells × 5 glucose levels in which glucose acts through one known mechanism,
 * or through none (a control). {@link Kind#EK_SHIFT}: pump run-down, EK(G) = −90 + 15/(1 + (G/1.5)²) mV
 * (−76.5 mV at 0.5 mM, −89.7 mV at 10 mM) and nothing else. {@link Kind#GM_SHIFT}: the slow adapting (M-type)
 * conductance opens at low glucose, gM(G) = 2 + 12/(1 + (G/1.5)²) nS (12.8 nS at 0.5 mM, 2.3 nS at 10 mM): fitted
 * with a base model that lacks the current (traub-rs), it is a learned state whose conductance changes (four
 * steps of 100–300 pA per recording).
 * {@link Kind#VT_SHIFT}: a kinetic shift, the spike threshold VT(G) = −60 + 8/(1 + (G/1.5)²) mV (−52.8 mV at 0.5 mM,
 * −59.8 mV at 10 mM). {@link Kind#GNA_SHIFT}: sodium channel availability, gNa(G) = 3000 + 4000·G²/(G² + 1.5²) nS
 * (3,400 nS at 0.5 mM, 6,912 nS at 10 mM). These two are mechanisms no part of compare was built on: they check
 * that the mechanism comparison names what it was not tuned to.
 * {@link Kind#GK_SHIFT} (delayed-rectifier availability, gK(G) = 400 + 600·G²/(G² + 1.5²) nS: 426 nS at 0.5 mM,
 * 981 nS at 10 mM) and {@link Kind#ENA_SHIFT} (internal Na⁺ rises as the pump runs down, ENa(G) = 55 − 15/(1 +
 * (G/1.5)²) mV: 41.5 mV at 0.5 mM, 54.7 mV at 10 mM) were added after the mechanism rule was last changed, as
 * series it was never developed on.
 * {@link Kind#CONTROL}: every recording of a cell is the same cell at every level (only the noise differs).
 * Written to a folder with manifest.csv and one truth JSON per recording; not committed (8 MB), generated where a
 * benchmark needs it.
 */
public final class GlucoseSeries {
    /** A series: the parameter glucose changes and its law (null for the control), the text, the seed base. */
    public enum Kind {
        EK_SHIFT("EK", GlucoseSeries::ekMv, "EK(G) = -90 + 15/(1+(G/1.5)^2) mV", 7100),
        GM_SHIFT("gM", GlucoseSeries::gmNs, "gM(G) = 2 + 12/(1+(G/1.5)^2) nS", 9100),
        VT_SHIFT("VT", GlucoseSeries::vtMv, "VT(G) = -60 + 8/(1+(G/1.5)^2) mV", 6100),
        GNA_SHIFT("gNa", GlucoseSeries::gnaNs, "gNa(G) = 3000 + 4000 G^2/(G^2+1.5^2) nS", 5100),
        GK_SHIFT("gK", GlucoseSeries::gkNs, "gK(G) = 400 + 600 G^2/(G^2+1.5^2) nS", 4100),
        ENA_SHIFT("ENa", GlucoseSeries::enaMv, "ENa(G) = 55 - 15/(1+(G/1.5)^2) mV", 3100),
        CONTROL(null, null, "glucose changes nothing", 8100);

        final String parameter;
        final DoubleUnaryOperator law;
        final String text;
        final long seed;

        Kind(String parameter, DoubleUnaryOperator law, String text, long seed) {
            this.parameter = parameter;
            this.law = law;
            this.text = text;
            this.seed = seed;
        }
    }

    public static final double[] LEVELS_MM = {0.5, 1, 2.5, 5, 10};
    static final double[] AMPLITUDES_PA = {150, 300};
    /**
     * The gM-shift series records four steps: methods that learn a new state need a selection and a test sweep
     * beside two training ones ({@code fit.SweepRoles}).
     */
    static final double[] AMPLITUDES_LEARNED_PA = {100, 150, 225, 300};

    /** Three cells that differ in size and leak, as cells in a slice do. */
    static final List<Map<String, Double>> CELLS = List.of(
            Map.of(),
            Map.of("Cm", 140.0, "gL", 3.2, "EL", -67.0),
            Map.of("Cm", 100.0, "gL", 2.0, "EL", -72.0, "gM", 7.5));

    private GlucoseSeries() {
    }

    /** The generating EK (mV) at glucose G (mM) of the EK-shift series. */
    public static double ekMv(double glucoseMm) {
        return -90 + 15 / (1 + Math.pow(glucoseMm / 1.5, 2));
    }

    /** The generating slow K conductance gM (nS) at glucose G (mM) of the gM-shift series. */
    public static double gmNs(double glucoseMm) {
        return 2 + 12 / (1 + Math.pow(glucoseMm / 1.5, 2));
    }

    /** The generating spike threshold VT (mV) at glucose G (mM) of the kinetic-shift series. */
    public static double vtMv(double glucoseMm) {
        return -60 + 8 / (1 + Math.pow(glucoseMm / 1.5, 2));
    }

    /** The generating sodium conductance gNa (nS) at glucose G (mM) of the gNa series. */
    public static double gnaNs(double glucoseMm) {
        double g2 = glucoseMm * glucoseMm;
        return 3000 + 4000 * g2 / (g2 + 1.5 * 1.5);
    }

    /** The generating delayed-rectifier conductance gK (nS) at glucose G (mM) of the gK series. */
    public static double gkNs(double glucoseMm) {
        double g2 = glucoseMm * glucoseMm;
        return 400 + 600 * g2 / (g2 + 1.5 * 1.5);
    }

    /** The generating sodium reversal ENa (mV) at glucose G (mM) of the ENa series. */
    public static double enaMv(double glucoseMm) {
        return 55 - 15 / (1 + Math.pow(glucoseMm / 1.5, 2));
    }

    public static List<TestDataGenerator.DataSet> dataSets(Kind kind) {
        ModelSpec base = BuiltinModels.get("traub-rs-m");
        List<TestDataGenerator.DataSet> out = new ArrayList<>();
        for (double g : LEVELS_MM) {
            for (int c = 0; c < CELLS.size(); c++) {
                Map<String, Double> changes = new LinkedHashMap<>(CELLS.get(c));
                if (kind.parameter != null) {
                    changes.put(kind.parameter, kind.law.applyAsDouble(g));
                }
                long seed = kind.seed + 100L * c + Math.round(g * 10);
                String what = kind.text;
                double[] steps = kind == Kind.GM_SHIFT ? AMPLITUDES_LEARNED_PA : AMPLITUDES_PA;
                out.add(new TestDataGenerator.DataSet(name(c, g), "glucose " + GlucoseTestData.level(g) + " mM, cell "
                        + (c + 1) + ": traub-rs-m, " + what, base, changes, steps, 50, 400, 500, 0.05,
                        new NoiseModel(0.3, 5, 3), seed, null));
            }
        }
        return out;
    }

    /** Writes the series' ATF files, truth JSON files and manifest.csv (file, glucose_mM, cell). */
    public static void write(Kind kind, Path folder) throws IOException {
        Files.createDirectories(folder);
        StringBuilder manifest = new StringBuilder("file,glucose_mM,cell\n");
        for (TestDataGenerator.DataSet d : dataSets(kind)) {
            double g = Double.parseDouble(d.name().substring(d.name().indexOf("_G") + 2));
            String cell = d.name().substring(4, d.name().indexOf('_'));
            Files.write(folder.resolve(d.name() + ".atf"), TestDataGenerator.atf(d));
            JsonObject truth = TestDataGenerator.truth(d);
            truth.addProperty("glucose_mM", g);
            truth.addProperty("cell", cell);
            truth.addProperty("series", kind.name().toLowerCase(Locale.ROOT));
            Files.writeString(folder.resolve(d.name() + ".truth.json"), Json.toJson(truth) + "\n",
                    StandardCharsets.UTF_8);
            manifest.append(d.name()).append(".atf,").append(g).append(',').append(cell).append('\n');
        }
        Files.writeString(folder.resolve("manifest.csv"), manifest.toString(), StandardCharsets.UTF_8);
    }

    private static String name(int cell, double g) {
        return "cell" + (cell + 1) + "_G" + GlucoseTestData.level(g);
    }

    /** {@code GlucoseSeries KIND FOLDER}, KIND one of {@link Kind} in lower case (ek_shift, control, …). */
    public static void main(String[] args) throws IOException {
        write(Kind.valueOf(args[0].toUpperCase(Locale.ROOT)), Path.of(args[1]));
    }
}
