package org.patchpinn.compare;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.patchpinn.InvalidParameterException;
import org.patchpinn.batch.InputFiles;
import org.patchpinn.batch.InputLocation;
import org.patchpinn.numeric.Numbers;

/**
 * Reads a comparison manifest: a CSV with a {@code file} column (paths relative to the manifest's folder or
 * a given folder),
 * the condition column, an optional {@code cell} column, and any other columns as covariates. Problems of
 * single rows (a missing file, a condition that is not a number) are attached to those rows so the rest
 * is still analysed; a missing column stops the whole comparison with a message listing the columns found.
 */
public final class ManifestReader {
    public static final String FILE = "file";
    public static final String CELL = "cell";

    private ManifestReader() {
    }

    public static Manifest read(Path manifest, String conditionColumn) {
        return read(manifest, conditionColumn, null);
    }

    /** @param baseDir folder that relative file names are resolved against; null: the manifest's folder */
    public static Manifest read(Path manifest, String conditionColumn, Path baseDir) {
        return read(manifest.toString(), conditionColumn, baseDir == null ? null : baseDir.toString(),
                InputFiles.LOCAL);
    }

    /**
     * A manifest anywhere {@code files} can read: a local path or file: URI, or (through the Spark engine) an
     * hdfs://, s3a:// ... URI, whose relative file names then resolve against the manifest's folder URI.
     *
     * @param baseDir folder (path or URI) that relative file names are resolved against; null: the manifest's
     */
    public static Manifest read(String manifest, String conditionColumn, String baseDir, InputFiles files) {
        List<String> lines = lines(manifest, files);
        lines.removeIf(l -> l.isBlank() || l.startsWith("#"));
        if (lines.isEmpty()) {
            throw new InvalidParameterException("manifest", manifest + ": the manifest is empty");
        }
        List<String> header = split(lines.get(0));
        if (!header.isEmpty() && header.get(0).startsWith("\uFEFF")) {
            header.set(0, header.get(0).substring(1));
        }
        header.replaceAll(String::trim);
        int fileCol = header.indexOf(FILE);
        int condCol = header.indexOf(conditionColumn);
        int cellCol = header.indexOf(CELL);
        if (fileCol < 0) {
            throw new InvalidParameterException("manifest", manifest + ": no column 'file'; columns are "
                    + header);
        }
        if (condCol < 0) {
            throw new InvalidParameterException("condition", "unknown column '" + conditionColumn + "' in "
                    + InputLocation.fileName(manifest) + "; columns are " + header);
        }
        List<String> covariates = new ArrayList<>();
        for (int c = 0; c < header.size(); c++) {
            if (c != fileCol && c != condCol && c != cellCol) {
                covariates.add(header.get(c));
            }
        }
        String folder = baseDir != null ? baseDir : manifest;
        Path localBase = InputLocation.localPath(folder);
        if (localBase != null) {
            localBase = baseDir != null ? localBase.toAbsolutePath() : localBase.toAbsolutePath().getParent();
        }
        String remoteBase = localBase != null ? null : baseDir != null ? baseDir : InputLocation.parentUri(manifest);
        List<ManifestEntry> entries = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            List<String> f = split(lines.get(i));
            int row = i;
            String name = get(f, fileCol);
            Path file;
            String location;
            if (InputLocation.isUri(name)) { // a file: or hdfs:// ... URI stands as written
                file = InputLocation.localPath(name);
                location = file != null ? file.toString() : name;
            } else if (localBase != null) {
                file = name.isEmpty() ? localBase : localBase.resolve(name).normalize();
                location = file.toString();
            } else {
                file = null;
                location = name.isEmpty() ? remoteBase : InputLocation.resolveUri(remoteBase, name);
            }
            String cell = cellCol >= 0 ? get(f, cellCol) : "";
            if (cell.isEmpty()) {
                cell = "row" + row;
            }
            Map<String, String> cov = new LinkedHashMap<>();
            for (String c : covariates) {
                cov.put(c, get(f, header.indexOf(c)));
            }
            String problem = "";
            String condText = get(f, condCol);
            double condition = Numbers.parseFinite(condText);
            if (Double.isNaN(condition)) {
                problem = conditionColumn + " is not a number: '" + condText + "'";
            }
            if (name.isEmpty()) {
                problem = "row " + row + " has no file";
            } else if (file != null ? !Files.isRegularFile(file) : !files.readsRemote()) {
                problem = file != null ? "file not found: " + file : location + " is on another file system: "
                        + "read it with --engine spark (Hadoop's file system API)";
            } else if (file == null && !files.isFile(location)) {
                problem = "file not found: " + location;
            }
            for (ManifestEntry earlier : entries) {
                if (problem.isEmpty() && earlier.key().equals(name.replaceAll("[^A-Za-z0-9._-]", "_"))) {
                    problem = "the same file as row " + earlier.row();
                }
            }
            entries.add(new ManifestEntry(row, name.isEmpty() ? "row" + row : name, file, condition, cell, cov,
                    problem, location));
        }
        return new Manifest(entries, covariates, singleRecordingWarnings(entries, conditionColumn));
    }

    private static List<String> lines(String manifest, InputFiles files) {
        try {
            Path local = InputLocation.localPath(manifest);
            if (local != null) {
                return new ArrayList<>(Files.readAllLines(local, StandardCharsets.UTF_8));
            }
            try (InputStream in = files.open(manifest)) {
                return new ArrayList<>(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
            }
        } catch (IOException | RuntimeException e) {
            throw new InvalidParameterException("manifest", manifest + ": cannot read: " + e.getMessage());
        }
    }

    /** A condition with one usable recording has no s.e.m. or interval; say so instead of failing. */
    static List<String> singleRecordingWarnings(List<ManifestEntry> entries, String conditionColumn) {
        Map<Double, Integer> counts = new TreeMap<>();
        for (ManifestEntry e : entries) {
            if (e.usable()) {
                counts.merge(e.condition(), 1, Integer::sum);
            }
        }
        List<String> w = new ArrayList<>();
        counts.forEach((c, n) -> {
            if (n == 1) {
                w.add(conditionColumn + " = " + fmt(c) + " has only one recording: no s.e.m. or interval for it");
            }
        });
        return w;
    }

    /** A level as written in file names and keys: 5 for 5.0, 0.5 as is. */
    public static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static String get(List<String> fields, int col) {
        return col < fields.size() ? fields.get(col).trim() : "";
    }

    /** Splits one CSV line (RFC 4180 quotes, comma, semicolon or tab separated). */
    static List<String> split(String line) {
        char sep = line.indexOf(',') >= 0 ? ',' : line.indexOf('\t') >= 0 ? '\t' : ';';
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cur.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == sep) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
