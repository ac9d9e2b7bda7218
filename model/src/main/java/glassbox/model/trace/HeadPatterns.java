package glassbox.model.trace;

import java.util.ArrayList;
import java.util.List;

/** Recognisable attention patterns, measured on a trace (not looked up): previous-token heads and the like. */
public final class HeadPatterns {
    /** Mean weight on i−1 above this marks a previous-token head (the bar the model cards use). */
    public static final double PREVIOUS_TOKEN_THRESHOLD = 0.5;

    private HeadPatterns() {}

    /** Mean over queries i ≥ 1 of the weight on key i−1; 0 for fewer than two tokens. */
    public static double previousTokenScore(Matrix weights) {
        int t = weights.rows();
        if (t < 2) return 0;
        double sum = 0;
        for (int i = 1; i < t; i++) sum += weights.get(i, i - 1);
        return sum / (t - 1);
    }

    /** One head and its score. */
    public record Scored(int layer, int head, double score) {}

    /** Heads whose previous-token score exceeds the threshold, strongest first. */
    public static List<Scored> previousTokenHeads(ForwardTrace trace) {
        List<Scored> out = new ArrayList<>();
        for (LayerTrace l : trace.layers()) {
            for (HeadTrace h : l.heads()) {
                double s = previousTokenScore(h.weights());
                if (s > PREVIOUS_TOKEN_THRESHOLD) out.add(new Scored(l.layer(), h.head(), s));
            }
        }
        out.sort((a, b) -> Double.compare(b.score(), a.score()));
        return out;
    }
}
