package glassbox.model.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The structure of a seed file: its fields and the offsets where one structural element ends and
 * the next begins (truncating exactly there is the classic reader bug).
 */
final class Layout {
    private final List<Field> fields = new ArrayList<>();
    private final TreeSet<Long> boundaries = new TreeSet<>();
    /** Bytes from here on are bulk data (tensor weights): random flips there are rarely interesting. */
    private long headerEnd = -1;

    void field(long offset, int width, Field.Kind kind, String label) {
        fields.add(new Field(offset, width, kind, label));
        boundaries.add(offset);
        boundaries.add(offset + width);
    }

    void boundary(long offset) { boundaries.add(offset); }

    void markHeaderEnd(long offset) { headerEnd = offset; boundaries.add(offset); }

    /** Adds another layout's fields and boundaries, moved by {@code by} bytes (a JSON header inside a binary file). */
    void include(Layout other, long by) {
        for (Field f : other.fields) field(f.offset() + by, f.width(), f.kind(), f.label());
        for (long b : other.boundaries) boundary(b + by);
    }

    List<Field> fields() { return fields; }

    List<Field> fields(Field.Kind kind) { return fields.stream().filter(f -> f.kind() == kind).toList(); }

    long[] boundaries() { return boundaries.stream().mapToLong(Long::longValue).toArray(); }

    long headerEnd(long fileSize) { return headerEnd < 0 ? fileSize : headerEnd; }
}
