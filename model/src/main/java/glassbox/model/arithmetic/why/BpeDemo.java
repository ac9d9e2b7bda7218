package glassbox.model.arithmetic.why;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * BPE training, one merge at a time, on Sennrich et al.'s (2016) toy corpus
 * {low: 5, lower: 2, newest: 6, widest: 3} with an end-of-word marker {@code </w>}. Each step
 * counts adjacent pairs (weighted by word frequency) and merges the most frequent; ties go to
 * the pair seen first.
 */
public final class BpeDemo {
    private BpeDemo() {}

    public static final String END = "</w>";

    /** One merge: the pair, how often it occurred, and every word's symbols after it. */
    public record Merge(String left, String right, int count, Map<String, List<String>> words) {
        public String merged() { return left + right; }
    }

    public static Map<String, Integer> sennrichCorpus() {
        var c = new LinkedHashMap<String, Integer>();
        c.put("low", 5); c.put("lower", 2); c.put("newest", 6); c.put("widest", 3);
        return c;
    }

    public static List<Merge> train(Map<String, Integer> corpus, int merges) {
        var words = new LinkedHashMap<String, List<String>>();
        corpus.forEach((w, c) -> {
            var syms = new ArrayList<String>();
            w.codePoints().forEach(cp -> syms.add(new String(Character.toChars(cp))));
            syms.add(END);
            words.put(w, syms);
        });
        var out = new ArrayList<Merge>();
        for (int m = 0; m < merges; m++) {
            var counts = new LinkedHashMap<String, Integer>();
            var pairs = new LinkedHashMap<String, String[]>();
            words.forEach((w, syms) -> {
                for (int i = 0; i + 1 < syms.size(); i++) {
                    String key = syms.get(i) + "\u0000" + syms.get(i + 1);
                    counts.merge(key, corpus.get(w), Integer::sum);
                    pairs.putIfAbsent(key, new String[] {syms.get(i), syms.get(i + 1)});
                }
            });
            if (counts.isEmpty()) break;
            String best = null;
            for (var e : counts.entrySet()) if (best == null || e.getValue() > counts.get(best)) best = e.getKey();
            String[] p = pairs.get(best);
            var snapshot = new LinkedHashMap<String, List<String>>();
            words.forEach((w, syms) -> {
                var merged = new ArrayList<String>();
                for (int i = 0; i < syms.size(); i++) {
                    if (i + 1 < syms.size() && syms.get(i).equals(p[0]) && syms.get(i + 1).equals(p[1])) { merged.add(p[0] + p[1]); i++; }
                    else merged.add(syms.get(i));
                }
                words.put(w, merged);
                snapshot.put(w, List.copyOf(merged));
            });
            out.add(new Merge(p[0], p[1], counts.get(best), snapshot));
        }
        return out;
    }
}
