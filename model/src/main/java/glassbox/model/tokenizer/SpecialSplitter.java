package glassbox.model.tokenizer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Cuts user-defined tokens (spelled literally in the text) out before the BPE runs, as llama.cpp's
 * {@code tokenizer_st_partition} does: longest token first, each occurrence in each remaining raw
 * fragment. Control tokens such as {@code <s>} are not cut: typed text never becomes a control token.
 */
final class SpecialSplitter {
    /** A raw text fragment ({@code id == -1}) or a token cut out of the text. */
    record Fragment(String text, int id) {
        boolean raw() { return id < 0; }
    }

    private record Literal(String text, int id) {}

    private final List<Literal> literals;

    SpecialSplitter(String[] pieces, int[] types, int userDefinedType) {
        List<Literal> l = new ArrayList<>();
        for (int id = 0; id < pieces.length; id++) {
            if (types[id] == userDefinedType && !pieces[id].isEmpty()) l.add(new Literal(pieces[id], id));
        }
        l.sort(Comparator.comparingInt((Literal x) -> x.text.length()).reversed());
        this.literals = List.copyOf(l);
    }

    boolean isEmpty() { return literals.isEmpty(); }

    List<Fragment> split(String text) {
        List<Fragment> frags = new ArrayList<>(List.of(new Fragment(text, -1)));
        if (text.isEmpty()) return List.of();
        for (Literal lit : literals) {
            List<Fragment> next = new ArrayList<>(frags.size());
            for (Fragment f : frags) {
                if (!f.raw() || !f.text.contains(lit.text)) { next.add(f); continue; }
                int from = 0, at;
                while ((at = f.text.indexOf(lit.text, from)) >= 0) {
                    if (at > from) next.add(new Fragment(f.text.substring(from, at), -1));
                    next.add(new Fragment(lit.text, lit.id));
                    from = at + lit.text.length();
                }
                if (from < f.text.length()) next.add(new Fragment(f.text.substring(from), -1));
            }
            frags = next;
        }
        return frags;
    }
}
