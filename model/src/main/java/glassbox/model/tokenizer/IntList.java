package glassbox.model.tokenizer;

import java.util.Arrays;

/** A growable int array, so long encodes do not box every id. */
final class IntList {
    private int[] a = new int[16];
    private int n;

    void add(int v) {
        if (n == a.length) a = Arrays.copyOf(a, a.length * 2);
        a[n++] = v;
    }

    int size() { return n; }

    int[] toArray() { return Arrays.copyOf(a, n); }
}
