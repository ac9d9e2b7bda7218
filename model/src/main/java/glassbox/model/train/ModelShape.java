package glassbox.model.train;

/** The sizes of a trainable model. */
public record ModelShape(Arch arch, int vocab, int dim, int layers, int heads, int kvHeads, int ffn, int context) {
    public ModelShape {
        if (vocab < 2 || dim < 2 || layers < 1 || heads < 1 || kvHeads < 1 || ffn < 1 || context < 2)
            throw new IllegalArgumentException("every size must be positive: " + this);
        if (dim % heads != 0) throw new IllegalArgumentException("dim " + dim + " is not a multiple of heads " + heads);
        if (heads % kvHeads != 0) throw new IllegalArgumentException("heads " + heads + " is not a multiple of kv heads " + kvHeads);
        if (arch == Arch.GPT2 && kvHeads != heads) throw new IllegalArgumentException("gpt2 has as many kv heads as heads");
        if (arch == Arch.LLAMA && (dim / heads) % 2 != 0) throw new IllegalArgumentException("RoPE needs an even head size");
    }

    public int headDim() { return dim / heads; }

    public int kvDim() { return kvHeads * headDim(); }
}
