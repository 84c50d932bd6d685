package org.patchpinn.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchpinn.InvalidParameterException;
import org.patchpinn.report.Table;
import org.patchpinn.task.Progress;

/** batch on the thread pool: result folders, the combined table, failed rows, resume by content hash. */
class BatchOperationTest {
    static final Path GLUCOSE = Path.of("../shared/bench/public/glucose");

    @TempDir
    Path dir;

    @BeforeEach
    void copyRecordings() throws Exception {
        for (String f : new String[] {"cell1_G0.5.atf", "cell1_G10.atf", "cell2_G5.atf"}) {
            Files.copy(GLUCOSE.resolve(f), dir.resolve(f));
        }
        Files.writeString(dir.resolve("corrupt.atf"), "ATF\t1.0\nthis is not a recording\n");
        Files.writeString(dir.resolve("manifest.csv"), "file,glucose_mM,cell\ncell1_G0.5.atf,0.5,1\n"
                + "cell1_G10.atf,10,1\ncell2_G5.atf,5,2\ncorrupt.atf,1,3\nmissing.atf,1,4\n");
    }

    private OperationResult batch(String... extra) {
        BatchOperation op = new BatchOperation();
        String[] kv = new String[6 + extra.length];
        System.arraycopy(new String[] {"manifest", dir.resolve("manifest.csv").toString(), "out",
                dir.resolve("out").toString(), "threads", "2"}, 0, kv, 0, 6);
        System.arraycopy(extra, 0, kv, 6, extra.length);
        return op.run(ParamValues.of(op.params(), kv), Progress.NONE);
    }

    private static int rowOf(Table t, String file) {
        for (int r = 0; r < t.rowCount(); r++) {
            if (file.equals(t.get(r, "file"))) {
                return r;
            }
        }
        throw new AssertionError("no row for " + file);
    }

    @Test
    void featuresOfEveryRecordingWithFailedRowsAndAResumeByContent() throws Exception {
        OperationResult first = batch("run", "features");
        Table t = first.tables().get(0).table();
        assertEquals(5, t.rowCount());
        assertEquals("ok", t.get(rowOf(t, "cell1_G10.atf"), "status"));
        assertEquals("failed", t.get(rowOf(t, "corrupt.atf"), "status"));
        assertTrue(String.valueOf(t.get(rowOf(t, "corrupt.atf"), "error")).contains("corrupt.atf"),
                String.valueOf(t.get(rowOf(t, "corrupt.atf"), "error")));
        assertEquals("excluded", t.get(rowOf(t, "missing.atf"), "status"));
        double rheobase = t.getNumber(rowOf(t, "cell1_G10.atf"), "cell.rheobase");
        assertEquals(150, rheobase, 1e-9, "rheobase (pA), as features gives for this file alone");
        assertTrue(Files.isRegularFile(dir.resolve("out/recordings/cell1_G10.atf/features.csv")));
        assertEquals(4, first.json().get("computed").getAsInt());

        // the failed recording is retried, the others come back from their saved results
        OperationResult second = batch("run", "features");
        assertEquals(1, second.json().get("computed").getAsInt());
        Table t2 = second.tables().get(0).table();
        assertEquals(rheobase, t2.getNumber(rowOf(t2, "cell1_G10.atf"), "cell.rheobase"));

        // new content under the same name (and the same size) is analysed again
        Files.copy(GLUCOSE.resolve("cell2_G10.atf"), dir.resolve("cell1_G10.atf"), StandardCopyOption.REPLACE_EXISTING);
        assertEquals(2, batch("run", "features").json().get("computed").getAsInt());
        // other settings: everything runs again
        assertEquals(4, batch("run", "features", "args", "min_peak=-10").json().get("computed").getAsInt());
    }

    @Test
    void fitOfEveryRecordingGivesItsParametersInTheCombinedTable() throws Exception {
        SimulateOperation sim = new SimulateOperation();
        Path simDir = dir.resolve("sim");
        sim.run(ParamValues.of(sim.params(), "values", "gK=3300", "amplitudes", "400,800,650", "start_ms", "20",
                "duration_ms", "100", "total_ms", "150", "dt_ms", "0.1", "noise_mv", "0.3", "out",
                simDir.toString()), Progress.NONE).writeTo(new org.patchpinn.report.OutputFolder(simDir));
        Files.copy(simDir.resolve("simulated.atf"), dir.resolve("squid.atf"));
        Files.writeString(dir.resolve("manifest.csv"), "file,glucose_mM,cell\nsquid.atf,1,1\n");
        OperationResult r = batch("run", "fit", "args", "fit=gK max_evaluations=150 ci=false");
        Table t = r.tables().get(0).table();
        assertEquals("ok", t.get(0, "status"), String.valueOf(t.get(0, "error")));
        assertEquals(3300, t.getNumber(0, "parameters.gK"), 33, "gK (nS) as fit finds it alone");
        assertTrue(t.getNumber(0, "validation.holdout_gamma") > 0.9);
        assertTrue(Files.isRegularFile(dir.resolve("out/recordings/squid.atf/fitted.model")));
    }

    @Test
    void badArgumentsAreRefusedBeforeAnythingRuns() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> batch("run", "fit", "args", "methdo=classic"));
        assertTrue(e.getMessage().contains("fit has no option 'methdo'"), e.getMessage());
        assertThrows(InvalidParameterException.class, () -> batch("run", "fit", "args", "file=x.abf"));
        assertThrows(InvalidParameterException.class, () -> batch("run", "fit", "args", "classic"));
        assertThrows(InvalidParameterException.class, () -> batch("engine", "hadoop"));
    }
}
