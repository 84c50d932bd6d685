package org.patchpinn.io;

import java.util.ArrayList;
import java.util.List;

/**
 * The indexed strings of an ABF2 file (channel names and units, protocol path, stimulus file paths), which
 * header fields refer to by number. Split exactly as pyABF does: from the last double NUL of the first
 * strings entry, on NUL, first piece dropped, µ written as u, other non-ASCII bytes as U+FFFD, trimmed.
 */
final class AbfStrings {
    private final List<String> strings;

    private AbfStrings(List<String> strings) {
        this.strings = strings;
    }

    static AbfStrings parse(byte[] block) {
        int from = lastDoubleNul(block);
        // Python: block[from:] with from = -1 when absent, i.e. the last byte only.
        int start = from < 0 ? Math.max(0, block.length - 1) : from;
        List<String> out = new ArrayList<>();
        StringBuilder piece = new StringBuilder();
        boolean first = true;
        for (int i = start; i <= block.length; i++) {
            if (i == block.length || block[i] == 0) {
                if (!first) {
                    out.add(piece.toString().strip());
                }
                first = false;
                piece.setLength(0);
                continue;
            }
            int b = block[i] & 0xff;
            piece.append(b == 0xb5 ? 'u' : b < 0x80 ? (char) b : '\uFFFD');
        }
        return new AbfStrings(List.copyOf(out));
    }

    static AbfStrings empty() {
        return new AbfStrings(List.of());
    }

    private static int lastDoubleNul(byte[] b) {
        for (int i = b.length - 2; i >= 0; i--) {
            if (b[i] == 0 && b[i + 1] == 0) {
                return i;
            }
        }
        return -1;
    }

    /** The string at {@code index}; a missing one is a corrupt header for fields the recording needs. */
    String require(FileBytes f, long index, String what) {
        if (index < 0 || index >= strings.size()) {
            throw f.error(what + " refers to string " + index + " but the strings section holds " + strings.size());
        }
        return strings.get((int) index);
    }

    /** The string at {@code index}, or "" for descriptive fields whose loss does not matter. */
    String orEmpty(long index) {
        return index >= 0 && index < strings.size() ? strings.get((int) index) : "";
    }
}
