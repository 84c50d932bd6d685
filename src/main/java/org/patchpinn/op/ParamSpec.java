package org.patchpinn.op;

import java.util.List;

/**
 * One parameter of an operation, declared once and used by every host: the CLI option {@code --key},
 * the macro option {@code key=value}, the SciJava {@code @Parameter} field named {@code key}.
 *
 * @param key          lower-case identifier (letters, digits, underscores); also the macro key
 * @param type         what kind of value
 * @param defaultValue text form of the default, "" for none
 * @param required     whether a value must be given
 * @param description  one line for --help and dialogs, with the unit where one applies
 * @param min          smallest allowed value for numbers (NaN: none)
 * @param max          largest allowed value for numbers (NaN: none)
 * @param choices      allowed values for CHOICE
 */
public record ParamSpec(String key, ParamType type, String defaultValue, boolean required, String description,
                        double min, double max, List<String> choices) {

    public ParamSpec {
        if (!key.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("parameter key must be lower_snake_case: " + key);
        }
        choices = List.copyOf(choices);
    }

    public static ParamSpec file(String key, String description) {
        return new ParamSpec(key, ParamType.FILE, "", true, description, Double.NaN, Double.NaN, List.of());
    }

    public static ParamSpec optionalFile(String key, String description) {
        return new ParamSpec(key, ParamType.FILE, "", false, description, Double.NaN, Double.NaN, List.of());
    }

    /** The output folder; optional in Fiji (tables and plots still show), required by some CLI verbs. */
    public static ParamSpec outDir(boolean required) {
        return new ParamSpec("out", ParamType.DIR, "", required, "output folder (created if absent)",
                Double.NaN, Double.NaN, List.of());
    }

    public static ParamSpec string(String key, String defaultValue, String description) {
        return new ParamSpec(key, ParamType.STRING, defaultValue, false, description, Double.NaN, Double.NaN,
                List.of());
    }

    public static ParamSpec number(String key, double defaultValue, double min, double max, String description) {
        return new ParamSpec(key, ParamType.DOUBLE, format(defaultValue), false, description, min, max, List.of());
    }

    public static ParamSpec integer(String key, int defaultValue, int min, int max, String description) {
        return new ParamSpec(key, ParamType.INT, Integer.toString(defaultValue), false, description, min, max,
                List.of());
    }

    public static ParamSpec bool(String key, boolean defaultValue, String description) {
        return new ParamSpec(key, ParamType.BOOLEAN, Boolean.toString(defaultValue), false, description,
                Double.NaN, Double.NaN, List.of());
    }

    public static ParamSpec choice(String key, String defaultValue, String description, String... choices) {
        return new ParamSpec(key, ParamType.CHOICE, defaultValue, false, description, Double.NaN, Double.NaN,
                List.of(choices));
    }

    private static String format(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
