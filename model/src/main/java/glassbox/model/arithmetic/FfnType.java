package glassbox.model.arithmetic;

/** The feed-forward block: ReLU/GELU use two matrices (up, down); SwiGLU adds a gate (three). */
public enum FfnType {
    RELU(2), GELU(2), SWIGLU(3);

    private final int matrices;

    FfnType(int matrices) { this.matrices = matrices; }

    /** How many d×ffn matrices the block holds. */
    public int matrices() { return matrices; }

    public boolean gated() { return this == SWIGLU; }
}
