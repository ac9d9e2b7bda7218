package glassbox.model.json;

import glassbox.model.trace.Matrix;

/** A tiny streaming JSON writer: objects, arrays, strings, numbers; commas handled for you. */
public final class JsonWriter {
    private final StringBuilder sb = new StringBuilder();
    private boolean needComma;

    public JsonWriter beginObject() { sep(); sb.append('{'); needComma = false; return this; }
    public JsonWriter endObject() { sb.append('}'); needComma = true; return this; }
    public JsonWriter beginArray() { sep(); sb.append('['); needComma = false; return this; }
    public JsonWriter endArray() { sb.append(']'); needComma = true; return this; }

    /** An object key; the next value call writes its value. */
    public JsonWriter name(String key) { sep(); quote(key); sb.append(':'); needComma = false; return this; }

    public JsonWriter value(String s) { sep(); if (s == null) sb.append("null"); else quote(s); needComma = true; return this; }
    public JsonWriter value(long v) { sep(); sb.append(v); needComma = true; return this; }
    public JsonWriter value(boolean v) { sep(); sb.append(v); needComma = true; return this; }
    public JsonWriter value(double v) { sep(); num(v); needComma = true; return this; }
    public JsonWriter value(float v) { sep(); numF(v); needComma = true; return this; }
    public JsonWriter nullValue() { sep(); sb.append("null"); needComma = true; return this; }

    public JsonWriter value(int[] a) {
        beginArray();
        for (int v : a) value(v);
        return endArray();
    }

    public JsonWriter value(float[] a) {
        beginArray();
        for (float v : a) value(v);
        return endArray();
    }

    /** A matrix as an array of row arrays (null stays null). */
    public JsonWriter value(Matrix m) {
        if (m == null) return nullValue();
        beginArray();
        for (int r = 0; r < m.rows(); r++) {
            beginArray();
            for (int c = 0; c < m.cols(); c++) value(m.get(r, c));
            endArray();
        }
        return endArray();
    }

    public JsonWriter field(String key, String v) { return name(key).value(v); }
    public JsonWriter field(String key, long v) { return name(key).value(v); }
    public JsonWriter field(String key, double v) { return name(key).value(v); }
    public JsonWriter field(String key, boolean v) { return name(key).value(v); }
    public JsonWriter field(String key, int[] v) { return name(key).value(v); }

    @Override public String toString() { return sb.toString(); }

    private void sep() { if (needComma) sb.append(','); needComma = false; }

    private void num(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) sb.append("null");   // JSON has no NaN/∞
        else if (v == Math.rint(v) && Math.abs(v) < 1e15) sb.append((long) v);
        else sb.append(v);
    }

    private void numF(float v) {
        if (Float.isNaN(v) || Float.isInfinite(v)) sb.append("null");
        else if (v == Math.rint(v) && Math.abs(v) < 1e7) sb.append((long) v);
        else sb.append(v);
    }

    private void quote(String s) { sb.append(JsonText.quote(s)); }
}
