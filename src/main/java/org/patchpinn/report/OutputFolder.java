package org.patchpinn.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.LinkOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.patchpinn.PatchPinnException;

/**
 * Writes result files into a folder atomically: each file goes to a temporary name first and is renamed
 * when complete, so a crash or cancellation never leaves a half-written result.json or CSV. File names are
 * made safe ({@link #safeName}); a run's outputs are written together ({@link #writeRun}), never over its
 * inputs, and replace the previous run's outputs of the same verb.
 */
public final class OutputFolder {
    private final Path dir;
    private final Mover mover;

    public OutputFolder(Path dir) {
        this(dir, OutputFolder::atomicMove);
    }

    /** With another way of renaming files into place (tests make one fail midway). */
    OutputFolder(Path dir, Mover mover) {
        this.dir = dir;
        this.mover = mover;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new PatchPinnException(dir + ": cannot create output folder: " + e.getMessage(), e);
        }
        if (!Files.isWritable(dir)) {
            throw new PatchPinnException(dir + ": output folder is not writable");
        }
    }

    public Path resolve(String fileName) {
        return dir.resolve(safeName(fileName));
    }

    public Path writeText(String fileName, String text) {
        return write(fileName, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    public Path writeJson(String fileName, Object tree) {
        return writeText(fileName, Json.toJson(tree) + "\n");
    }

    /** Writes through {@code body} into a temporary file, then moves it into place. */
    public Path write(String fileName, Body body) {
        Path target = dir.resolve(safeName(fileName));
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, ".out", ".part");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                body.writeTo(out);
            }
            mover.move(tmp, target);
            return target;
        } catch (IOException e) {
            throw new PatchPinnException(target + ": cannot write: " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the temporary file is hidden and harmless
                }
            }
        }
    }

    /**
     * Writes several files so that either all of them appear or none: each is written to a temporary name
     * first, and they are renamed into place only once every one is complete; files they replace are kept
     * aside until the last rename succeeded and put back if one fails. A failure or a cancellation while
     * writing leaves the folder as it was.
     */
    public List<Path> writeAll(Map<String, Body> files) {
        Map<String, Body> safe = new LinkedHashMap<>();
        files.forEach((name, body) -> safe.put(safeName(name), body));
        return commit(safe);
    }

    /**
     * Writes the outputs of one run of {@code verb}, all or none, and records them in the folder's manifest
     * for that verb ({@code .patchpinn-VERB.files}). Refused before anything is written: an output that is
     * one of the run's {@code inputs}, and an output that would replace a file this verb did not write here
     * itself (the user's own file, or another verb's result). After the run, the files the previous run of
     * the same verb wrote and this one did not are removed, so the folder holds one run's results, not a mix.
     */
    public List<Path> writeRun(String verb, Map<String, Body> files, Collection<Path> inputs) {
        String manifestName = manifestName(verb);
        Set<String> previous = manifest(manifestName);
        Map<String, Body> safe = new LinkedHashMap<>();
        files.forEach((name, body) -> safe.put(safeName(name), body));
        for (String name : safe.keySet()) {
            Path target = dir.resolve(name);
            for (Path in : inputs) {
                if (sameFile(target, in)) {
                    throw new PatchPinnException(target + ": is an input of this " + verb + " run and would be "
                            + "overwritten by its output; choose another output folder");
                }
            }
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !previous.contains(name)) {
                throw new PatchPinnException(target + ": exists and was not written by an earlier " + verb
                        + " run here" + writtenBy(name) + "; choose another output folder or remove the file");
            }
        }
        StringBuilder list = new StringBuilder();
        safe.keySet().forEach(n -> list.append(n).append('\n'));
        safe.put(manifestName, text(list.toString()));
        List<Path> written = commit(safe);
        written.remove(dir.resolve(manifestName));
        for (String stale : previous) {
            Path p = dir.resolve(stale);
            if (!safe.containsKey(stale) && inputs.stream().noneMatch(in -> sameFile(p, in))) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new PatchPinnException(p + ": cannot remove this output of the previous " + verb
                            + " run: " + e.getMessage(), e);
                }
            }
        }
        return written;
    }

    /** The manifest file of {@code verb}'s runs in this folder. */
    static String manifestName(String verb) {
        return ".patchpinn-" + safeName(verb) + ".files";
    }

    /** The file names a manifest lists (none when absent or unreadable). */
    private Set<String> manifest(String manifestName) {
        Path p = dir.resolve(manifestName);
        Set<String> out = new LinkedHashSet<>();
        if (!Files.isRegularFile(p)) {
            return out;
        }
        try {
            for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
                String name = line.strip();
                if (!name.isEmpty() && name.equals(safeName(name))) {
                    out.add(name); // only plain names: a manifest cannot point outside the folder
                }
            }
        } catch (IOException | UncheckedIOException e) {
            return out;
        }
        return out;
    }

    /** ", by VERB" when another verb's manifest here lists {@code name}. */
    private String writtenBy(String name) {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path m : files.toList()) {
                String f = m.getFileName().toString();
                if (f.startsWith(".patchpinn-") && f.endsWith(".files") && manifest(f).contains(name)) {
                    return " (it is a result of " + f.substring(11, f.length() - 6) + ")";
                }
            }
        } catch (IOException e) {
            return "";
        }
        return "";
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            if (Files.exists(a) && Files.exists(b)) {
                return Files.isSameFile(a, b);
            }
        } catch (IOException e) {
            // fall back to comparing the paths
        }
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }

    /**
     * A name that stays a plain file in this folder: no separators, no "..", no leading dot, no control
     * characters; anything else becomes '_'. Names built from model names, recording names or condition
     * levels pass through here.
     */
    public static String safeName(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            sb.append(Character.isLetterOrDigit(c) || "._-+=(),@ ".indexOf(c) >= 0 ? c : '_');
        }
        String s = sb.toString().strip();
        if (s.startsWith(".")) {
            s = "_" + s.substring(1);
        }
        if (s.isEmpty()) {
            s = "_";
        }
        if (s.length() > 200) {
            int dot = s.lastIndexOf('.');
            String ext = dot > s.length() - 12 ? s.substring(dot) : "";
            s = s.substring(0, 200 - ext.length()) + ext;
        }
        return s;
    }

    /** Stages every file, then renames them in; on a failed rename puts back what was there before. */
    private List<Path> commit(Map<String, Body> files) {
        Map<Path, Path> staged = new LinkedHashMap<>();
        Map<Path, Path> backups = new LinkedHashMap<>();
        List<Path> placed = new ArrayList<>();
        String current = null;
        boolean done = false;
        try {
            for (Map.Entry<String, Body> f : files.entrySet()) {
                current = f.getKey();
                Path target = dir.resolve(f.getKey());
                if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                    throw new IOException("a folder of that name is in the way");
                }
                Path tmp = Files.createTempFile(dir, ".out", ".part");
                staged.put(tmp, target);
                try (OutputStream out = Files.newOutputStream(tmp)) {
                    f.getValue().writeTo(out);
                }
            }
            for (Map.Entry<Path, Path> e : staged.entrySet()) {
                current = e.getValue().getFileName().toString();
                if (Files.exists(e.getValue(), LinkOption.NOFOLLOW_LINKS)) {
                    Path backup = Files.createTempFile(dir, ".old", ".part");
                    mover.move(e.getValue(), backup);
                    backups.put(e.getValue(), backup);
                }
                mover.move(e.getKey(), e.getValue());
                placed.add(e.getValue());
            }
            done = true;
            return new ArrayList<>(placed);
        } catch (IOException e) {
            rollBack(placed, backups);
            throw new PatchPinnException(dir.resolve(current == null ? "" : current) + ": cannot write: "
                    + e.getMessage() + " (no output of this run was kept)", e);
        } catch (RuntimeException | Error e) {
            rollBack(placed, backups);
            throw e;
        } finally {
            for (Path tmp : staged.keySet()) {
                deleteQuietly(tmp);
            }
            if (done) {
                backups.values().forEach(OutputFolder::deleteQuietly);
            }
        }
    }

    /** Removes the files placed so far and puts the replaced ones back. */
    private void rollBack(List<Path> placed, Map<Path, Path> backups) {
        for (Path p : placed) {
            deleteQuietly(p);
        }
        for (Map.Entry<Path, Path> b : backups.entrySet()) {
            try {
                mover.move(b.getValue(), b.getKey());
            } catch (IOException e) {
                // left under its hidden temporary name; nothing better can be done here
            }
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort: temporary files are hidden and harmless
        }
    }

    /** Renames a file into place (atomically where the file system can). */
    @FunctionalInterface
    interface Mover {
        void move(Path from, Path to) throws IOException;
    }

    static void atomicMove(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The bytes of a CSV table. */
    public static Body csv(Table table) {
        return out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            CsvWriter.write(table, w);
            w.flush();
        };
    }

    /** The bytes of numeric columns as CSV ({@link CsvWriter#write(Map, Writer)}), written as they stream out. */
    public static Body csv(Map<String, double[]> columns) {
        return out -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            CsvWriter.write(columns, w);
            w.flush();
        };
    }

    /** The bytes of a PNG rendering of a chart. */
    public static Body png(JFreeChart chart, int width, int height) {
        return out -> ImageIO.write(chart.createBufferedImage(width, height), "png", out);
    }

    /** The bytes of UTF-8 text. */
    public static Body text(String text) {
        return out -> out.write(text.getBytes(StandardCharsets.UTF_8));
    }

    /** What to write into a file. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }
}
