package glassbox.model.arithmetic;

/** LayerNorm has a gain and a bias (2·d parameters); RMSNorm only a gain (d). */
public enum Norm {
    LAYER_NORM(2), RMS_NORM(1);

    private final int vectors;

    Norm(int vectors) { this.vectors = vectors; }

    /** Parameter vectors of length d per norm. */
    public int vectors() { return vectors; }
}
