package glassbox.app;

import glassbox.model.tokenizer.TokenizationSteps;
import glassbox.model.trace.ForwardTrace;

import java.util.Arrays;
import java.util.List;

/**
 * One published result of the live pipeline: everything every view draws for one prompt, never mixed
 * with another prompt's data.
 *
 * @param prompt       the text as typed
 * @param steps        how the tokenizer got from the (possibly cut) text to ids, or null when it failed
 * @param trace        the forward pass, or null when the recompute failed (then {@code error} says why)
 * @param error        a readable failure message, or null
 * @param notice       something the user should know (e.g. the prompt was cut to the context), or null
 * @param computeNanos time from the start of the recompute to the result
 * @param sequence     increases with every edit; a snapshot with a lower number is never shown after a higher one
 * @param model        the model that produced it
 */
public record Snapshot(String prompt, TokenizationSteps steps, ForwardTrace trace, String error, String notice,
                       long computeNanos, long sequence, ModelHandle model) {

    public boolean ok() { return trace != null; }

    /** The ids fed to the model (BOS first when it uses one), or none. */
    public int[] tokens() { return trace == null ? new int[0] : trace.tokens(); }

    /** The vocabulary pieces of the fed ids, parallel to {@link #tokens()}. */
    public List<String> pieces() {
        return Arrays.stream(tokens()).mapToObj(id -> model.tokenizer().piece(id)).toList();
    }

    public double computeMillis() { return computeNanos / 1e6; }
}
