package glassbox.model.config;

/** RMSNorm (Llama) rescales only; LayerNorm (GPT-2) also centres and has a bias. */
public enum NormKind { RMS_NORM, LAYER_NORM }
