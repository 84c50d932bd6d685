package org.patchpinn.io;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Line-by-line access to a delimited text file held as bytes (ATF, CSV, TSV), with the line number of
 * every error. Numbers are parsed straight from the bytes, without a String per cell, which is what makes
 * text recordings fast to read.
 */
final class DelimitedText {
    private static final double[] POW10 = new double[23];
    /** Most fields a header line may hold (as many columns as an ATF header may declare). */
    static final int MAX_FIELDS = 100_000;

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private final Path file;
    private final byte[] bytes;
    private int next;
    private int lineStart;
    private int lineEnd;
    private int lineNumber;

    DelimitedText(Path file, byte[] bytes) {
        this.file = file;
        this.bytes = bytes;
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb && (bytes[2] & 0xff) == 0xbf) {
            next = 3; // UTF-8 byte order mark, as spreadsheet programs write it
        }
    }

    /** Moves to the next line; false at the end of the file. Accepts \n, \r\n and \r line ends. */
    boolean nextLine() {
        if (next >= bytes.length) {
            return false;
        }
        lineStart = next;
        int i = next;
        while (i < bytes.length && bytes[i] != '\n' && bytes[i] != '\r') {
            i++;
        }
        lineEnd = i;
        if (i < bytes.length && bytes[i] == '\r') {
            i++;
        }
        if (i < bytes.length && bytes[i] == '\n' && (i == lineEnd || bytes[i - 1] == '\r')) {
            i++;
        }
        next = i;
        lineNumber++;
        return true;
    }

    /** Advances past blank lines to the next line with content; false at the end of the file. */
    boolean nextNonBlankLine() {
        while (nextLine()) {
            if (!isBlank()) {
                return true;
            }
        }
        return false;
    }

    /** 1-based number of the current line. */
    int lineNumber() {
        return lineNumber;
    }

    boolean isBlank() {
        for (int i = lineStart; i < lineEnd; i++) {
            if (bytes[i] != ' ' && bytes[i] != '\t' && bytes[i] != ',' && bytes[i] != ';') {
                return false;
            }
        }
        return true;
    }

    /** True when every remaining line is blank (so trailing empty lines are not rows). */
    boolean restIsBlank() {
        for (int i = next; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n' && b != ',' && b != ';') {
                return false;
            }
        }
        return true;
    }

    int remainingBytes() {
        return bytes.length - next;
    }

    int currentLineLength() {
        return lineEnd - lineStart;
    }

    String lineText() {
        return new String(bytes, lineStart, lineEnd - lineStart, StandardCharsets.UTF_8);
    }

    /** Whether the current line contains {@code c} outside double quotes. */
    boolean containsUnquoted(char c) {
        boolean quoted = false;
        for (int i = lineStart; i < lineEnd; i++) {
            if (bytes[i] == '"') {
                quoted = !quoted;
            } else if (!quoted && bytes[i] == c) {
                return true;
            }
        }
        return false;
    }

    /**
     * The fields of the current line split at {@code sep} outside double quotes, trimmed, with their quotes
     * removed ({@code ""} inside quotes stands for one quote, as in CSV).
     */
    List<String> fields(char sep) {
        List<String> out = new ArrayList<>();
        int count = 1;
        for (int i = lineStart; i < lineEnd; i++) {
            if (bytes[i] == sep && ++count > MAX_FIELDS) {
                // a title line of millions of one-letter fields would cost ~50 bytes of heap per byte of file
                throw error(0, "more than " + MAX_FIELDS + " fields on one line");
            }
        }
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        int fieldStart = lineStart;
        for (int i = lineStart; i <= lineEnd; i++) {
            if (i == lineEnd || (!quoted && bytes[i] == sep)) {
                out.add(unquote(fieldStart, i));
                fieldStart = i + 1;
            } else if (bytes[i] == '"') {
                quoted = !quoted;
            }
        }
        if (quoted) {
            throw error(0, "unterminated quoted text");
        }
        return out;
    }

    private String unquote(int s, int e) {
        String raw = new String(bytes, s, e - s, StandardCharsets.UTF_8).trim();
        if (raw.length() >= 2 && raw.charAt(0) == '"' && raw.charAt(raw.length() - 1) == '"') {
            return raw.substring(1, raw.length() - 1).replace("\"\"", "\"");
        }
        return raw;
    }

    /**
     * Reads the next line as numbers in a single pass over its bytes (the hot loop of the text readers):
     * plain decimals are converted on the fly, anything else (exponents, quotes, spaces, errors) goes
     * through the careful path. Returns the number of fields (possibly more than {@code out.length}),
     * 0 for an empty line, -1 at the end of the file.
     */
    int nextRow(char sep, double[] out) {
        final byte[] b = bytes;
        final int n = b.length;
        int i = next;
        if (i >= n) {
            return -1;
        }
        lineStart = i;
        lineNumber++;
        int field = 0;
        if (b[i] != '\n' && b[i] != '\r') {
            while (true) {
                int fs = i;
                boolean negative = false;
                if (i < n && (b[i] == '-' || b[i] == '+')) {
                    negative = b[i] == '-';
                    i++;
                }
                long mantissa = 0;
                int significant = 0;
                int digits = 0;
                int fraction = 0;
                boolean point = false;
                for (; i < n; i++) {
                    int c = b[i];
                    if (c >= '0' && c <= '9') {
                        digits++;
                        if (point) {
                            fraction++;
                        }
                        if (significant > 0 || c != '0') {
                            significant++;
                            mantissa = mantissa * 10 + (c - '0');
                        }
                    } else if (c == '.' && !point) {
                        point = true;
                    } else {
                        break;
                    }
                }
                int term = i < n ? b[i] : '\n';
                double v;
                if (digits > 0 && significant <= 15 && fraction <= 22
                        && (term == sep || term == '\n' || term == '\r')) {
                    v = mantissa == 0 ? 0.0 : mantissa / POW10[fraction];
                    if (negative) {
                        v = -v;
                    }
                } else {
                    if (field == 0) {
                        int le = i;
                        while (le < n && b[le] != '\n' && b[le] != '\r') {
                            le++;
                        }
                        lineEnd = le;
                        if (isBlank()) {
                            i = le; // a line of only spaces or separators, as spreadsheets leave at the end
                            break;
                        }
                    }
                    int e = i;
                    while (e < n && b[e] != sep && b[e] != '\n' && b[e] != '\r') {
                        e++;
                    }
                    v = number(fs, e, field);
                    i = e;
                }
                if (field < out.length) {
                    out[field] = v;
                }
                field++;
                if (i >= n || b[i] != sep) {
                    break;
                }
                i++;
            }
        }
        lineEnd = i;
        if (i < n && b[i] == '\r') {
            i++;
        }
        if (i < n && b[i] == '\n' && (i == lineEnd || b[i - 1] == '\r')) {
            i++;
        }
        next = i;
        return field;
    }

    private double number(int s, int e, int field) {
        while (s < e && (bytes[s] == ' ' || bytes[s] == '"')) {
            s++;
        }
        while (e > s && (bytes[e - 1] == ' ' || bytes[e - 1] == '"')) {
            e--;
        }
        double v = parse(bytes, s, e);
        if (Double.isNaN(v)) {
            String cell = new String(bytes, s, Math.min(e - s, 40), StandardCharsets.UTF_8);
            throw error(field + 1, cell.isEmpty() ? "empty cell" : "not a number: '" + cell + "'");
        }
        return v;
    }

    /**
     * A decimal number in {@code b[s, e)}, or NaN when the text is not one (so "NaN" and "Infinity" are
     * refused too). Up to 15 significant digits with a small exponent are converted exactly (one correctly
     * rounded multiplication or division); anything else goes through {@link Double#parseDouble}.
     */
    static double parse(byte[] b, int s, int e) {
        if (s >= e) {
            return Double.NaN;
        }
        int i = s;
        boolean negative = false;
        if (b[i] == '-' || b[i] == '+') {
            negative = b[i] == '-';
            i++;
        }
        long mantissa = 0;
        int significant = 0;
        int digits = 0;
        int fractionDigits = 0;
        boolean point = false;
        for (; i < e; i++) {
            int c = b[i];
            if (c >= '0' && c <= '9') {
                digits++;
                if (point) {
                    fractionDigits++;
                }
                if (significant > 0 || c != '0') {
                    significant++;
                    if (significant <= 18) {
                        mantissa = mantissa * 10 + (c - '0');
                    }
                }
            } else if (c == '.' && !point) {
                point = true;
            } else {
                break;
            }
        }
        if (digits == 0) {
            return Double.NaN;
        }
        int exponent = 0;
        if (i < e) {
            if (b[i] != 'e' && b[i] != 'E') {
                return Double.NaN;
            }
            i++;
            boolean expNegative = false;
            if (i < e && (b[i] == '-' || b[i] == '+')) {
                expNegative = b[i] == '-';
                i++;
            }
            if (i >= e) {
                return Double.NaN;
            }
            for (; i < e; i++) {
                int c = b[i];
                if (c < '0' || c > '9') {
                    return Double.NaN;
                }
                if (exponent < 100_000) {
                    exponent = exponent * 10 + (c - '0');
                }
            }
            if (expNegative) {
                exponent = -exponent;
            }
        }
        if (significant <= 15) {
            int e10 = exponent - fractionDigits;
            double m = mantissa;
            if (mantissa == 0) {
                return negative ? -0.0 : 0.0;
            }
            if (e10 >= -22 && e10 <= 22) {
                double v = e10 < 0 ? m / POW10[-e10] : m * POW10[e10];
                return negative ? -v : v;
            }
        }
        try {
            double v = Double.parseDouble(new String(b, s, e - s, StandardCharsets.US_ASCII));
            return Double.isFinite(v) ? v : Double.NaN;
        } catch (NumberFormatException ex) {
            return Double.NaN;
        }
    }

    /** An error at the current line (and 1-based column, 0 for the whole line). */
    RecordingFormatException error(int column, String reason) {
        String where = "line " + lineNumber + (column > 0 ? ", column " + column : "");
        return new RecordingFormatException(file, where + ": " + reason);
    }

    Path file() {
        return file;
    }
}
