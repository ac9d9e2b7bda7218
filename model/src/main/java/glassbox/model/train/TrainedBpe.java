package glassbox.model.train;

import glassbox.model.tokenizer.ByteUnicode;
import glassbox.model.tokenizer.PreTokenizer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A byte-level BPE vocabulary: ids 0..255 are the bytes, id 256+r is merge rank r, and the last id is
 * {@code <|endoftext|>}. Encoding applies the ranked merges per pre-token, lowest rank first.
 */
public final class TrainedBpe {
    /** GPT-2's word split, the same one the app's byte-level tokenizer applies (the trainer counts words with it too). */
    static final PreTokenizer GPT2_WORDS = PreTokenizer.gpt2();
    public static final String END_OF_TEXT = "<|endoftext|>";

    private final int[] mergeLeft;
    private final int[] mergeRight;
    private final Map<Long, Integer> rankOf = new HashMap<>();
    private final byte[][] tokenBytes;
    private final Map<String, int[]> cache = new java.util.concurrent.ConcurrentHashMap<>();

    public TrainedBpe(int[] mergeLeft, int[] mergeRight) {
        if (mergeLeft.length != mergeRight.length) throw new IllegalArgumentException("merge arrays differ in length");
        this.mergeLeft = mergeLeft.clone();
        this.mergeRight = mergeRight.clone();
        int n = mergeLeft.length;
        tokenBytes = new byte[256 + n][];
        for (int b = 0; b < 256; b++) tokenBytes[b] = new byte[]{(byte) b};
        for (int r = 0; r < n; r++) {
            int a = mergeLeft[r], c = mergeRight[r];
            if (a < 0 || c < 0 || a >= 256 + r || c >= 256 + r) throw new IllegalArgumentException("merge " + r + " uses an unknown token");
            byte[] x = tokenBytes[a], y = tokenBytes[c], z = new byte[x.length + y.length];
            System.arraycopy(x, 0, z, 0, x.length);
            System.arraycopy(y, 0, z, x.length, y.length);
            tokenBytes[256 + r] = z;
            rankOf.put(key(a, c), r);
        }
    }

    static long key(int a, int b) { return ((long) a << 32) | (b & 0xFFFFFFFFL); }

    public int mergeCount() { return mergeLeft.length; }
    public int mergeLeft(int rank) { return mergeLeft[rank]; }
    public int mergeRight(int rank) { return mergeRight[rank]; }

    /** Vocabulary size including {@code <|endoftext|>}. */
    public int vocabSize() { return 256 + mergeLeft.length + 1; }

    public int endOfText() { return 256 + mergeLeft.length; }

    public byte[] bytes(int id) { return id == endOfText() ? new byte[0] : tokenBytes[id].clone(); }

    /** GPT-2 vocabulary spelling of a token (byte→unicode characters). */
    public String piece(int id) { return id == endOfText() ? END_OF_TEXT : ByteUnicode.spell(tokenBytes[id]); }

    public List<String> pieces() {
        List<String> out = new ArrayList<>(vocabSize());
        for (int i = 0; i < vocabSize(); i++) out.add(piece(i));
        return out;
    }

    /** "left right" spellings in rank order, as {@code tokenizer.ggml.merges}. */
    public List<String> mergeStrings() {
        List<String> out = new ArrayList<>(mergeLeft.length);
        for (int r = 0; r < mergeLeft.length; r++) out.add(piece(mergeLeft[r]) + " " + piece(mergeRight[r]));
        return out;
    }

    /** Token ids of the text (no BOS/EOS). */
    public int[] encode(String text) {
        var out = new IntList();
        for (String word : GPT2_WORDS.split(text)) out.addAll(encodeWord(word));
        return out.toArray();
    }

    /** Ids of one pre-token: start from its bytes, merge the lowest-ranked adjacent pair (all occurrences) until none applies. */
    public int[] encodeWord(String word) {
        int[] hit = cache.get(word);
        if (hit != null) return hit;
        byte[] b = word.getBytes(StandardCharsets.UTF_8);
        int[] sym = new int[b.length];
        for (int i = 0; i < b.length; i++) sym[i] = b[i] & 0xFF;
        int n = sym.length;
        while (n > 1) {
            int best = Integer.MAX_VALUE;
            for (int i = 0; i + 1 < n; i++) {
                Integer r = rankOf.get(key(sym[i], sym[i + 1]));
                if (r != null && r < best) best = r;
            }
            if (best == Integer.MAX_VALUE) break;
            int a = mergeLeft[best], c = mergeRight[best], w = 0;
            for (int i = 0; i < n; i++) {
                if (i + 1 < n && sym[i] == a && sym[i + 1] == c) { sym[w++] = 256 + best; i++; }
                else sym[w++] = sym[i];
            }
            n = w;
        }
        int[] ids = java.util.Arrays.copyOf(sym, n);
        if (cache.size() < 200_000) cache.put(word, ids);
        return ids;
    }

    /** The text of a sequence of ids (invalid UTF-8 becomes U+FFFD). */
    public String decode(int[] ids) {
        var bytes = new java.io.ByteArrayOutputStream();
        for (int id : ids) bytes.writeBytes(tokenBytesOrEmpty(id));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private byte[] tokenBytesOrEmpty(int id) { return id == endOfText() ? new byte[0] : tokenBytes[id]; }

    /** Number of UTF-8 bytes the ids stand for. */
    public long byteLength(int[] ids) {
        long n = 0;
        for (int id : ids) n += tokenBytesOrEmpty(id).length;
        return n;
    }

    /** Growable int array without boxing. */
    static final class IntList {
        int[] a = new int[16];
        int n;
        void add(int v) { if (n == a.length) a = java.util.Arrays.copyOf(a, n * 2); a[n++] = v; }
        void addAll(int[] v) { for (int x : v) add(x); }
        int[] toArray() { return java.util.Arrays.copyOf(a, n); }
    }
}
