package org.patchpinn.op;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.patchpinn.InvalidParameterException;
import org.patchpinn.batch.InputLocation;
import org.patchpinn.numeric.Numbers;

/**
 * The values given to an operation, checked against its {@link ParamSpec}s once, whichever host they came
 * from: unknown keys, missing required values, malformed numbers and out-of-range values are rejected with
 * a message naming the parameter.
 */
public final class ParamValues {
    private final Map<String, ParamSpec> specs = new LinkedHashMap<>();
    private final Map<String, String> values = new LinkedHashMap<>();

    public ParamValues(List<ParamSpec> specList, Map<String, String> given) {
        for (ParamSpec s : specList) {
            specs.put(s.key(), s);
        }
        for (Map.Entry<String, String> e : given.entrySet()) {
            if (!specs.containsKey(e.getKey())) {
                throw new InvalidParameterException(e.getKey(), "unknown parameter; known: "
                        + String.join(", ", specs.keySet()));
            }
        }
        for (ParamSpec s : specList) {
            String v = given.get(s.key());
            if (v == null || v.isEmpty()) {
                v = s.defaultValue();
            }
            if (s.required() && v.isEmpty()) {
                throw new InvalidParameterException(s.key(), "a value is required (" + s.description() + ")");
            }
            values.put(s.key(), v);
            check(s, v);
        }
    }

    public static ParamValues of(List<ParamSpec> specs, String... keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return new ParamValues(specs, m);
    }

    private static void check(ParamSpec s, String v) {
        if (v.isEmpty()) {
            return;
        }
        switch (s.type()) {
            case INT, DOUBLE -> {
                double d = parseNumber(s.key(), v);
                if (s.type() == ParamType.INT && d != Math.rint(d)) {
                    throw new InvalidParameterException(s.key(), "must be a whole number, got " + v);
                }
                if (!Double.isNaN(s.min()) && d < s.min()) {
                    throw new InvalidParameterException(s.key(), v + " is below the minimum " + s.min());
                }
                if (!Double.isNaN(s.max()) && d > s.max()) {
                    throw new InvalidParameterException(s.key(), v + " is above the maximum " + s.max());
                }
            }
            case BOOLEAN -> parseBoolean(s.key(), v);
            case CHOICE -> {
                if (!s.choices().contains(v)) {
                    throw new InvalidParameterException(s.key(), "'" + v + "' is not one of " + s.choices());
                }
            }
            case FILE -> {
                // a local path or file: URI must exist; hdfs://, s3a:// ... are checked by the engine reading them
                Path local = InputLocation.localPath(v);
                if (local != null && !Files.isRegularFile(local)) {
                    throw new InvalidParameterException(s.key(), "no such file: " + v);
                }
            }
            default -> { }
        }
    }

    private static double parseNumber(String key, String v) {
        double d = Numbers.parseFinite(v);
        if (Double.isNaN(d)) {
            throw new InvalidParameterException(key, "not a finite number: '" + v + "'");
        }
        return d;
    }

    private static boolean parseBoolean(String key, String v) {
        switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true": case "yes": case "1": case "on": return true;
            case "false": case "no": case "0": case "off": return false;
            default: throw new InvalidParameterException(key, "not true/false: '" + v + "'");
        }
    }

    private String raw(String key) {
        if (!specs.containsKey(key)) {
            throw new IllegalArgumentException("operation has no parameter " + key);
        }
        return values.get(key);
    }

    public boolean isSet(String key) {
        return !raw(key).isEmpty();
    }

    public String string(String key) {
        return raw(key);
    }

    /** The files given as FILE parameters: what a run reads, so its outputs must not replace them. */
    public List<Path> inputFiles() {
        List<Path> out = new ArrayList<>();
        for (ParamSpec s : specs.values()) {
            Path local = raw(s.key()).isEmpty() ? null : InputLocation.localPath(raw(s.key()));
            if (s.type() == ParamType.FILE && local != null) {
                out.add(local);
            }
        }
        return out;
    }

    /**
     * The local path (a file: URI becomes one), or null when not given; a URI of another file system (hdfs://,
     * s3a://) is refused: only {@link #string} users that read through an engine (batch, compare) take those.
     */
    public Path path(String key) {
        String v = raw(key);
        if (v.isEmpty()) {
            return null;
        }
        Path p = InputLocation.localPath(v);
        if (p == null) {
            throw new InvalidParameterException(key, v + " is not on this machine's file system; only batch and "
                    + "compare with --engine spark read hdfs://, s3a:// ... locations");
        }
        return p;
    }

    public double number(String key) {
        String v = raw(key);
        return v.isEmpty() ? Double.NaN : parseNumber(key, v);
    }

    public int integer(String key) {
        return (int) number(key);
    }

    public boolean bool(String key) {
        return parseBoolean(key, raw(key));
    }

    /**
     * A list of sweep indices, "0,2,3" or ranges "0-3"; empty for "" or "all".
     */
    public List<Integer> indices(String key) {
        String v = raw(key).trim();
        if (v.isEmpty() || v.equalsIgnoreCase("all")) {
            return List.of();
        }
        List<Integer> out = new ArrayList<>();
        for (String part : v.split("[,;\\s]+")) {
            try {
                int dash = part.indexOf('-', 1);
                if (dash > 0) {
                    int a = Integer.parseInt(part.substring(0, dash));
                    int b = Integer.parseInt(part.substring(dash + 1));
                    if (b < a) {
                        throw new NumberFormatException();
                    }
                    for (int i = a; i <= b; i++) {
                        out.add(i);
                    }
                } else {
                    out.add(Integer.parseInt(part));
                }
            } catch (NumberFormatException e) {
                throw new InvalidParameterException(key, "not a list of indices like 0,2,4-6: '" + v + "'");
            }
        }
        if (out.stream().anyMatch(i -> i < 0)) {
            throw new InvalidParameterException(key, "indices must not be negative: '" + v + "'");
        }
        return Collections.unmodifiableList(out);
    }

    /** Every value as text, for result.json (so a run can be replayed). */
    public Map<String, String> asMap() {
        return Collections.unmodifiableMap(values);
    }

    @Override
    public String toString() {
        return values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
    }
}
