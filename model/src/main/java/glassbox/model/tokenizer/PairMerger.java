package glassbox.model.tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The merge loop both BPE kinds share: adjacent symbols are merged best-first (lowest priority value,
 * then leftmost) from a priority queue over a linked list, so long texts stay near-linear.
 * SentencePiece passes −score as priority, byte-level BPE the merge rank.
 */
final class PairMerger {
    /**
     * Above this many initial pieces in a text, merges are still recorded but without the piece list after each (a
     * merge's position already says where it happened). Why: the lists grow as pieces² — a 258-token SentencePiece
     * prompt kept ~2 MB of them per keystroke, alive as long as the window showed it, so the collector copied them.
     */
    static final int TRACK_LIMIT = 256;

    /** Which adjacent pairs may merge and how urgently. */
    interface Rule {
        /** Lower merges first; {@code Double.NaN} if the pair cannot merge. */
        double priority(String left, String right);

        /** The vocabulary id of the merged piece (for the steps view). */
        int mergedId(String left, String right);
    }

    private record Candidate(double priority, int left, int right, int leftLen, int rightLen) {}

    private PairMerger() {}

    /**
     * Merges {@code initial} under {@code rule}; appends each merge to {@code steps} when it is not null,
     * with the chunk's piece list after it only when {@code track} (callers pass false for long texts).
     * Returns the final pieces.
     */
    static List<String> merge(List<String> initial, Rule rule, int chunk, List<TokenizationSteps.Merge> steps, boolean track) {
        int n = initial.size();
        String[] text = initial.toArray(String[]::new);
        int[] prev = new int[n], next = new int[n];
        for (int k = 0; k < n; k++) { prev[k] = k - 1; next[k] = k + 1 < n ? k + 1 : -1; }
        track = track && steps != null;
        // alive[k] as a Fenwick tree, so a merge's position in the current list costs O(log n)
        int[] fenwick = steps == null ? null : aliveTree(n);
        PriorityQueue<Candidate> queue = new PriorityQueue<>(Math.max(1, n), (a, b) -> {
            int c = Double.compare(a.priority, b.priority);
            return c != 0 ? c : Integer.compare(a.left, b.left);
        });
        for (int k = 0; k + 1 < n; k++) offer(queue, rule, text, k, k + 1);
        while (!queue.isEmpty()) {
            Candidate c = queue.poll();
            String l = text[c.left], r = text[c.right];
            // stale entries: a side was merged away or grew since the candidate was queued
            if (l == null || r == null || next[c.left] != c.right || l.length() != c.leftLen || r.length() != c.rightLen) continue;
            String merged = l + r;
            text[c.left] = merged;
            text[c.right] = null;
            int after = next[c.right];
            next[c.left] = after;
            if (after >= 0) prev[after] = c.left;
            if (steps != null) {
                int position = prefix(fenwick, c.left);
                remove(fenwick, c.right);
                steps.add(new TokenizationSteps.Merge(chunk, position, l, r, merged, rule.mergedId(l, r), c.priority,
                        track ? alive(text, next, first(prev, c.left)) : List.of()));
            }
            if (prev[c.left] >= 0) offer(queue, rule, text, prev[c.left], c.left);
            if (after >= 0) offer(queue, rule, text, c.left, after);
        }
        return n == 0 ? List.of() : alive(text, next, 0);
    }

    private static void offer(PriorityQueue<Candidate> q, Rule rule, String[] text, int l, int r) {
        double p = rule.priority(text[l], text[r]);
        if (!Double.isNaN(p)) q.add(new Candidate(p, l, r, text[l].length(), text[r].length()));
    }

    private static int[] aliveTree(int n) {
        int[] t = new int[n + 1];
        for (int k = 1; k <= n; k++) {
            t[k] += 1;
            int parent = k + (k & -k);
            if (parent <= n) t[parent] += t[k];
        }
        return t;
    }

    /** How many symbols are alive before index k. */
    private static int prefix(int[] t, int k) {
        int sum = 0;
        for (int i = k; i > 0; i -= i & -i) sum += t[i];
        return sum;
    }

    private static void remove(int[] t, int k) {
        for (int i = k + 1; i < t.length; i += i & -i) t[i] -= 1;
    }

    private static int first(int[] prev, int k) {
        while (prev[k] >= 0) k = prev[k];
        return k;
    }

    private static List<String> alive(String[] text, int[] next, int start) {
        List<String> out = new ArrayList<>();
        for (int k = start; k >= 0; k = next[k]) out.add(text[k]);
        return out;
    }
}
