package glassbox.model.train;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Learns byte-level BPE merges: count pre-tokenized words, then repeatedly merge the most frequent
 * adjacent pair. Pair counts are updated only for the words that contain the merged pair.
 */
public final class BpeTrainer {
    private BpeTrainer() {}

    /** Learns merges until the vocabulary (256 bytes + merges + end-of-text) has {@code vocabSize} entries. */
    public static TrainedBpe train(String text, int vocabSize) {
        if (vocabSize < 257) throw new IllegalArgumentException("vocabulary must hold at least the 256 bytes and <|endoftext|>");
        Map<String, Integer> wordFreq = new HashMap<>();
        for (String w : TrainedBpe.GPT2_WORDS.split(text)) wordFreq.merge(w, 1, Integer::sum);
        int nw = wordFreq.size();
        int[][] words = new int[nw][];
        int[] lens = new int[nw];
        long[] freq = new long[nw];
        int wi = 0;
        for (var e : wordFreq.entrySet()) {
            byte[] b = e.getKey().getBytes(StandardCharsets.UTF_8);
            words[wi] = new int[b.length];
            for (int i = 0; i < b.length; i++) words[wi][i] = b[i] & 0xFF;
            lens[wi] = b.length;
            freq[wi] = e.getValue();
            wi++;
        }
        Map<Long, Long> pairCount = new HashMap<>();
        Map<Long, Set<Integer>> where = new HashMap<>();
        for (int w = 0; w < nw; w++) addPairs(words[w], lens[w], freq[w], w, pairCount, where);

        int merges = vocabSize - 257;
        List<int[]> out = new ArrayList<>();
        for (int r = 0; r < merges; r++) {
            long bestKey = -1, bestCount = 0;
            for (var e : pairCount.entrySet()) {
                long c = e.getValue();
                // ties go to the smaller pair key, so training is deterministic
                if (c > bestCount || (c == bestCount && Long.compareUnsigned(e.getKey(), bestKey) < 0)) {
                    bestCount = c; bestKey = e.getKey();
                }
            }
            if (bestCount < 1) break;
            int a = (int) (bestKey >>> 32), b = (int) bestKey, id = 256 + r;
            out.add(new int[]{a, b});
            for (int w : new ArrayList<>(where.getOrDefault(bestKey, Set.of()))) {
                addPairs(words[w], lens[w], -freq[w], -1, pairCount, where);
                int[] s = words[w];
                int n = lens[w], k = 0;
                for (int i = 0; i < n; i++) {
                    if (i + 1 < n && s[i] == a && s[i + 1] == b) { s[k++] = id; i++; }
                    else s[k++] = s[i];
                }
                lens[w] = k;
                addPairs(s, k, freq[w], w, pairCount, where);
            }
            pairCount.remove(bestKey);
            where.remove(bestKey);
        }
        int[] left = new int[out.size()], right = new int[out.size()];
        for (int i = 0; i < out.size(); i++) { left[i] = out.get(i)[0]; right[i] = out.get(i)[1]; }
        return new TrainedBpe(left, right);
    }

    private static void addPairs(int[] s, int n, long f, int word, Map<Long, Long> count, Map<Long, Set<Integer>> where) {
        for (int i = 0; i + 1 < n; i++) {
            long k = TrainedBpe.key(s[i], s[i + 1]);
            long c = count.getOrDefault(k, 0L) + f;
            if (c <= 0) count.remove(k); else count.put(k, c);
            if (word >= 0) where.computeIfAbsent(k, x -> new HashSet<>()).add(word);
        }
    }
}
