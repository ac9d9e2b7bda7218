package glassbox.model.tokenizer;

/** GGUF {@code tokenizer.ggml.token_type} values (SentencePiece's piece types). */
public final class TokenTypes {
    public static final int UNDEFINED = 0, NORMAL = 1, UNKNOWN = 2, CONTROL = 3, USER_DEFINED = 4, UNUSED = 5, BYTE = 6;

    private TokenTypes() {}
}
