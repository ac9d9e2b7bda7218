package glassbox.model.train;

import glassbox.model.tokenizer.ByteUnicode;
import glassbox.model.tokenizer.PreTokenizer;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BpeTrainerTest {

    @Test void byteSpellingFollowsGpt2() {
        assertEquals('Ġ', ByteUnicode.charOf(' '));
        assertEquals('Ċ', ByteUnicode.charOf('\n'));
        assertEquals('!', ByteUnicode.charOf('!'));
        assertEquals('Ń', ByteUnicode.charOf(0xAD));
        assertEquals('Ā', ByteUnicode.charOf(0));
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) all[i] = (byte) i;
        assertArrayEquals(all, ByteUnicode.decode(ByteUnicode.spell(all)));
    }

    @Test void preTokenizerCutsLikeGpt2() {
        assertEquals(List.of("Hello", " world", "'s", " ", " end", "\n", " 42", "!!"), PreTokenizer.gpt2().split("Hello world's  end\n 42!!"));
    }

    @Test void mergesAreLearnedByFrequencyWithDeterministicTies() {
        // "abab" and " ab": (a,b) ×3 first; then ( ,ab) and (ab,ab) tie at 1, the smaller pair wins
        var bpe = BpeTrainer.train("abab ab", 260);
        assertEquals(3, bpe.mergeCount());
        assertEquals(List.of("a b", "Ġ ab", "ab ab"), bpe.mergeStrings());
        assertArrayEquals(new int[]{258, 257}, bpe.encode("abab ab"));
        assertEquals(259, bpe.endOfText());
        assertEquals(TrainedBpe.END_OF_TEXT, bpe.piece(259));
    }

    @Test void incrementalCountsAgreeWithFullRecounting() throws Exception {
        String text = sample(60_000);
        var fast = BpeTrainer.train(text, 257 + 150);
        var slow = naiveMerges(text, 150);
        assertEquals(slow.size(), fast.mergeCount());
        for (int r = 0; r < slow.size(); r++) {
            assertEquals(slow.get(r)[0], fast.mergeLeft(r), "merge " + r);
            assertEquals(slow.get(r)[1], fast.mergeRight(r), "merge " + r);
        }
    }

    @Test void encodingRoundTripsAnyText() throws Exception {
        var bpe = BpeTrainer.train(sample(40_000), 400);
        for (String s : List.of("", "Elizabeth was not", "naïve café — “quoted” 😀 x\t\ty\r\n", "\uD800 lone")) {
            String expect = new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
            assertEquals(expect, bpe.decode(bpe.encode(s)));
        }
        assertEquals(1, bpe.encode(" a").length, "a very frequent word (in Austen and in the fallback paragraph) is one token");
        assertThrows(IllegalArgumentException.class, () -> BpeTrainer.train("x", 100));
    }

    /** Real text if ../shared is present, else a fixed paragraph. */
    static String sample(int chars) throws Exception {
        String shared = System.getProperty("glassbox.shared");
        Path p = shared == null ? null : Path.of(shared, "corpus", "austen", "prideprejudice.txt");
        String t = p != null && Files.exists(p) ? Files.readString(p)
                : "It is a truth universally acknowledged, that a single man in possession of a good fortune, must be in want of a wife. ".repeat(600);
        return t.substring(0, Math.min(chars, t.length()));
    }

    /** Reference trainer: recount every pair of every word before each merge. */
    static List<int[]> naiveMerges(String text, int merges) {
        Map<String, Integer> freq = new HashMap<>();
        for (String w : PreTokenizer.gpt2().split(text)) freq.merge(w, 1, Integer::sum);
        List<List<Integer>> words = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        for (var e : freq.entrySet()) {
            List<Integer> s = new ArrayList<>();
            for (byte b : e.getKey().getBytes(StandardCharsets.UTF_8)) s.add(b & 0xFF);
            words.add(s);
            counts.add(e.getValue());
        }
        List<int[]> out = new ArrayList<>();
        for (int r = 0; r < merges; r++) {
            Map<Long, Long> pc = new HashMap<>();
            for (int w = 0; w < words.size(); w++)
                for (int i = 0; i + 1 < words.get(w).size(); i++)
                    pc.merge(((long) words.get(w).get(i) << 32) | words.get(w).get(i + 1), (long) counts.get(w), Long::sum);
            long best = -1, bc = 0;
            for (var e : pc.entrySet())
                if (e.getValue() > bc || (e.getValue() == bc && e.getKey() < best)) { bc = e.getValue(); best = e.getKey(); }
            if (bc == 0) break;
            int a = (int) (best >>> 32), b = (int) best;
            out.add(new int[]{a, b});
            for (List<Integer> s : words)
                for (int i = 0; i + 1 < s.size(); i++)
                    if (s.get(i) == a && s.get(i + 1) == b) { s.set(i, 256 + r); s.remove(i + 1); }
        }
        return out;
    }
}
