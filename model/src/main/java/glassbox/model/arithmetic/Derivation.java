package glassbox.model.arithmetic;

import java.util.List;
import java.util.Optional;

/**
 * A titled list of steps; the last step is the result.
 *
 * @param convention one paragraph saying what is counted and what is not (may be empty)
 */
public record Derivation(String id, String title, String convention, List<Step> steps) {
    public Derivation {
        steps = List.copyOf(steps);
        if (steps.isEmpty()) throw new IllegalArgumentException("a derivation needs at least one step");
    }

    public Step result() { return steps.getLast(); }

    public long value() { return result().value(); }

    public Optional<Step> step(String stepId) {
        return steps.stream().filter(s -> s.id().equals(stepId)).findFirst();
    }

    /** Value of the step with this id; fails loudly if absent, since callers name steps they own. */
    public long valueOf(String stepId) {
        return step(stepId).orElseThrow(() -> new IllegalArgumentException("no step " + stepId + " in " + id)).value();
    }

    public int indexOf(String stepId) {
        for (int i = 0; i < steps.size(); i++) if (steps.get(i).id().equals(stepId)) return i;
        return -1;
    }
}
