package glassbox.model.config;

/** The MLP's non-linearity; SWIGLU implies a gated three-matrix MLP. */
public enum Activation { SWIGLU, GELU, RELU }
