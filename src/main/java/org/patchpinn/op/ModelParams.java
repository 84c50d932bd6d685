package org.patchpinn.op;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.patchpinn.InvalidParameterException;
import org.patchpinn.model.BuiltinModels;
import org.patchpinn.model.ModelException;
import org.patchpinn.model.ModelSpec;

/** Parameter parsing shared by the model verbs (simulate, fit): model name or file, value overrides, name lists. */
final class ModelParams {
    private ModelParams() {
    }

    /** The model named by a parameter (built-in name or model file), errors reported against that parameter. */
    static ModelSpec model(ParamValues values, String key) {
        try {
            return BuiltinModels.resolve(values.string(key));
        } catch (ModelException e) {
            throw new InvalidParameterException(key, e.getMessage());
        }
    }

    /** Applies "gNa=12000, Cm=120" to the model (checked against names and bounds). */
    static ModelSpec withValues(ModelSpec m, ParamValues values, String key) {
        Map<String, Double> set = assignments(values.string(key), key);
        ModelSpec out = m;
        for (Map.Entry<String, Double> e : set.entrySet()) {
            try {
                out = out.withValue(e.getKey(), e.getValue());
            } catch (ModelException ex) {
                throw new InvalidParameterException(key, ex.getMessage());
            }
        }
        return out;
    }

    static Map<String, Double> assignments(String text, String key) {
        Map<String, Double> out = new LinkedHashMap<>();
        pairs(text, key, "name=value pairs like gNa=12000,EK=-77").forEach((name, value) -> {
            try {
                out.put(name, Double.parseDouble(value));
            } catch (NumberFormatException e) {
                throw new InvalidParameterException(key, "'" + value + "' is not a number (in '" + name + "="
                        + value + "')");
            }
        });
        return out;
    }

    /** "epochs=2000, device=gpu" → text values by key. */
    static Map<String, String> options(String text, String key) {
        return pairs(text, key, "key=value pairs like epochs=2000");
    }

    /** Splits "a=1, b=2" (commas or semicolons) into trimmed text values by name, in order. */
    private static Map<String, String> pairs(String text, String key, String expected) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String part : text.split("[,;]")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new InvalidParameterException(key, "expected " + expected + ", got '" + p + "'");
            }
            out.put(p.substring(0, eq).trim(), p.substring(eq + 1).trim());
        }
        return out;
    }

    /** "gNa, gK gL" → the names as written (commas, semicolons or spaces between them), unchecked. */
    static List<String> listed(String text) {
        return Arrays.stream(text.split("[,;\\s]+")).filter(n -> !n.isBlank()).toList();
    }

    /** "gNa, gK gL" → names; each must be a parameter of the model. */
    static List<String> names(ModelSpec m, String text, String key) {
        List<String> out = new ArrayList<>();
        for (String n : listed(text)) {
            if (!m.hasParameter(n)) {
                throw new InvalidParameterException(key, "model " + m.name() + " has no parameter '" + n
                        + "' (parameters: " + String.join(", ", m.parameterNames()) + ")");
            }
            out.add(n);
        }
        return out;
    }
}
