package org.patchpinn.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchpinn.testing.SharedData;
import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.module.ModuleService;

/** The SciJava commands run headless as Fiji scripts run them: parameters by name, files written. */
class FijiCommandTest {
    @TempDir
    Path tmp;

    @Test
    void exportRecordingCommandRunsHeadless() throws Exception {
        Path out = tmp.resolve("export");
        try (Context context = new Context(CommandService.class)) {
            run(context, ExportRecordingCommand.class,
                    "file", SharedData.path("bench/public/squid_steps.atf").toFile(), "out", out.toFile());
        }
        assertTrue(Files.isRegularFile(out.resolve("recording.json")));
        List<String> sweep = Files.readAllLines(out.resolve("sweep_3.csv"));
        assertEquals("time (ms),Vm (mV),command (pA)", sweep.get(0));
    }

    @Test
    void openRecordingCommandWritesItsTableWhenGivenAFolder() throws Exception {
        Path out = tmp.resolve("open");
        try (Context context = new Context(CommandService.class)) {
            run(context, OpenRecordingCommand.class,
                    "file", new File(SharedData.path("bench/public/glucose/cell1_G5.atf").toString()),
                    "out", out.toFile());
        }
        assertTrue(Files.readString(out.resolve("recording.csv")).contains("sweeps,2"));
    }

    /** Inputs left out take the operation's defaults; optional numbers left empty mean "from the data". */
    @Test
    void summaryStatisticsRunsWithItsDefaults() throws Exception {
        Path out = tmp.resolve("features");
        try (Context context = new Context(CommandService.class)) {
            run(context, SummaryStatisticsCommand.class,
                    "file", SharedData.path("bench/public/squid_steps.atf").toFile(), "out", out.toFile());
        }
        String json = Files.readString(out.resolve("result.json"));
        assertTrue(json.contains("\"dvdt_threshold_V_per_s\": 20.0"), json.substring(0, 400));
        assertTrue(json.contains("\"from_command\": true"), json.substring(0, 600));
        assertTrue(Files.isRegularFile(out.resolve("features.csv")));
    }

    /**
     * Runs a command as a Fiji script should: through the ModuleService. Our commands are DynamicCommands
     * (modules themselves), for which {@code CommandService.run(...)} runs but returns a null Future.
     */
    private static void run(Context context, Class<? extends OperationCommand> type, Object... inputs)
            throws Exception {
        CommandInfo info = context.getService(CommandService.class).getCommand(type);
        context.getService(ModuleService.class).run(info, true, inputs).get();
    }
}
