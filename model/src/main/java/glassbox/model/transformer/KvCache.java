package glassbox.model.transformer;

import glassbox.model.trace.Matrix;

import java.util.Arrays;

/**
 * The keys and values of every position seen so far, per layer, so a new token attends to the past
 * without recomputing it. Rows are kvDim wide (GQA: fewer K/V heads than query heads). Storage grows
 * by doubling up to the model's context, so a short chat on a long-context model stays small.
 */
public final class KvCache {
    private final int layers, kvDim, capacity;
    private final float[][] keys, values;
    private int length;

    public KvCache(int layers, int kvDim, int capacity) {
        this.layers = layers;
        this.kvDim = kvDim;
        this.capacity = capacity;
        this.keys = new float[layers][];
        this.values = new float[layers][];
        int initial = Math.min(capacity, 64);
        for (int l = 0; l < layers; l++) {
            keys[l] = new float[initial * kvDim];
            values[l] = new float[initial * kvDim];
        }
    }

    public int layers() { return layers; }

    /** Rows filled. */
    public int length() { return length; }

    /** The most rows this cache can hold (the model's context). */
    public int capacity() { return capacity; }

    public int kvDim() { return kvDim; }

    /** length × kvDim copy of layer's keys. */
    public Matrix keys(int layer) { return new Matrix(length, kvDim, Arrays.copyOf(keys[layer], length * kvDim)); }

    public Matrix values(int layer) { return new Matrix(length, kvDim, Arrays.copyOf(values[layer], length * kvDim)); }

    /** Bytes of the filled rows (all layers, K and V). */
    public long bytes() { return 2L * layers * length * kvDim * Float.BYTES; }

    /** Bytes the cache would take at full context. */
    public long capacityBytes() { return 2L * layers * capacity * kvDim * Float.BYTES; }

    /** Makes room for rows [0, rows); throws when the context is full. */
    void ensure(int rows) {
        if (rows > capacity) {
            throw new IllegalStateException("the context of " + capacity + " positions is full (asked for " + rows + ")");
        }
        if ((long) rows * kvDim <= keys[0].length) return;
        long grown = Math.max(rows, Math.min(capacity, 2L * keys[0].length / kvDim));
        for (int l = 0; l < layers; l++) {
            keys[l] = Arrays.copyOf(keys[l], (int) (grown * kvDim));
            values[l] = Arrays.copyOf(values[l], (int) (grown * kvDim));
        }
    }

    float[] keyArray(int layer) { return keys[layer]; }

    float[] valueArray(int layer) { return values[layer]; }

    void setLength(int length) { this.length = length; }

    /** Forgets everything from row {@code length} on (rewinding a session). */
    void truncate(int length) {
        if (length < 0 || length > this.length) throw new IllegalArgumentException("cannot truncate " + this.length + " rows to " + length);
        this.length = length;
    }
}
