package org.patchpinn.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The models shipped with PatchPINN, stored as ordinary model files in the jar so they double as examples
 * of the format: {@code hh-squid}; the cortical regular-spiking cell {@code traub-rs} and {@code traub-rs-m}
 * (with the M-current); the fast-spiking interneuron {@code traub-fs}; {@code traub-rs-a} (A-type K+ current:
 * delayed first spike) and {@code traub-rs-h} (Ih: sag). Each file names its literature source in its header.
 */
public final class BuiltinModels {
    public static final List<String> NAMES = List.of("hh-squid", "traub-rs", "traub-rs-m", "traub-fs",
            "traub-rs-a", "traub-rs-h");

    private BuiltinModels() {
    }

    /** A built-in model by name. */
    public static ModelSpec get(String name) {
        return ModelFileParser.parse(text(name), name + ".model");
    }

    /** The model-file text of a built-in model. */
    public static String text(String name) {
        if (!NAMES.contains(name)) {
            throw new ModelException("no built-in model '" + name + "' (built-in: " + String.join(", ", NAMES)
                    + "; or give a model file)");
        }
        try (InputStream in = BuiltinModels.class.getResourceAsStream(name + ".model")) {
            if (in == null) {
                throw new IllegalStateException("built-in model resource missing: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A built-in name, or else the path of a model file. */
    public static ModelSpec resolve(String nameOrFile) {
        String s = nameOrFile.trim();
        if (NAMES.contains(s.toLowerCase(Locale.ROOT))) {
            return get(s.toLowerCase(Locale.ROOT));
        }
        Path p = Path.of(s);
        if (!Files.isRegularFile(p)) {
            throw new ModelException("'" + s + "' is neither a built-in model (" + String.join(", ", NAMES)
                    + ") nor an existing model file");
        }
        return ModelFileParser.parse(p);
    }
}
