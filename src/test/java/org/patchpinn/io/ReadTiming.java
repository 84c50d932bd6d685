package org.patchpinn.io;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;
import org.patchpinn.trace.Recording;

/**
 * Times repeated reads of one file for the read benchmarks and prints wall and CPU throughput with the
 * machine's load average (the figures mean little on a loaded machine without it). Each repetition starts
 * after a full collection, so no garbage of the previous read is collected during the next.
 *
 * <p>Two regimes: "heap kept" (after {@value #WARM_UP_READS} untimed reads, and G1 told not to hand memory
 * back after the collection, as in a running session; this measures the reader) and "heap returned" (the JVM's
 * default after System.gc(): every read first has the kernel supply and zero fresh pages for its arrays, which
 * on a virtual machine can cost more than the decoding).
 */
final class ReadTiming {
    private static final int WARM_UP_READS = 3;

    private ReadTiming() {
    }

    /** Reads once cold, then {@code reps} times in each regime; returns the last recording. */
    static Recording run(String label, double mb, int reps, Supplier<Recording> read) {
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        String before = vm.getVMOption("MaxHeapFreeRatio").getValue();
        try {
            // The first read of a fresh JVM (classes loaded, code interpreted, heap still growing), reported
            // on its own so that it does not weigh on the medians.
            time(label + ", first read of the JVM", mb, 1, read);
            vm.setVMOption("MaxHeapFreeRatio", "100");
            // Untimed reads until the heap has grown and its pages have been touched once (steady state).
            for (int i = 0; i < WARM_UP_READS; i++) {
                System.gc();
                read.get();
            }
            time(label + ", heap kept", mb, reps, read);
            vm.setVMOption("MaxHeapFreeRatio", before);
            return time(label + ", heap returned", mb, Math.max(3, reps / 2), read);
        } finally {
            vm.setVMOption("MaxHeapFreeRatio", before);
        }
    }

    private static Recording time(String label, double mb, int reps, Supplier<Recording> read) {
        double[] seconds = new double[reps];
        double[] cpu = new double[reps];
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Recording r = null;
        for (int i = 0; i < reps; i++) {
            r = null;
            System.gc();
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            r = read.get();
            seconds[i] = (System.nanoTime() - t0) / 1e9;
            cpu[i] = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
        }
        double best = Arrays.stream(seconds).min().orElseThrow();
        double median = Arrays.stream(seconds).sorted().toArray()[reps / 2];
        double medianCpu = Arrays.stream(cpu).sorted().toArray()[reps / 2];
        // On a shared machine wall time depends on the neighbours; the reading thread's CPU time less so.
        System.out.printf(Locale.ROOT, "%s: %.1f MB × %d reads; first %.0f MB/s, best %.0f MB/s, median %.0f MB/s "
                        + "wall, %.0f MB/s per CPU second (median, reading thread); load average %.2f on %d cores%n",
                label, mb, reps, mb / seconds[0], mb / best, mb / median, mb / medianCpu,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().availableProcessors());
        return r;
    }
}
