package org.patchpinn.sim;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.patchpinn.model.BuiltinModels;
import org.patchpinn.model.CurrentSpec;
import org.patchpinn.model.ModelSpec;
import org.patchpinn.model.Parameter;

/**
 * The bundled glucose-condition example ({@code test-data/glucose/}) for the compare verb, modelled on the
 * benchmark set: a regular-spiking cell (traub-rs-m) plus an extra potassium conductance gX(G)·(V − EX),
 * EX = −90 mV, gX = 5 / (1 + (G / 1.5)²) nS, recorded from 2 cells with different capacitance and leak at
 * 3 glucose levels. Sweeps are shorter and sampled at 10 kHz (instead of 20 kHz) so the set stays small.
 */
public final class GlucoseTestData {
    /** Sub-folder of test-data the set is written to. */
    public static final String FOLDER = "glucose";
    public static final double EX_MV = -90;
    public static final double[] LEVELS_MM = {0.5, 2.5, 10};
    /** Step amplitudes, one sweep each. */
    static final double[] AMPLITUDES_PA = {150, 300};

    /** One cell: its own capacitance and leak (what compare must separate from the glucose effect). */
    record Cell(String name, Map<String, Double> changes, long seed) { }

    static final List<Cell> CELLS = List.of(
            new Cell("1", Map.of(), 5100),
            new Cell("2", Map.of("Cm", 140.0, "gL", 3.2, "EL", -67.0), 5200));

    private GlucoseTestData() {
    }

    /** The law of the extra conductance (nS) at glucose G (mM). */
    public static double gxNs(double glucoseMm) {
        return 5.0 / (1 + Math.pow(glucoseMm / 1.5, 2));
    }

    /** One recording: its data set (named like the file) with the glucose level and cell it belongs to. */
    public record Entry(TestDataGenerator.DataSet dataSet, double glucoseMm, String cell) {
        public JsonObject truth() {
            JsonObject o = TestDataGenerator.truth(dataSet);
            o.addProperty("glucose_mM", glucoseMm);
            o.addProperty("cell", cell);
            o.addProperty("gX_law", "gX = 5/(1+(G/1.5)^2) nS, EX = -90 mV");
            return o;
        }
    }

    public static List<Entry> entries() {
        List<Entry> list = new ArrayList<>();
        for (double g : LEVELS_MM) {
            for (Cell c : CELLS) {
                ModelSpec m = withExtraConductance(BuiltinModels.get("traub-rs-m"), gxNs(g));
                String name = "cell" + c.name() + "_G" + level(g);
                list.add(new Entry(new TestDataGenerator.DataSet(name,
                        "glucose " + level(g) + " mM, cell " + c.name() + ": traub-rs-m plus gX(G)*(V-EX)",
                        m, c.changes(), AMPLITUDES_PA, 50, 400, 500, 0.1, new NoiseModel(0.3, 5, 3),
                        c.seed() + Math.round(g * 10), null), g, c.name()));
            }
        }
        return list;
    }

    /** traub-rs-m plus {@code current IX = gX * (V - EX)}. */
    static ModelSpec withExtraConductance(ModelSpec base, double gxNs) {
        return base.withCurrent(new CurrentSpec("IX", "gX", "EX", List.of()),
                List.of(new Parameter("gX", gxNs, "nS", 0, 100, true),
                        new Parameter("EX", EX_MV, "mV", -150, 0, true)), List.of());
    }

    /** manifest.csv: file, glucose_mM, cell. */
    public static String manifest() {
        StringBuilder sb = new StringBuilder("file,glucose_mM,cell\n");
        for (Entry e : entries()) {
            sb.append(e.dataSet().name()).append(".atf,").append(e.glucoseMm()).append(',').append(e.cell())
                    .append('\n');
        }
        return sb.toString();
    }

    /** A glucose level as file names and descriptions write it: "5", "2.5". */
    static String level(double g) {
        return g == Math.rint(g) ? Long.toString((long) g) : String.format(Locale.ROOT, "%s", g);
    }
}
