package glassbox.model.arithmetic;

/** What a derivation step's value counts. */
public enum Unit { COUNT, PARAMS, FLOPS, BYTES }
