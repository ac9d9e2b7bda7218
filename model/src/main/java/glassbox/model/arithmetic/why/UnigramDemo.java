package glassbox.model.arithmetic.why;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Unigram LM tokenization (Kudo 2018): a segmentation's probability is the product of its pieces'
 * probabilities; Viterbi finds the best one. With exact fractions, so the numbers are exact.
 * <p>
 * Example vocabulary (normalised, sums to 1): P(a) = P(b) = 1/4, P(ab) = 1/8, P(c) = 3/8. "ababc"
 * has four segmentations: [ab,ab,c] 3/512, [ab,a,b,c] and [a,b,ab,c] 3/1024 each, [a,b,a,b,c]
 * 3/2048; total 27/2048. Viterbi picks [ab,ab,c]; its likelihood among all segmentations,
 * P(best) / P("ababc") = (3/512)/(27/2048) = 4/9 (each "ab" chunk: 1/8 vs 1/16, so (2/3)² = 4/9).
 * We did not find a published source for the "4/9" example; this vocabulary is ours.
 */
public final class UnigramDemo {
    private UnigramDemo() {}

    /** A non-negative fraction in lowest terms. */
    public record Fraction(BigInteger num, BigInteger den) {
        public Fraction {
            var g = num.gcd(den);
            if (g.signum() != 0 && !g.equals(BigInteger.ONE)) { num = num.divide(g); den = den.divide(g); }
        }
        public static Fraction of(long n, long d) { return new Fraction(BigInteger.valueOf(n), BigInteger.valueOf(d)); }
        public Fraction times(Fraction o) { return new Fraction(num.multiply(o.num), den.multiply(o.den)); }
        public Fraction plus(Fraction o) { return new Fraction(num.multiply(o.den).add(o.num.multiply(den)), den.multiply(o.den)); }
        public Fraction over(Fraction o) { return new Fraction(num.multiply(o.den), den.multiply(o.num)); }
        public int compareTo(Fraction o) { return num.multiply(o.den).compareTo(o.num.multiply(den)); }
        public double value() { return num.doubleValue() / den.doubleValue(); }
        @Override public String toString() { return num + "/" + den; }
    }

    /** One cell of the Viterbi table: best probability of the prefix ending at {@code end}, and its last piece. */
    public record Cell(int end, Fraction best, String lastPiece) {}

    public record Segmentation(List<String> pieces, Fraction probability) {}

    /**
     * @param all       every segmentation with its probability
     * @param total     P(text) summed over segmentations
     * @param share     P(best) / P(text)
     */
    public record Result(String text, Map<String, Fraction> vocab, List<Cell> viterbi, Segmentation best,
                         List<Segmentation> all, Fraction total, Fraction share) {}

    public static Map<String, Fraction> exampleVocab() {
        var v = new LinkedHashMap<String, Fraction>();
        v.put("a", Fraction.of(1, 4)); v.put("b", Fraction.of(1, 4)); v.put("ab", Fraction.of(1, 8)); v.put("c", Fraction.of(3, 8));
        return v;
    }

    public static Result run() { return run("ababc", exampleVocab()); }

    public static Result run(String text, Map<String, Fraction> vocab) {
        int n = text.length();
        var best = new Fraction[n + 1];
        var last = new String[n + 1];
        best[0] = Fraction.of(1, 1);
        var cells = new ArrayList<Cell>();
        for (int end = 1; end <= n; end++) {
            for (var e : vocab.entrySet()) {
                int start = end - e.getKey().length();
                if (start < 0 || best[start] == null || !text.startsWith(e.getKey(), start)) continue;
                var p = best[start].times(e.getValue());
                if (best[end] == null || p.compareTo(best[end]) > 0) { best[end] = p; last[end] = e.getKey(); }
            }
            cells.add(new Cell(end, best[end], last[end]));
        }
        if (best[n] == null) throw new IllegalArgumentException("'" + text + "' cannot be segmented with this vocabulary");
        var pieces = new ArrayList<String>();
        for (int end = n; end > 0; end -= last[end].length()) pieces.addFirst(last[end]);
        var all = new ArrayList<Segmentation>();
        enumerate(text, 0, vocab, new ArrayList<>(), Fraction.of(1, 1), all);
        var total = Fraction.of(0, 1);
        for (var s : all) total = total.plus(s.probability());
        var top = new Segmentation(List.copyOf(pieces), best[n]);
        return new Result(text, Map.copyOf(vocab), List.copyOf(cells), top, List.copyOf(all), total, best[n].over(total));
    }

    private static void enumerate(String t, int at, Map<String, Fraction> v, List<String> cur, Fraction p, List<Segmentation> out) {
        if (out.size() > 1000) return; // the card lists a handful; long texts stop here
        if (at == t.length()) { out.add(new Segmentation(List.copyOf(cur), p)); return; }
        for (var e : v.entrySet()) {
            if (!t.startsWith(e.getKey(), at)) continue;
            cur.add(e.getKey());
            enumerate(t, at + e.getKey().length(), v, cur, p.times(e.getValue()), out);
            cur.removeLast();
        }
    }
}
