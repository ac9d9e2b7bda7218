package glassbox.model.config;

/** The architecture families one shared forward pass understands. */
public enum Family { LLAMA, QWEN2, GPT2 }
