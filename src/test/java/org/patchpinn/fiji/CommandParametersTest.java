package org.patchpinn.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.patchpinn.op.Operation;
import org.patchpinn.op.Operations;
import org.patchpinn.op.ParamSpec;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/** Parameters are declared once: every host must expose exactly the operation's keys under the same title. */
class CommandParametersTest {

    @Test
    void everyOperationHasAFijiCommandWithTheSameParameterNames() throws Exception {
        List<String> indexed = pluginIndexClasses();
        for (Operation op : Operations.all()) {
            OperationCommand cmd = indexed.stream().map(CommandParametersTest::load)
                    .filter(OperationCommand.class::isInstance).map(OperationCommand.class::cast)
                    .filter(c -> c.operation().verb().equals(op.verb())).findFirst()
                    .orElseThrow(() -> new AssertionError("no Fiji command for verb " + op.verb()));
            Plugin plugin = cmd.getClass().getAnnotation(Plugin.class);
            assertEquals("Plugins>PatchPINN>" + op.title(), plugin.menuPath(), op.verb());
            Set<String> fields = new TreeSet<>();
            for (Field f : cmd.getClass().getDeclaredFields()) {
                if (f.isAnnotationPresent(Parameter.class)) {
                    fields.add(f.getName());
                }
            }
            Set<String> keys = new TreeSet<>();
            op.params().stream().map(ParamSpec::key).forEach(keys::add);
            assertEquals(keys, fields, "@Parameter fields of " + cmd.getClass().getSimpleName());
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

    private static Object load(String className) {
        try {
            return Class.forName(className).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
