package org.patchpinn.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.patchpinn.task.Progress;
import org.patchpinn.trace.Recording;
import org.patchpinn.trace.Units;

/**
 * Axon Text File 1.0, as Clampfit exports it: {@code ATF\t1.0}; a line with the number of header records
 * and of columns; the quoted {@code "Key=value"} records ({@code Signals=} names the signal of every
 * column); the column titles {@code "Time (ms)"}, {@code "Trace #1 (mV)"}, ...; then tab-separated numbers.
 * The first column is time (its unit from its title; the rate from its spacing). Columns are grouped into
 * channels, sweeps and the command by {@link ColumnLayout}. Records go into the recording's metadata;
 * {@code Protocol=} (its file name without folder and extension) becomes the protocol.
 */
public final class AtfReader implements RecordingReader {
    @Override
    public String format() {
        return "ATF";
    }

    @Override
    public boolean accepts(Path file, byte[] head) {
        return head.length >= 3 && head[0] == 'A' && head[1] == 'T' && head[2] == 'F';
    }

    @Override
    public Recording read(Path file, Progress progress) {
        return parse(file, readAll(file), progress);
    }

    static byte[] readAll(Path file) {
        try {
            ReadLimits.requireHeap(file, "the text", Files.size(file));
            return Files.readAllBytes(file);
        } catch (IOException | OutOfMemoryError e) {
            throw new RecordingFormatException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    static Recording parse(Path file, byte[] bytes, Progress progress) {
        if (bytes.length == 0) {
            throw new RecordingFormatException(file, "file is empty");
        }
        DelimitedText text = new DelimitedText(file, bytes);
        text.nextLine();
        List<String> magic = text.fields('\t');
        String first = magic.get(0);
        if (magic.size() == 1 && first.startsWith("ATF ")) {
            magic = List.of("ATF", first.substring(4).trim());
        }
        if (!magic.get(0).equals("ATF") || magic.size() < 2) {
            throw text.error(0, "not an Axon Text File (expected 'ATF<tab>1.0', found '" + abbreviate(text.lineText()) + "')");
        }
        String version = magic.get(1);
        if (!version.equals("1.0") && !version.equals("1")) {
            throw text.error(0, "unsupported ATF version '" + abbreviate(version) + "' (this reader knows 1.0)");
        }
        if (!text.nextLine()) {
            throw new RecordingFormatException(file, "ends after line 1 (truncated)");
        }
        List<String> counts = text.fields('\t');
        if (counts.size() < 2) {
            counts = List.of(text.lineText().trim().split("[\\s,]+"));
        }
        if (counts.size() < 2) {
            throw text.error(0, "must hold the number of header records and the number of columns, found '"
                    + abbreviate(text.lineText()) + "'");
        }
        int records = count(text, counts, 0, "header records");
        int columns = count(text, counts, 1, "columns");
        if (columns < 2) {
            throw text.error(0, "declares " + columns + " columns; a recording needs time and at least one signal");
        }

        Map<String, String> header = new LinkedHashMap<>();
        List<String> signals = null;
        for (int r = 0; r < records; r++) {
            if (!text.nextLine()) {
                throw new RecordingFormatException(file, "ends in the header after line " + text.lineNumber()
                        + " (" + r + " of " + records + " header records; truncated)");
            }
            List<String> f = text.fields(separator(text));
            String rec = f.get(0);
            int eq = rec.indexOf('=');
            if (eq <= 0) {
                throw text.error(0, "header record " + (r + 1) + " is not \"Key=value\": '" + abbreviate(text.lineText()) + "'");
            }
            String key = rec.substring(0, eq).trim();
            if (key.equals("Signals")) {
                signals = new ArrayList<>(f.subList(1, f.size()));
                if (!rec.substring(eq + 1).isBlank()) {
                    signals.add(0, rec.substring(eq + 1).trim());
                }
            } else {
                header.put(key, rec.substring(eq + 1).trim());
            }
        }
        if (!text.nextLine()) {
            throw new RecordingFormatException(file, "ends before the column titles (line " + (text.lineNumber() + 1)
                    + "; truncated)");
        }
        char sep = separator(text);
        List<String> titleText = text.fields(sep);
        int titleLine = text.lineNumber();
        if (titleText.size() != columns) {
            throw text.error(0, "has " + titleText.size() + " column titles, line 2 declares " + columns);
        }
        ColumnTitle timeTitle = ColumnTitle.parse(titleText.get(0));
        if (Double.isNaN(Units.toMilliseconds(timeTitle.unit()))) {
            throw text.error(1, "the first column must be time with its unit, e.g. 'Time (ms)' or 'Time (s)'; found '"
                    + abbreviate(titleText.get(0)) + "'");
        }
        List<ColumnTitle> titles = new ArrayList<>();
        for (String t : titleText.subList(1, columns)) {
            titles.add(ColumnTitle.parse(t));
        }
        if (signals != null && signals.size() != columns - 1) {
            throw new RecordingFormatException(file, "the Signals= record names " + signals.size()
                    + " signals for " + (columns - 1) + " data columns");
        }
        ColumnLayout layout = ColumnLayout.of(file, titleLine, titles, signals);
        TextSamples samples = TextSamples.read(text, sep, layout.columnScales(titles.size()), progress);
        double rate = SampleClock.rateHz(text, samples.time, samples.rows, timeTitle.unit(), samples.firstLine);

        Recording.Builder b = Recording.builder().source(file).format("ATF", "1.0").sampleRateHz(rate);
        samples.addSweeps(layout, b);
        b.protocol(protocolName(header.getOrDefault("Protocol", "")));
        header.forEach((k, v) -> b.metadata("atf." + k, v));
        String comment = header.getOrDefault("Comment", "");
        if (!comment.isEmpty()) {
            b.metadata("comment", comment);
        }
        return b.build();
    }

    /** Tabs separate ATF fields; commas are accepted when a line has no tab (the ATF spec allows both). */
    private static char separator(DelimitedText text) {
        return text.containsUnquoted('\t') || !text.containsUnquoted(',') ? '\t' : ',';
    }

    private static int count(DelimitedText text, List<String> fields, int index, String what) {
        String f = fields.get(index).trim();
        try {
            int n = Integer.parseInt(f);
            if (n < 0 || n > 100_000) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw text.error(index + 1, "the number of " + what + " is not a plausible count: '" + abbreviate(f) + "'");
        }
    }

    /** "C:\\Axon\\Params\\steps.pro" → "steps", as pyABF names ABF protocols. */
    static String protocolName(String path) {
        String name = path.trim();
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        name = name.substring(slash + 1);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    static String abbreviate(String s) {
        String t = s.replaceAll("\\p{Cntrl}", "?");
        return t.length() > 60 ? t.substring(0, 60) + "..." : t;
    }
}
