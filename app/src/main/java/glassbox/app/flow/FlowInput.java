package glassbox.app.flow;

import glassbox.model.trace.ForwardTrace;

import java.util.List;

/**
 * What one published result gives the flow panes: the trace, the token pieces to label it with, and the
 * model for the panes that compute more (null when only the trace is at hand).
 */
public record FlowInput(ForwardTrace trace, List<String> pieces, FlowModel model) {
    public FlowInput(ForwardTrace trace, List<String> pieces) { this(trace, pieces, null); }

    public FlowInput {
        pieces = List.copyOf(pieces);
        if (pieces.size() != trace.length()) throw new IllegalArgumentException(pieces.size() + " labels for " + trace.length() + " tokens");
    }

    /** Labels every token of the trace as the token chips write it ("␣the", not "Ġthe"). */
    public static FlowInput of(ForwardTrace trace, glassbox.model.tokenizer.Tokenizer tokenizer, FlowModel model) {
        return new FlowInput(trace, java.util.Arrays.stream(trace.tokens()).mapToObj(id -> PieceLabel.of(tokenizer, id)).toList(), model);
    }

    /** Short labels "0:▁the" for rows. */
    public List<String> rowLabels() {
        return java.util.stream.IntStream.range(0, pieces.size()).mapToObj(i -> i + ":" + pieces.get(i)).toList();
    }
}
