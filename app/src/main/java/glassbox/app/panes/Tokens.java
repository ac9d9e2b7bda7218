package glassbox.app.panes;

import glassbox.model.tokenizer.Tokenizer;
import glassbox.views.TokenChip;
import glassbox.views.TokenText;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Token ids as the views write them (chips, axis labels), for one tokenizer. */
final class Tokens {
    private Tokens() {}

    static boolean byteLevel(Tokenizer t) { return t.kind().toLowerCase(Locale.ROOT).contains("byte-level"); }

    static List<TokenChip> chips(Tokenizer t, int[] ids) {
        boolean bl = byteLevel(t);
        List<TokenChip> out = new ArrayList<>(ids.length);
        for (int id : ids) {
            String piece = t.piece(id);
            TokenChip.Kind kind = t.isSpecial(id) ? TokenChip.Kind.SPECIAL
                    : t.isByteToken(id) || TokenText.isByteFallback(piece) ? TokenChip.Kind.BYTE : TokenChip.Kind.NORMAL;
            out.add(new TokenChip(id, piece, kind == TokenChip.Kind.SPECIAL ? TokenText.visible(piece.strip()) : TokenText.display(piece, bl), kind));
        }
        return out;
    }

    /** The visible text of every token (for axis labels and lines). */
    static List<String> shown(Tokenizer t, int[] ids) { return chips(t, ids).stream().map(TokenChip::shown).toList(); }
}
