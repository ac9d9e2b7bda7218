package glassbox.model.config;

/** Which dimensions RoPE rotates together. */
public enum RopePairing {
    /** (0,1), (2,3), … as in llama2.c and GGUF llama. */
    INTERLEAVED,
    /** (i, i + d/2) as in Hugging Face and GPT-NeoX. */
    HALF_SPLIT
}
