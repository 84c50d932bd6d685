package org.patchpinn.io;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.patchpinn.task.Progress;
import org.patchpinn.trace.Recording;
import org.patchpinn.trace.Units;

/**
 * CSV and TSV recordings (.csv, .tsv, .tab, .txt): a header row of titles with units, {@code "name (unit)"}
 * or {@code "name [unit]"}, time first, then one row per sample. Separator: tab if the header has one,
 * else comma, else semicolon. Lines starting with {@code #} before the header are comments; those of the
 * form {@code # key: value} or {@code # key = value} become metadata ({@code protocol} the protocol name).
 * <p>
 * One sweep per file, or several with the sweep number in the titles:
 * {@code time (ms), V_sweep0 (mV), I_sweep0 (pA), V_sweep1 (mV), I_sweep1 (pA)} (also {@code "Trace #1"}).
 * Which column is the command follows {@link ColumnLayout}: in a current-clamp file the current column
 * beside the voltage is the command; a column named {@code command}/{@code cmd}/{@code stim...} always is.
 * A column without a unit, or with a unit that is not a time, voltage or current, is an error.
 */
public final class CsvReader implements RecordingReader {
    @Override
    public String format() {
        return "CSV";
    }

    @Override
    public boolean accepts(Path file, byte[] head) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".csv") || name.endsWith(".tsv") || name.endsWith(".tab") || name.endsWith(".txt");
    }

    @Override
    public Recording read(Path file, Progress progress) {
        return parse(file, AtfReader.readAll(file), progress);
    }

    static Recording parse(Path file, byte[] bytes, Progress progress) {
        if (bytes.length == 0) {
            throw new RecordingFormatException(file, "file is empty");
        }
        DelimitedText text = new DelimitedText(file, bytes);
        Recording.Builder b = Recording.builder().source(file);
        String protocol = "";
        boolean found = false;
        while (text.nextNonBlankLine()) {
            String line = text.lineText().trim();
            if (!line.startsWith("#")) {
                found = true;
                break;
            }
            String comment = line.substring(1).trim();
            int sep = indexOfSeparator(comment);
            if (sep > 0) {
                String key = comment.substring(0, sep).trim();
                String value = comment.substring(sep + 1).trim();
                if (key.equalsIgnoreCase("protocol")) {
                    protocol = value;
                } else {
                    b.metadata(key, value);
                }
            }
        }
        if (!found) {
            throw new RecordingFormatException(file, "no header row (only comments or blank lines)");
        }
        char sep = text.containsUnquoted('\t') ? '\t' : text.containsUnquoted(',') ? ',' : ';';
        int titleLine = text.lineNumber();
        List<String> titleText = text.fields(sep);
        if (titleText.size() < 2) {
            throw text.error(0, "the header row needs a time column and at least one signal column, e.g. "
                    + "'time (ms),V (mV),I (pA)'; found '" + AtfReader.abbreviate(text.lineText()) + "'");
        }
        ColumnTitle timeTitle = ColumnTitle.parse(titleText.get(0));
        if (timeTitle.unit().isEmpty() || Double.isNaN(Units.toMilliseconds(timeTitle.unit()))) {
            String found0 = AtfReader.abbreviate(titleText.get(0));
            byte[] first = titleText.get(0).getBytes(StandardCharsets.UTF_8);
            boolean numeric = !Double.isNaN(DelimitedText.parse(first, 0, first.length));
            throw text.error(1, numeric
                    ? "the first row is numbers, not a header; add a header with units, e.g. 'time (ms),V (mV),I (pA)'"
                    : "the first column must be time with its unit, e.g. 'time (ms)' or 'time (s)'; found '" + found0 + "'");
        }
        List<ColumnTitle> titles = new ArrayList<>();
        for (String t : titleText.subList(1, titleText.size())) {
            titles.add(ColumnTitle.parse(t));
        }
        ColumnLayout layout = ColumnLayout.of(file, titleLine, titles, null);
        TextSamples samples = TextSamples.read(text, sep, layout.columnScales(titles.size()), progress);
        double rate = SampleClock.rateHz(text, samples.time, samples.rows, timeTitle.unit(), samples.firstLine);
        String format = sep == '\t' ? "TSV" : "CSV";
        b.format(format, "").sampleRateHz(rate).protocol(protocol);
        samples.addSweeps(layout, b);
        return b.build();
    }

    private static int indexOfSeparator(String s) {
        int colon = s.indexOf(':');
        int eq = s.indexOf('=');
        if (colon < 0) {
            return eq;
        }
        return eq < 0 ? colon : Math.min(colon, eq);
    }
}
