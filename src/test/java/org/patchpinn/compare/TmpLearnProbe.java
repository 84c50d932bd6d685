package org.patchpinn.compare;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.patchpinn.op.CompareOperation;
import org.patchpinn.op.OperationResult;
import org.patchpinn.op.ParamValues;
import org.patchpinn.report.OutputFolder;
import org.patchpinn.task.Progress;

@Tag("benchmark")
class TmpLearnProbe {
    @Test
    void probe() throws Exception {
        CompareOperation op = new CompareOperation();
        long t0 = System.nanoTime();
        OperationResult r = op.run(ParamValues.of(op.params(), "manifest", "/tmp/cmp/learn/manifest.csv", "out",
                "/tmp/cmp/learn/out", "threads", "2", "resume", "false", "learn", "1", "classic", "false",
                "laws", "candidates"), Progress.NONE);
        r.writeTo(new OutputFolder(Path.of("/tmp/cmp/learn/out")));
        System.out.println(r.summary() + " wall " + (System.nanoTime() - t0) / 1e9);
    }
}
