package glassbox.model.arithmetic;

/**
 * The verdict on one answer.
 *
 * @param parsed         what we understood the answer as (e.g. "124,000,000" or "768 × 768"); empty if unreadable
 * @param relativeError  |answer − truth| / truth (NaN when the answer could not be read)
 * @param divergingStep  index into {@code derivation().steps()} where the answer first goes wrong; -1 if right
 * @param mistake        id of the recognised common mistake (e.g. "forgot_wo"), or "" when none matched
 * @param mistakeText    English explanation of that mistake, or ""
 */
public record DrillCheck(boolean correct, String parsed, double relativeError, Derivation derivation,
                         int divergingStep, String mistake, String mistakeText) {

    public boolean readable() { return !parsed.isEmpty(); }
}
