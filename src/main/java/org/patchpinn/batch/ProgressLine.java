package org.patchpinn.batch;

import java.util.Locale;
import org.patchpinn.task.Progress;

/**
 * The driver's line per finished recording: done, failed, remaining and an ETA from the mean time per
 * recording so far (wall clock, so it reflects however many workers run at once).
 */
public final class ProgressLine {
    private final Progress progress;
    private final int total;
    private final long t0 = System.nanoTime();
    private int done;
    private int failed;

    public ProgressLine(Progress progress, int total) {
        this.progress = progress;
        this.total = total;
    }

    /** Records one finished recording and logs the line; returns it (for tests). */
    public synchronized String finished(String name, String error) {
        done++;
        if (error != null) {
            failed++;
        }
        int remaining = total - done;
        double elapsed = (System.nanoTime() - t0) / 1e9;
        double eta = remaining * elapsed / done;
        String line = String.format(Locale.ROOT, "%s %s: done %d/%d, failed %d, remaining %d, ETA %s",
                error == null ? "finished" : "FAILED", name, done, total, failed, remaining, duration(eta))
                + (error == null ? "" : " (" + error + ")");
        progress.log(line);
        progress.fraction(done / (double) total);
        return line;
    }

    public synchronized int failed() {
        return failed;
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s % 3600 / 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
