package glassbox.model.fuzz;

/** Layout of a text file (JSON, merges list): structural characters and line ends as boundaries, numbers as fields. */
final class TextLayout {
    private TextLayout() {}

    static Layout of(byte[] bytes) {
        Layout l = new Layout();
        int k = 0;
        while (k < bytes.length) {
            byte c = bytes[k];
            if ("{}[]:,\"\n".indexOf(c) >= 0) l.boundary(k);
            if (c >= '0' && c <= '9' || c == '-' && k + 1 < bytes.length && bytes[k + 1] >= '0' && bytes[k + 1] <= '9') {
                int start = k++;
                while (k < bytes.length && (bytes[k] >= '0' && bytes[k] <= '9' || bytes[k] == '.' || bytes[k] == 'e')) k++;
                l.field(start, k - start, Field.Kind.COUNT, "number");
                continue;
            }
            if (c == '"') {
                int start = ++k;
                while (k < bytes.length && bytes[k] != '"') k += bytes[k] == '\\' ? 2 : 1;
                if (k > start) l.field(start, Math.min(k, bytes.length) - start, Field.Kind.TEXT, "string");
            }
            k++;
        }
        l.markHeaderEnd(bytes.length);
        return l;
    }
}
