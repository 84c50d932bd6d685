package org.patchpinn.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.patchpinn.task.Progress;
import org.patchpinn.trace.Recording;

/**
 * A command waveform that Clampex played from an external file (DAC waveform source 2) instead of an
 * epoch table. The file is looked for by its name beside the recording, then in the folder the user named
 * ({@code -Dpatchpinn.stimulusDir=DIR}); the path stored in the header is opened as it stands only when the
 * user allows it ({@code -Dpatchpinn.stimulusAbsolutePaths=true}), since a crafted header could otherwise
 * make the reader load any readable file. Its first sweep's first channel is the command of every sweep.
 */
final class AbfStimulusFile {
    /** System property naming an extra folder to search for stimulus files. */
    static final String DIR_PROPERTY = "patchpinn.stimulusDir";
    /** System property that allows opening the path stored in the header as it stands. */
    static final String ABSOLUTE_PROPERTY = "patchpinn.stimulusAbsolutePaths";

    private AbfStimulusFile() {
    }

    /** Where the stimulus file is, if it can be found in the places {@link #places} lists. */
    static Optional<Path> locate(Path recording, String storedPath) {
        if (storedPath.isEmpty()) {
            return Optional.empty();
        }
        Path self = recording.toAbsolutePath().normalize();
        for (Path p : places(recording, storedPath)) {
            if (Files.isRegularFile(p) && !p.toAbsolutePath().normalize().equals(self)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * The candidates in order: the stored file name beside the recording, in the user's stimulus folder, and
     * the stored path itself only where the user allows stored paths.
     */
    static List<Path> places(Path recording, String storedPath) {
        List<Path> out = new ArrayList<>();
        String name = baseName(storedPath);
        if (!name.isEmpty() && !name.equals(".") && !name.equals("..")) {
            Path folder = recording.toAbsolutePath().getParent();
            addResolved(out, folder, name);
            String dir = System.getProperty(DIR_PROPERTY, "");
            if (!dir.isBlank()) {
                try {
                    addResolved(out, Path.of(dir.trim()), name);
                } catch (InvalidPathException e) {
                    // an unusable folder setting adds no place to look
                }
            }
        }
        if (Boolean.getBoolean(ABSOLUTE_PROPERTY)) {
            try {
                out.add(Path.of(storedPath));
            } catch (InvalidPathException e) {
                // a Windows path on another system: only its name can be used
            }
        }
        return out;
    }

    private static void addResolved(List<Path> out, Path folder, String name) {
        if (folder == null) {
            return;
        }
        try {
            out.add(folder.resolve(name));
        } catch (InvalidPathException e) {
            // a name this file system cannot hold: not there
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
        float[] out = Arrays.copyOf(samples, points);
        if (samples.length < points) {
            Arrays.fill(out, samples.length, points, samples[samples.length - 1]);
        }
        return out;
    }

    private static boolean isAbf(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            String magic = FileBytes.ascii(in.readNBytes(4));
            return magic.equals("ABF ") || magic.equals("ABF2");
        } catch (IOException e) {
            throw new RecordingFormatException(file, "cannot read: " + e.getMessage(), e);
        }
    }
}
