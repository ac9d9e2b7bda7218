package glassbox.model.arithmetic;

/** Which linear layers carry a bias: none (Llama), only Q/K/V (ChatGLM2, Qwen2), or all (GPT-2). */
public enum Biases { NONE, QKV, ALL }
