package glassbox.app.flow;

import glassbox.model.tokenizer.Tokenizer;
import glassbox.views.TokenText;

import java.util.Locale;

/** A token as labels write it: byte-level "Ġthe" and SentencePiece "▁the" both become "␣the", specials stay as named. */
public final class PieceLabel {
    private PieceLabel() {}

    public static boolean byteLevel(Tokenizer t) { return t.kind().toLowerCase(Locale.ROOT).contains("byte-level"); }

    public static String of(Tokenizer t, int id) {
        String piece = t.piece(id);
        return t.isSpecial(id) ? TokenText.visible(piece.strip()) : TokenText.display(piece, byteLevel(t));
    }
}
