package glassbox.views;

import glassbox.model.tokenizer.TokenizationSteps;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Replays a tokenizer's recorded steps stage by stage: stage 0 the pre-tokenized chunks, stage 1 the
 * initial pieces (bytes or characters), stage 1+k the pieces after the k-th merge. Works for both
 * SentencePiece (one chunk of characters) and byte-level BPE (many chunks of bytes).
 */
public final class MergeReplay {
    private final TokenizationSteps steps;
    private final List<Integer> chunkSizes;

    public MergeReplay(TokenizationSteps steps) {
        this.steps = steps;
        this.chunkSizes = splitInitial(steps);
    }

    public TokenizationSteps steps() { return steps; }

    public int stageCount() { return 2 + steps.merges().size(); }

    /** The pieces shown at a stage, flattened over chunks in reading order. */
    public List<String> piecesAt(int stage) {
        if (stage <= 0) return steps.chunks();
        List<List<String>> chunks = state(stage - 1);
        List<String> flat = new ArrayList<>();
        chunks.forEach(flat::addAll);
        return flat;
    }

    /** The flat index of the piece the stage's merge produced, or −1. */
    public int mergedIndexAt(int stage) {
        if (stage < 2) return -1;
        var m = steps.merges().get(stage - 2);
        List<List<String>> chunks = state(stage - 1);
        int base = 0;
        for (int c = 0; c < m.chunk() && c < chunks.size(); c++) base += chunks.get(c).size();
        return base + m.position();
    }

    /** The merge applied to reach this stage, or null for stages 0 and 1. */
    public TokenizationSteps.Merge mergeAt(int stage) { return stage < 2 ? null : steps.merges().get(stage - 2); }

    /** Per-chunk pieces after the first {@code merges} merges. */
    private List<List<String>> state(int merges) {
        List<List<String>> chunks = new ArrayList<>();
        int at = 0;
        for (int n : chunkSizes) { chunks.add(new ArrayList<>(steps.initial().subList(at, at + n))); at += n; }
        for (int i = 0; i < merges && i < steps.merges().size(); i++) {
            var m = steps.merges().get(i);
            int c = chunkSizes.size() == 1 ? 0 : m.chunk();
            if (c >= chunks.size()) continue;
            List<String> list = chunks.get(c);
            int p = m.position();
            if (p + 1 < list.size() && list.get(p).equals(m.left()) && list.get(p + 1).equals(m.right())) {
                list.set(p, m.merged());
                list.remove(p + 1);
            } else if (!m.after().isEmpty()) {
                list.clear();
                list.addAll(m.after()); // the recorded list is the truth when positions do not line up
            }
        }
        return chunks;
    }

    /** How many initial pieces each chunk has: one per UTF-8 byte (byte-level) or per code point. */
    private static List<Integer> splitInitial(TokenizationSteps s) {
        int total = s.initial().size();
        if (s.chunks().size() <= 1) return List.of(total);
        List<Integer> bytes = new ArrayList<>(), cps = new ArrayList<>();
        int sb = 0, sc = 0;
        for (String c : s.chunks()) {
            int b = c.getBytes(StandardCharsets.UTF_8).length, p = c.codePointCount(0, c.length());
            bytes.add(b); cps.add(p); sb += b; sc += p;
        }
        if (sb == total) return bytes;
        if (sc == total) return cps;
        return List.of(total);
    }
}
