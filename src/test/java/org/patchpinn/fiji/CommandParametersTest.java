package org.patchpinn.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.File;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.patchpinn.op.Operation;
import org.patchpinn.op.Operations;
import org.patchpinn.op.ParamSpec;
import org.patchpinn.op.ParamType;
import org.scijava.Context;
import org.scijava.command.CommandService;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.module.ModuleService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;
import org.scijava.service.Service;
import org.scijava.widget.FileWidget;

/**
 * Parameters are declared once: every host exposes exactly the operation's parameters under the same title, and
 * the Fiji dialog shows each with the ParamSpec's type, label, default, choices and limits.
 */
class CommandParametersTest {

    @Test
    void everyOperationHasAFijiCommandWithTheSameInputs() throws Exception {
        List<String> indexed = pluginIndexClasses();
        try (Context context = new Context(CommandService.class)) {
            CommandService commands = context.getService(CommandService.class);
            for (Operation op : Operations.all()) {
                Class<? extends OperationCommand> type = indexed.stream().map(CommandParametersTest::load)
                        .filter(OperationCommand.class::isAssignableFrom)
                        .map(c -> c.asSubclass(OperationCommand.class))
                        .filter(c -> newCommand(c).operation().verb().equals(op.verb())).findFirst()
                        .orElseThrow(() -> new AssertionError("no Fiji command for verb " + op.verb()));
                assertEquals("Plugins>PatchPINN>" + op.title(), type.getAnnotation(Plugin.class).menuPath(),
                        op.verb());
                for (Field f : type.getDeclaredFields()) {
                    assertTrue(!f.isAnnotationPresent(Parameter.class), type.getSimpleName() + "." + f.getName()
                            + ": declare no @Parameter fields; the inputs are generated from the operation's ParamSpecs");
                }
                Module module = context.getService(ModuleService.class).createModule(commands.getCommand(type));
                Map<String, ModuleItem<?>> inputs = new LinkedHashMap<>();
                for (ModuleItem<?> item : module.getInfo().inputs()) {
                    if (!Service.class.isAssignableFrom(item.getType()) && item.getType() != Context.class) {
                        inputs.put(item.getName(), item);
                    }
                }
                List<String> keys = op.params().stream().map(ParamSpec::key).toList();
                assertEquals(keys, new ArrayList<>(inputs.keySet()), "inputs of " + type.getSimpleName());
                for (ParamSpec p : op.params()) {
                    assertSameAs(p, inputs.get(p.key()), type.getSimpleName() + "." + p.key());
                }
            }
        }
    }

    /** What a user sees in the dialog and a script passes: type, label, default, choices, limits, required. */
    private static void assertSameAs(ParamSpec p, ModuleItem<?> item, String where) {
        boolean number = p.type() == ParamType.INT || p.type() == ParamType.DOUBLE;
        Class<?> expected = switch (p.type()) {
            case FILE, DIR -> File.class;
            case BOOLEAN -> Boolean.class;
            case INT -> Integer.class;
            case DOUBLE -> Double.class;
            case CHOICE, STRING -> String.class;
        };
        if (number && p.defaultValue().isEmpty()) {
            expected = String.class; // may be left empty, which a number widget cannot show
        }
        assertEquals(expected, item.getType(), where);
        assertEquals(CommandInputs.label(p.description()), item.getLabel(), where);
        assertTrue(Character.isUpperCase(item.getLabel().charAt(0)) || !Character.isLetter(item.getLabel().charAt(0)),
                where);
        assertEquals(p.required(), item.isRequired(), where);
        Object def = item.getDefaultValue();
        if (p.defaultValue().isEmpty()) {
            assertTrue(def == null || def.equals(""), where + " default " + def);
        } else if (p.type() == ParamType.DOUBLE) {
            assertEquals(Double.parseDouble(p.defaultValue()), (Double) def, where);
        } else {
            assertEquals(p.defaultValue(), String.valueOf(def), where);
        }
        if (p.type() == ParamType.CHOICE) {
            assertEquals(p.choices(), item.getChoices(), where);
            assertTrue(p.choices().contains(p.defaultValue()), where + ": default is one of the choices");
        } else {
            assertTrue(item.getChoices() == null || item.getChoices().isEmpty(), where);
        }
        if (number && !p.defaultValue().isEmpty()) {
            assertLimit(p.min(), item.getMinimumValue(), where + " min");
            assertLimit(p.max(), item.getMaximumValue(), where + " max");
        }
        if (p.type() == ParamType.FILE) {
            assertEquals(FileWidget.OPEN_STYLE, item.getWidgetStyle(), where);
        } else if (p.type() == ParamType.DIR) {
            assertEquals(FileWidget.DIRECTORY_STYLE, item.getWidgetStyle(), where);
        }
    }

    private static void assertLimit(double expected, Object actual, String where) {
        if (Double.isFinite(expected)) {
            assertEquals(expected, ((Number) actual).doubleValue(), where);
        } else {
            assertTrue(actual == null, where + ": no limit, got " + actual);
        }
    }

    @Test
    void pluginsConfigRegistersEveryOperationUnderItsTitle() throws IOException {
        String config = Files.readString(Path.of("plugins.config"));
        Pattern line = Pattern.compile("^Plugins>PatchPINN, \"([^\"]+)\", org\\.patchpinn\\.ij1\\.PatchPinnPlugIn\\(\"([a-z]+)\"\\)$",
                Pattern.MULTILINE);
        Matcher m = line.matcher(config);
        Set<String> seen = new TreeSet<>();
        while (m.find()) {
            Operation op = Operations.byVerb(m.group(2)).orElseThrow(() -> new AssertionError("unknown verb " + m.group(2)));
            assertEquals(op.title(), m.group(1));
            seen.add(op.verb());
        }
        Set<String> all = new TreeSet<>();
        Operations.all().forEach(o -> all.add(o.verb()));
        assertEquals(all, seen);
    }

    private static List<String> pluginIndexClasses() throws IOException {
        List<String> out = new ArrayList<>();
        try (InputStream in = CommandParametersTest.class.getClassLoader()
                .getResourceAsStream("META-INF/json/org.scijava.plugin.Plugin")) {
            assertTrue(in != null, "annotation processor wrote no plugin index");
            Matcher m = Pattern.compile("\"class\":\"([^\"]+)\"").matcher(new String(in.readAllBytes(),
                    StandardCharsets.UTF_8));
            while (m.find()) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    private static Class<?> load(String className) {
        try {
            return Class.forName(className);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    private static OperationCommand newCommand(Class<? extends OperationCommand> type) {
        try {
            return type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
