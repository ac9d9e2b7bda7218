package glassbox.model.arithmetic;

/** How positions enter the model; only LEARNED costs parameters. */
public enum Positions { LEARNED, SINUSOIDAL, ROPE, NONE }
