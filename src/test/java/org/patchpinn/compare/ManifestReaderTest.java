package org.patchpinn.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchpinn.InvalidParameterException;

class ManifestReaderTest {
    @TempDir
    Path dir;

    private Path manifest(String... lines) throws Exception {
        Files.createDirectories(dir.resolve("data"));
        for (String f : List.of("a.atf", "b.atf", "c.atf", "d.atf")) {
            Files.writeString(dir.resolve("data").resolve(f), "x");
        }
        return Files.write(dir.resolve("m.csv"), List.of(lines));
    }

    @Test
    void readsFilesRelativeToTheManifestWithConditionCellAndCovariates() throws Exception {
        Path m = manifest("\uFEFFfile,glucose_mM,cell,minutes", "data/a.atf,0.5,1,12", "\"data/b.atf\",10,1,30",
                "data/c.atf,0.5,2,15", "data/d.atf,10,2,");
        Manifest man = ManifestReader.read(m, "glucose_mM");
        assertEquals(4, man.usable().size());
        ManifestEntry a = man.entries().get(0);
        assertEquals(dir.resolve("data/a.atf").toAbsolutePath(), a.file());
        assertEquals(0.5, a.condition());
        assertEquals("1", a.cell());
        assertEquals(Map.of("minutes", "12"), a.covariates());
        assertEquals(List.of("minutes"), man.covariateColumns());
        assertTrue(man.warnings().isEmpty());
    }

    @Test
    void anUnknownConditionColumnNamesTheColumnsThatExist() throws Exception {
        Path m = manifest("file,glucose_mM,cell", "data/a.atf,1,1");
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> ManifestReader.read(m, "glucose"));
        assertTrue(e.getMessage().contains("'glucose'") && e.getMessage().contains("glucose_mM"), e.getMessage());
        assertThrows(InvalidParameterException.class, () -> ManifestReader.read(manifest("path,glucose_mM"), "glucose_mM"));
    }

    @Test
    void badRowsCarryTheirProblemAndTheRestStaysUsable() throws Exception {
        Path m = manifest("file,glucose_mM,cell", "data/a.atf,1,1", "data/missing.atf,1,1", "data/b.atf,high,1",
                "data/c.atf,5,2", "data/a.atf,5,2", "data/d.atf,7,");
        Manifest man = ManifestReader.read(m, "glucose_mM");
        assertEquals(3, man.usable().size());
        assertTrue(man.entries().get(1).problem().startsWith("file not found"), man.entries().get(1).problem());
        assertTrue(man.entries().get(1).problem().contains("missing.atf"));
        assertTrue(man.entries().get(2).problem().contains("not a number: 'high'"));
        assertTrue(man.entries().get(4).problem().contains("same file as row 1"));
        assertEquals("row6", man.entries().get(5).cell(), "a row without a cell is a cell of its own");
        // 1 mM, 5 mM and 7 mM each have a single usable recording
        assertEquals(3, man.warnings().size(), man.warnings().toString());
        assertTrue(man.warnings().get(0).contains("glucose_mM = 1 has only one recording"), man.warnings().toString());
    }

    @Test
    void fileNamesCanBeRelativeToAnotherFolder() throws Exception {
        Path m = manifest("file,glucose_mM,cell", "a.atf,1,1");
        assertTrue(ManifestReader.read(m, "glucose_mM").entries().get(0).problem().startsWith("file not found"));
        Manifest man = ManifestReader.read(m, "glucose_mM", dir.resolve("data"));
        assertEquals(1, man.usable().size());
    }

    @Test
    void anEmptyManifestIsAnError() throws Exception {
        Path m = manifest("# nothing");
        assertThrows(InvalidParameterException.class, () -> ManifestReader.read(m, "glucose_mM"));
    }
}
