package org.patchpinn.io;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import org.patchpinn.task.Progress;
import org.patchpinn.trace.Recording;

/**
 * A command waveform that Clampex played from an external file (DAC waveform source 2) instead of an
 * epoch table. Like pyABF, the file is looked for at the path stored in the header and, by its name, next
 * to the recording; its first sweep's first channel is the command of every sweep.
 */
final class AbfStimulusFile {
    private AbfStimulusFile() {
    }

    /** Where the stimulus file is, if it can be found. */
    static Optional<Path> locate(Path recording, String storedPath) {
        if (storedPath.isEmpty()) {
            return Optional.empty();
        }
        try {
            Path stored = Path.of(storedPath);
            if (Files.isRegularFile(stored)) {
                return Optional.of(stored);
            }
        } catch (InvalidPathException e) {
            // a Windows path on another system: try its file name below
        }
        String name = baseName(storedPath);
        Path folder = recording.toAbsolutePath().getParent();
        if (name.isEmpty() || folder == null) {
            return Optional.empty();
        }
        try {
            Path beside = folder.resolve(name);
            return Files.isRegularFile(beside) && !beside.equals(recording.toAbsolutePath())
                    ? Optional.of(beside) : Optional.empty();
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    /** The file name of a Windows or POSIX path. */
    static String baseName(String path) {
        return path.substring(Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/')) + 1);
    }

    /**
     * The first sweep's first channel of the stimulus file, cut or extended (with its last value) to
     * {@code points} samples. An ABF stimulus (told by its magic, whatever its name) is read without
     * resolving stimulus files of its own, so files naming each other cannot recurse.
     */
    static float[] load(Path stimulus, int points) {
        Recording r = isAbf(stimulus) ? new AbfReader(false).read(stimulus, Progress.NONE) : Recordings.open(stimulus);
        if (r.sweepCount() == 0 || r.channelCount() == 0 || r.sweepLength() == 0) {
            throw new RecordingFormatException(stimulus, "stimulus file holds no samples");
        }
        float[] samples = r.sweep(0).channel(0).toFloatArray();
        float[] out = java.util.Arrays.copyOf(samples, points);
        if (samples.length < points) {
            java.util.Arrays.fill(out, samples.length, points, samples[samples.length - 1]);
        }
        return out;
    }

    private static boolean isAbf(Path file) {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            String magic = AbfBytes.ascii(in.readNBytes(4));
            return magic.equals("ABF ") || magic.equals("ABF2");
        } catch (java.io.IOException e) {
            throw new RecordingFormatException(file, "cannot read: " + e.getMessage(), e);
        }
    }
}
