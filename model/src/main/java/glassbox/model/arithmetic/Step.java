package glassbox.model.arithmetic;

/**
 * One line of a derivation: what it is, the formula in symbols, the same formula with the
 * numbers put in, and the value.
 *
 * @param id          stable key (e.g. {@code params.attn.wo}); the app looks up translations by it
 * @param label       English label
 * @param symbolic    formula in symbols, e.g. {@code d·d}
 * @param substituted formula with numbers, e.g. {@code 768·768}
 */
public record Step(String id, String label, String symbolic, String substituted, long value, Unit unit) {
    public Step {
        if (id == null || label == null || symbolic == null || substituted == null || unit == null) {
            throw new IllegalArgumentException("step fields must not be null");
        }
    }
}
