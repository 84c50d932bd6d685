package org.patchpinn.io;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A HEKA "tree" (the .pul pulsed tree, the .pgf stimulus tree): a magic ("Tree" big-endian, "eerT"
 * little-endian), the number of levels, the record size of each level, then the records depth first, each
 * followed by its number of children. The trees describe their own record sizes, so records written by newer
 * or older PatchMaster versions are read by offset, and fields beyond a shorter record are absent.
 */
final class HekaTree {
    private static final int MAX_LEVELS = 16;
    private static final int MAX_RECORD = 1 << 20;

    /** One record: where its bytes start, how many there are, and its children. */
    record Node(int level, long offset, int size, List<Node> children) {
        /** Whether the record is long enough to hold a field of {@code length} bytes at {@code at}. */
        boolean has(int at, int length) {
            return at + length <= size;
        }
    }

    private final FileBytes f;
    private final String name;
    private final int[] sizes;
    private final long end;
    private long pos;

    private HekaTree(FileBytes f, String name, int[] sizes, long start, long end) {
        this.f = f;
        this.name = name;
        this.sizes = sizes;
        this.pos = start;
        this.end = end;
    }

    /**
     * Reads the tree that starts at {@code start} and must end by {@code end}; sets the byte order of
     * {@code f} to the tree's. {@code expectedLevels} is checked so a pulsed tree is not taken for a stimulus
     * tree.
     */
    static Node read(FileBytes f, String name, long start, long end, int expectedLevels) {
        String magic = FileBytes.ascii(f.bytes(start, 4, name + " tree magic"));
        switch (magic) {
            case "eerT" -> f.order(ByteOrder.LITTLE_ENDIAN);
            case "Tree" -> f.order(ByteOrder.BIG_ENDIAN);
            default -> throw f.error("the " + name + " tree at byte " + start + " starts with '"
                    + FileBytes.printable(magic) + "', not 'Tree' or 'eerT'");
        }
        int levels = f.i32(start + 4, name + " tree level count");
        if (levels != expectedLevels) {
            throw f.error("the " + name + " tree has " + levels + " levels, expected " + expectedLevels);
        }
        int[] sizes = new int[levels];
        for (int i = 0; i < levels; i++) {
            sizes[i] = f.i32(start + 8 + 4L * i, name + " tree record size " + i);
            if (sizes[i] < 4 || sizes[i] > MAX_RECORD) {
                throw f.error("the " + name + " tree declares records of " + sizes[i] + " bytes at level " + i);
            }
        }
        HekaTree t = new HekaTree(f, name, sizes, start + 8 + 4L * levels, Math.min(end, f.size()));
        return t.node(0);
    }

    private Node node(int level) {
        long at = pos;
        int size = sizes[level];
        if (at + size + 4 > end) {
            throw f.error("the " + name + " tree runs past its end (byte " + end + ") at a level-" + level
                    + " record: the file is truncated or the tree is corrupt");
        }
        pos = at + size;
        int n = f.i32(pos, name + " tree child count");
        pos += 4;
        if (n < 0 || (n > 0 && level + 1 >= sizes.length)) {
            throw f.error("the " + name + " tree has a level-" + level + " record (byte " + at + ") with " + n
                    + " children");
        }
        if (n > 0 && (long) n * (sizes[level + 1] + 4L) > end - pos) {
            throw f.error("the " + name + " tree has a level-" + level + " record (byte " + at + ") with " + n
                    + " children, more than fit in the rest of the tree");
        }
        List<Node> children = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            children.add(node(level + 1));
        }
        return new Node(level, at, size, List.copyOf(children));
    }
}
