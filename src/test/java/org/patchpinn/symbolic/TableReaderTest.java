package org.patchpinn.symbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tables in, clear errors for what users get wrong. */
class TableReaderTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static String rows(int n, String yFormat) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            double v = -100 + 10 * i;
            sb.append(v).append(',').append(0.5 + i).append(',').append(String.format(yFormat, 1 / (1 + Math.exp(-(v + 35) / 10))))
                    .append('\n');
        }
        return sb.toString();
    }

    @Test
    void readsColumnsByNameWithOrWithoutUnits() throws IOException {
        Path p = write("learned.csv", "\"V (mV)\",\"G (mM)\",\"z_inf\"\n" + rows(12, "%.6f"));
        Dataset d = TableReader.read(p, List.of("V"), "z_inf");
        assertEquals(List.of("V"), d.variables());
        assertEquals(List.of("mV"), d.units());
        assertEquals(12, d.size());
        assertEquals(-90, d.x()[0][1], 0);
        Dataset all = TableReader.read(p, List.of(), "");
        assertEquals(List.of("V", "G"), all.variables());
        assertEquals("z_inf", all.target());
    }

    @Test
    void tooFewRows() throws IOException {
        Path p = write("short.csv", "V,y\n" + rows(3, "%.6f").replaceAll(",[0-9.]+,", ","));
        SymbolicDataException e = assertThrows(SymbolicDataException.class, () -> TableReader.read(p, List.of("V"), "y"));
        assertTrue(e.getMessage().contains("short.csv") && e.getMessage().contains("at least"), e.getMessage());
    }

    @Test
    void nanNamesLineAndColumn() throws IOException {
        Path p = write("nan.csv", "V,G,y\n" + rows(10, "%.6f") + "20,3,NaN\n");
        SymbolicDataException e = assertThrows(SymbolicDataException.class, () -> TableReader.read(p, List.of("V"), "y"));
        assertTrue(e.getMessage().contains("nan.csv") && e.getMessage().contains("line 12")
                && e.getMessage().contains("'y'"), e.getMessage());
        Path text = write("text.csv", "V,G,y\n" + rows(10, "%.6f") + "20,abc,1\n");
        e = assertThrows(SymbolicDataException.class, () -> TableReader.read(text, List.of("V", "G"), "y"));
        assertTrue(e.getMessage().contains("'G'") && e.getMessage().contains("abc"), e.getMessage());
    }

    @Test
    void constantOutput() throws IOException {
        Path p = write("flat.csv", "V,G,y\n" + rows(10, "%.6f").replaceAll(",[0-9.]+\n", ",2.5\n"));
        SymbolicDataException e = assertThrows(SymbolicDataException.class, () -> TableReader.read(p, List.of("V"), "y"));
        assertTrue(e.getMessage().contains("flat.csv") && e.getMessage().contains("constant"), e.getMessage());
    }

    @Test
    void unknownColumn() throws IOException {
        Path p = write("t.csv", "V,G,y\n" + rows(10, "%.6f"));
        SymbolicDataException e = assertThrows(SymbolicDataException.class, () -> TableReader.read(p, List.of("Vm"), "y"));
        assertTrue(e.getMessage().contains("t.csv") && e.getMessage().contains("'Vm'")
                && e.getMessage().contains("[V, G, y]"), e.getMessage());
        e = assertThrows(SymbolicDataException.class, () -> TableReader.read(p, List.of("V"), "tau"));
        assertTrue(e.getMessage().contains("'tau'"), e.getMessage());
    }
}
