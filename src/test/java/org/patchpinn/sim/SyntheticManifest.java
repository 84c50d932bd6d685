package org.patchpinn.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.patchpinn.model.BuiltinModels;
import org.patchpinn.model.ModelSpec;

/**
 * A large glucose-style data set for batch benchmarks: {@code cells} simulated cells (each its own capacitance,
 * leak and resting potential) recorded at every glucose level, the extra conductance following
 * {@link GlucoseTestData#gxNs}; written as ATF files with manifest.csv (file, glucose_mM, cell).
 */
public final class SyntheticManifest {
    public static final double[] LEVELS_MM = {0.5, 1, 2.5, 5, 10};

    private SyntheticManifest() {
    }

    /** Writes the recordings that are missing and returns the manifest. */
    public static Path write(Path folder, int cells, long seed) throws IOException {
        Files.createDirectories(folder);
        Random rnd = new Random(seed);
        StringBuilder manifest = new StringBuilder("file,glucose_mM,cell\n");
        for (int c = 1; c <= cells; c++) {
            Map<String, Double> changes = Map.of("Cm", 80 + 60 * rnd.nextDouble(), "gL", 2 + 2 * rnd.nextDouble(),
                    "EL", -72 + 8 * rnd.nextDouble());
            for (double g : LEVELS_MM) {
                ModelSpec m = GlucoseTestData.withExtraConductance(BuiltinModels.get("traub-rs-m"),
                        GlucoseTestData.gxNs(g));
                String name = String.format(Locale.ROOT, "cell%03d_G%s.atf", c, g);
                Path file = folder.resolve(name);
                if (!Files.isRegularFile(file)) {
                    TestDataGenerator.DataSet d = new TestDataGenerator.DataSet(name, "synthetic", m, changes,
                            GlucoseTestData.AMPLITUDES_PA, 50, 400, 500, 0.1, new NoiseModel(0.3, 5, 3),
                            seed * 1000 + c * 10L + Math.round(g * 10), null);
                    Files.write(file, TestDataGenerator.atf(d));
                }
                manifest.append(name).append(',').append(g).append(',').append(c).append('\n');
            }
        }
        return Files.writeString(folder.resolve("manifest.csv"), manifest.toString());
    }
}
