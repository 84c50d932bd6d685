package org.patchpinn.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.patchpinn.PatchPinnException;

/**
 * Writes result files into a folder atomically: each file goes to a temporary name first and is renamed
 * when complete, so a crash or cancellation never leaves a half-written result.json or CSV.
 */
public final class OutputFolder {
    private final Path dir;

    public OutputFolder(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new PatchPinnException(dir + ": cannot create output folder: " + e.getMessage(), e);
        }
        if (!Files.isWritable(dir)) {
            throw new PatchPinnException(dir + ": output folder is not writable");
        }
    }

    public Path dir() {
        return dir;
    }

    public Path resolve(String fileName) {
        return dir.resolve(fileName);
    }

    public Path writeText(String fileName, String text) {
        return write(fileName, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    public Path writeJson(String fileName, Object tree) {
        return writeText(fileName, Json.toJson(tree) + "\n");
    }

    public Path writeCsv(String fileName, Table table) {
        return write(fileName, out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            CsvWriter.write(table, w);
            w.flush();
        });
    }

    public Path writePng(String fileName, JFreeChart chart, int width, int height) {
        BufferedImage image = chart.createBufferedImage(width, height);
        return write(fileName, out -> ImageIO.write(image, "png", out));
    }

    /** Writes through {@code body} into a temporary file, then moves it into place. */
    public Path write(String fileName, Body body) {
        Path target = dir.resolve(fileName);
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "." + fileName, ".part");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                body.writeTo(out);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
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
     * first, and they are renamed into place only once every one is complete. A failure or a cancellation
     * while writing leaves the folder as it was.
     */
    public List<Path> writeAll(Map<String, Body> files) {
        Map<Path, Path> staged = new LinkedHashMap<>();
        String current = null;
        try {
            for (Map.Entry<String, Body> f : files.entrySet()) {
                current = f.getKey();
                Path tmp = Files.createTempFile(dir, "." + f.getKey(), ".part");
                staged.put(tmp, dir.resolve(f.getKey()));
                try (OutputStream out = Files.newOutputStream(tmp)) {
                    f.getValue().writeTo(out);
                }
            }
            current = null;
            List<Path> written = new ArrayList<>();
            for (Map.Entry<Path, Path> e : staged.entrySet()) {
                try {
                    Files.move(e.getKey(), e.getValue(), StandardCopyOption.ATOMIC_MOVE,
                            StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException ex) {
                    Files.move(e.getKey(), e.getValue(), StandardCopyOption.REPLACE_EXISTING);
                }
                written.add(e.getValue());
            }
            return written;
        } catch (IOException e) {
            throw new PatchPinnException(dir.resolve(current == null ? "" : current) + ": cannot write: "
                    + e.getMessage(), e);
        } finally {
            for (Path tmp : staged.keySet()) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the temporary file is hidden and harmless
                }
            }
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
