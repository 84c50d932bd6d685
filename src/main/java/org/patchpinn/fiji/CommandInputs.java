package org.patchpinn.fiji;

import java.io.File;
import java.util.Locale;
import java.util.function.DoubleFunction;
import java.util.function.Function;
import org.patchpinn.op.ParamSpec;
import org.patchpinn.op.ParamType;
import org.scijava.module.DefaultMutableModuleItem;
import org.scijava.module.ModuleInfo;
import org.scijava.module.MutableModuleItem;
import org.scijava.widget.FileWidget;

/** Builds the SciJava input of one {@link ParamSpec}: what a hand-written {@code @Parameter} field would declare. */
final class CommandInputs {
    private CommandInputs() {
    }

    static MutableModuleItem<?> item(ModuleInfo info, ParamSpec p) {
        // A number without a default is optional ("empty: from the data"): a text field can be left empty, a
        // number widget cannot, so such a number is asked for as text and checked by ParamValues like any other.
        boolean optionalNumber = (p.type() == ParamType.INT || p.type() == ParamType.DOUBLE)
                && p.defaultValue().isEmpty();
        MutableModuleItem<?> item = optionalNumber ? typed(info, p, String.class, "") : switch (p.type()) {
            case FILE -> file(info, p, FileWidget.OPEN_STYLE);
            case DIR -> file(info, p, FileWidget.DIRECTORY_STYLE);
            case BOOLEAN -> typed(info, p, Boolean.class, Boolean.valueOf(p.defaultValue()));
            case INT -> number(info, p, Integer.class, Integer::valueOf, v -> (int) v);
            case DOUBLE -> number(info, p, Double.class, Double::valueOf, v -> v);
            case CHOICE -> {
                MutableModuleItem<String> s = typed(info, p, String.class, p.defaultValue());
                s.setChoices(p.choices());
                yield s;
            }
            case STRING -> typed(info, p, String.class, p.defaultValue());
        };
        item.setLabel(label(p.description()));
        item.setDescription(p.description());
        item.setRequired(p.required());
        return item;
    }

    /** The dialog label: the --help description with a capital first letter. */
    static String label(String description) {
        return description.isEmpty() ? description
                : description.substring(0, 1).toUpperCase(Locale.ROOT) + description.substring(1);
    }

    private static MutableModuleItem<File> file(ModuleInfo info, ParamSpec p, String style) {
        MutableModuleItem<File> item = typed(info, p, File.class,
                p.defaultValue().isEmpty() ? null : new File(p.defaultValue()));
        item.setWidgetStyle(style);
        return item;
    }

    private static <T extends Number> MutableModuleItem<T> number(ModuleInfo info, ParamSpec p, Class<T> type,
            Function<String, T> parse, DoubleFunction<T> limit) {
        MutableModuleItem<T> item = typed(info, p, type, p.defaultValue().isEmpty() ? null
                : parse.apply(p.defaultValue()));
        if (Double.isFinite(p.min())) {
            item.setMinimumValue(limit.apply(p.min()));
        }
        if (Double.isFinite(p.max())) {
            item.setMaximumValue(limit.apply(p.max()));
        }
        return item;
    }

    private static <T> MutableModuleItem<T> typed(ModuleInfo info, ParamSpec p, Class<T> type, T defaultValue) {
        MutableModuleItem<T> item = new DefaultMutableModuleItem<>(info, p.key(), type);
        item.setDefaultValue(defaultValue);
        return item;
    }
}
