package glassbox.app.classroom;

import glassbox.model.json.JsonText;
import glassbox.model.trace.Matrix;

import java.util.List;

/**
 * A {@link Matrix} as CSV (RFC 4180) or JSON. Values are written with {@link Float#toString}, which
 * reads back to the identical float; −∞ (masked scores) and NaN appear as -Infinity / NaN in CSV and
 * as the strings "-Infinity" / "NaN" in JSON, which has no such numbers.
 */
public final class MatrixExport {
    private MatrixExport() {}

    public static String csv(Matrix m) { return csv(m, null, null); }

    /**
     * @param rowLabels one per row or null; when given, the first column holds them
     * @param colLabels one per column or null; when given, the first line holds them
     */
    public static String csv(Matrix m, List<String> rowLabels, List<String> colLabels) {
        check(m, rowLabels, colLabels);
        var sb = new StringBuilder(m.rows() * m.cols() * 10 + 64);
        if (colLabels != null) {
            if (rowLabels != null) sb.append("\"\",");
            for (int c = 0; c < m.cols(); c++) { if (c > 0) sb.append(','); sb.append(csvCell(colLabels.get(c))); }
            sb.append("\r\n");
        }
        for (int r = 0; r < m.rows(); r++) {
            if (rowLabels != null) sb.append(csvCell(rowLabels.get(r))).append(',');
            for (int c = 0; c < m.cols(); c++) { if (c > 0) sb.append(','); sb.append(Float.toString(m.get(r, c))); }
            sb.append("\r\n");
        }
        return sb.toString();
    }

    public static String json(Matrix m) { return json(m, null, null); }

    /** {"shape":[rows,cols],"rowLabels":[…],"colLabels":[…],"data":[[…],…]}; labels only when given. */
    public static String json(Matrix m, List<String> rowLabels, List<String> colLabels) {
        check(m, rowLabels, colLabels);
        var sb = new StringBuilder(m.rows() * m.cols() * 10 + 64);
        sb.append("{\"shape\":[").append(m.rows()).append(',').append(m.cols()).append(']');
        if (rowLabels != null) labels(sb.append(",\"rowLabels\":"), rowLabels);
        if (colLabels != null) labels(sb.append(",\"colLabels\":"), colLabels);
        sb.append(",\"data\":[");
        for (int r = 0; r < m.rows(); r++) {
            sb.append(r == 0 ? "\n[" : ",\n[");
            for (int c = 0; c < m.cols(); c++) {
                if (c > 0) sb.append(',');
                float v = m.get(r, c);
                sb.append(Float.isFinite(v) ? Float.toString(v) : "\"" + v + "\"");
            }
            sb.append(']');
        }
        return sb.append("]}\n").toString();
    }

    /** Quotes every label: tokens hold commas, quotes, line breaks and leading spaces. */
    static String csvCell(String s) { return '"' + (s == null ? "" : s.replace("\"", "\"\"")) + '"'; }

    private static void labels(StringBuilder sb, List<String> labels) {
        sb.append('[');
        for (int i = 0; i < labels.size(); i++) { if (i > 0) sb.append(','); sb.append(JsonText.quote(labels.get(i) == null ? "" : labels.get(i))); }
        sb.append(']');
    }

    private static void check(Matrix m, List<String> rowLabels, List<String> colLabels) {
        if (rowLabels != null && rowLabels.size() != m.rows())
            throw new IllegalArgumentException(rowLabels.size() + " row labels for " + m.rows() + " rows");
        if (colLabels != null && colLabels.size() != m.cols())
            throw new IllegalArgumentException(colLabels.size() + " column labels for " + m.cols() + " columns");
    }
}
