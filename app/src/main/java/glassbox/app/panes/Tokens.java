package glassbox.app.panes;

import glassbox.app.flow.PieceLabel;
import glassbox.model.tokenizer.Tokenizer;
import glassbox.views.TokenChip;
import glassbox.views.TokenText;

import java.util.ArrayList;
import java.util.List;

/** Token ids as the views write them (chips, axis labels), for one tokenizer. */
final class Tokens {
    private Tokens() {}

    static boolean byteLevel(Tokenizer t) { return PieceLabel.byteLevel(t); }

    static List<TokenChip> chips(Tokenizer t, int[] ids) {
        List<TokenChip> out = new ArrayList<>(ids.length);
        for (int id : ids) {
            String piece = t.piece(id);
            TokenChip.Kind kind = t.isSpecial(id) ? TokenChip.Kind.SPECIAL
                    : t.isByteToken(id) || TokenText.isByteFallback(piece) ? TokenChip.Kind.BYTE : TokenChip.Kind.NORMAL;
            out.add(new TokenChip(id, piece, PieceLabel.of(t, id), kind));
        }
        return out;
    }

    /** The visible text of every token (for axis labels and lines). */
    static List<String> shown(Tokenizer t, int[] ids) { return chips(t, ids).stream().map(TokenChip::shown).toList(); }
}
