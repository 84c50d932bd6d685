package org.patchpinn.io;

import java.nio.file.Path;
import java.util.Locale;

/**
 * How much a reader may decode, checked before anything large is allocated, so a crafted or damaged file
 * (a header claiming 2³¹ samples, a deflate-compressed dataset that expands a thousandfold) ends in a
 * {@link RecordingFormatException} instead of an OutOfMemoryError that can take a whole Fiji session down.
 *
 * <p>Two bounds: an explicit cap on decoded samples (all channels and sweeps together; default
 * {@value #DEFAULT_MAX_SAMPLES}, about 8 GB as float32 and far above any real recording; override with
 * {@code -Dpatchpinn.maxSamples=N} or {@link #setMaxSamples}), and the heap this JVM can still give.
 */
public final class ReadLimits {
    /** System property that overrides the sample cap. */
    public static final String MAX_SAMPLES_PROPERTY = "patchpinn.maxSamples";
    /** Default cap on decoded samples: 2³¹, hours of multi-channel recording at 100 kHz. */
    public static final long DEFAULT_MAX_SAMPLES = 1L << 31;

    private static volatile long override = -1;

    private ReadLimits() {
    }

    /** The cap on decoded samples per file now in force. */
    public static long maxSamples() {
        if (override > 0) {
            return override;
        }
        String p = System.getProperty(MAX_SAMPLES_PROPERTY);
        if (p != null) {
            try {
                long v = Long.parseLong(p.trim());
                if (v > 0) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // an unreadable setting falls back to the default rather than disabling the check
            }
        }
        return DEFAULT_MAX_SAMPLES;
    }

    /** Sets the cap for this JVM (a value ≤ 0 restores the default or the system property). */
    public static void setMaxSamples(long samples) {
        override = samples;
    }

    /**
     * Refuses a file whose {@code field} would decode into {@code samples} values taking {@code bytes} of heap:
     * beyond the sample cap, or more than this JVM can still allocate.
     */
    static void require(Path file, String field, long samples, long bytes) {
        long cap = maxSamples();
        if (samples < 0 || samples > cap) {
            throw new RecordingFormatException(file, field + " declares " + samples + " samples, more than the "
                    + cap + " a file may decode (-D" + MAX_SAMPLES_PROPERTY + " raises the cap)");
        }
        requireHeap(file, field, bytes);
    }

    /** Refuses an allocation of {@code bytes} that the heap cannot hold (after one collection). */
    static void requireHeap(Path file, String field, long bytes) {
        if (bytes <= available()) {
            return;
        }
        System.gc(); // what looks used may only be garbage; ask once before refusing
        long free = available();
        if (bytes > free) {
            throw new RecordingFormatException(file, String.format(Locale.ROOT,
                    "%s needs %.0f MB to decode but this JVM has %.0f MB free (corrupt size field, or raise -Xmx)",
                    field, bytes / 1e6, free / 1e6));
        }
    }

    private static long available() {
        Runtime rt = Runtime.getRuntime();
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }
}
