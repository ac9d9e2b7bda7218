package glassbox.model.transformer;

import java.util.Set;

/** Heads switched off (their output zeroed) for a what-if forward pass. */
public record Ablation(Set<HeadRef> off) {
    public static final Ablation NONE = new Ablation(Set.of());

    public Ablation { off = Set.copyOf(off); }

    public boolean isOff(int layer, int head) { return !off.isEmpty() && off.contains(new HeadRef(layer, head)); }

    /** One attention head of one layer. */
    public record HeadRef(int layer, int head) {}
}
