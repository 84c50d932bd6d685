package org.patchpinn.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchpinn.PatchPinnException;

class OutputFolderTest {
    @TempDir
    Path tmp;

    private static Map<String, OutputFolder.Body> files(String... nameText) {
        Map<String, OutputFolder.Body> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < nameText.length; i += 2) {
            m.put(nameText[i], OutputFolder.text(nameText[i + 1]));
        }
        return m;
    }

    @Test
    void anOutputThatIsAnInputOfTheRunIsRefusedAndTheInputKept() throws IOException {
        Path input = tmp.resolve("simulated.atf");
        Files.writeString(input, "the input");
        OutputFolder out = new OutputFolder(tmp);
        PatchPinnException e = assertThrows(PatchPinnException.class,
                () -> out.writeRun("simulate", files("simulated.atf", "new", "result.json", "{}"), List.of(input)));
        assertTrue(e.getMessage().contains("input") && e.getMessage().contains("simulated.atf"), e.getMessage());
        assertEquals("the input", Files.readString(input));
        assertFalse(Files.exists(tmp.resolve("result.json")), "nothing written");
    }

    @Test
    void anotherVerbsResultIsNotReplaced() throws IOException {
        OutputFolder out = new OutputFolder(tmp);
        out.writeRun("fit", files("result.json", "fit", "learned.csv", "V,z"), List.of());
        PatchPinnException e = assertThrows(PatchPinnException.class, () -> out.writeRun("sr",
                files("result.json", "sr", "pareto.csv", "x"), List.of(tmp.resolve("learned.csv"))));
        assertTrue(e.getMessage().contains("result of fit"), e.getMessage());
        assertEquals("fit", Files.readString(tmp.resolve("result.json")));
        assertFalse(Files.exists(tmp.resolve("pareto.csv")));
    }

    @Test
    void aUsersOwnFileIsNotReplaced() throws IOException {
        Files.writeString(tmp.resolve("result.json"), "mine");
        assertThrows(PatchPinnException.class,
                () -> new OutputFolder(tmp).writeRun("features", files("result.json", "x"), List.of()));
        assertEquals("mine", Files.readString(tmp.resolve("result.json")));
    }

    @Test
    void aReRunReplacesItsOwnOutputsAndRemovesTheStaleOnes() throws IOException {
        OutputFolder out = new OutputFolder(tmp);
        out.writeRun("fit", files("result.json", "1", "learned.csv", "a", "learned_z2.csv", "b", "fitted.model", "m"),
                List.of());
        Files.writeString(tmp.resolve("notes.txt"), "the user's");
        out.writeRun("fit", files("result.json", "2", "learned.csv", "c"), List.of());
        assertEquals("2", Files.readString(tmp.resolve("result.json")));
        assertEquals("c", Files.readString(tmp.resolve("learned.csv")));
        assertFalse(Files.exists(tmp.resolve("learned_z2.csv")), "stale output of the previous run removed");
        assertFalse(Files.exists(tmp.resolve("fitted.model")), "stale output of the previous run removed");
        assertEquals("the user's", Files.readString(tmp.resolve("notes.txt")), "files of others are kept");
    }

    @Test
    void aRenameFailingMidwayLeavesTheFolderAsItWas() throws IOException {
        new OutputFolder(tmp).writeRun("fit", files("a.csv", "old a", "b.csv", "old b", "c.csv", "old c"), List.of());
        AtomicInteger moves = new AtomicInteger();
        OutputFolder failing = new OutputFolder(tmp, (from, to) -> {
            if (moves.incrementAndGet() == 4) { // after a.csv is in place and b.csv's old copy is set aside
                throw new IOException("disk full (simulated)");
            }
            OutputFolder.atomicMove(from, to);
        });
        PatchPinnException e = assertThrows(PatchPinnException.class,
                () -> failing.writeRun("fit", files("a.csv", "new a", "b.csv", "new b", "c.csv", "new c"), List.of()));
        assertTrue(e.getMessage().contains("no output of this run was kept"), e.getMessage());
        assertEquals("old a", Files.readString(tmp.resolve("a.csv")));
        assertEquals("old b", Files.readString(tmp.resolve("b.csv")));
        assertEquals("old c", Files.readString(tmp.resolve("c.csv")));
        try (var list = Files.list(tmp)) {
            assertTrue(list.noneMatch(p -> p.getFileName().toString().endsWith(".part")), "no temporary files left");
        }
    }

    @Test
    void namesFromModelsOrRecordingsStayInsideTheFolder() throws IOException {
        OutputFolder out = new OutputFolder(tmp.resolve("out"));
        List<Path> written = out.writeAll(files("../escape.model", "x", "/etc/passwd", "y", ".hidden", "z"));
        for (Path p : written) {
            assertEquals(tmp.resolve("out"), p.getParent(), p.toString());
        }
        assertFalse(Files.exists(tmp.resolve("escape.model")));
        for (String bad : List.of("../escape.model", "/etc/passwd", "..", "a\\b", "x\u0000y")) {
            String safe = OutputFolder.safeName(bad);
            assertTrue(!safe.contains("/") && !safe.contains("\\") && !safe.startsWith(".")
                    && safe.chars().noneMatch(Character::isISOControl), bad + " -> " + safe);
        }
        assertEquals("_hidden", OutputFolder.safeName(".hidden"));
        assertEquals("model_glucose_5.0 mM.model", OutputFolder.safeName("model_glucose_5.0 mM.model"));
    }
}
