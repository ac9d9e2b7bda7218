package glassbox.model.tokenizer;

import glassbox.model.format.gguf.GgufFile;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ByteLevelBpeTest {

    static final List<String> BROAD = List.of(
            "Hello world", "It is a truth universally acknowledged, that a single man",
            "def f(x):\n    return x ** 2  # square\n", "for (int i = 0; i < n; i++) { sum += a[i]; }",
            "3.14159 and 1234567890 and 007", "I'm sure you'll see they're fine, we've done it; he'd know.",
            "   leading spaces", "trailing spaces   ", "tabs\t\tand\nnew\n\n\nlines", "multiple     inner   spaces",
            "日本語のテキストと中文字符", "한국어 텍스트", "emoji 😀🎉 and a family 👨‍👩‍👧‍👦 and flags 🇫🇷",
            "combining: e\u0301 a\u0308 n\u0303", "RTL: שלום עולם مرحبا بالعالم", "symbols ©®™ §¶ €£¥",
            "<|endoftext|> as plain text", "", " ", "\n", "\t\t  \n\n   \u3000 x", "0123456789 12,345.67 1e-9 0x1F",
            "zero\u200bwidth and\u00a0nbsp", "Cửa Việt Führer naïve", "lone \uD83D high and \uDE00 low surrogates",
            "🏳️‍🌈 👍🏽 🧑🏿‍🚀", "SHOUTING'S and 'QUOTES' and y'all'd've");

    @Test
    void gpt2FilesAndGgufVocabAgree() throws Exception {
        Path dir = TokenizerFixtures.shared("models/gpt2-tokenizer");
        ByteLevelBpe files = ByteLevelBpe.fromGpt2Files(dir.resolve("encoder.json"), dir.resolve("vocab.bpe"));
        Path gguf = TokenizerFixtures.shared("models/gguf-vocab/ggml-vocab-gpt-2.gguf");
        try (GgufFile f = GgufFile.open(gguf)) {
            Tokenizer fromGguf = Tokenizers.fromGguf(f.metadata(), "gpt-2");
            assertEquals(50257, files.vocabSize());
            for (String s : BROAD) {
                assertArrayEquals(files.encode(s), fromGguf.encode(s), "ids differ for '" + s + "'");
                assertEquals(TextUnits.sanitize(s), files.decode(files.encode(s)), "round trip of '" + s + "'");
            }
        }
    }

    @Test
    void knownGpt2Ids() throws Exception {
        Path dir = TokenizerFixtures.shared("models/gpt2-tokenizer");
        ByteLevelBpe t = ByteLevelBpe.fromGpt2Files(dir.resolve("encoder.json"), dir.resolve("vocab.bpe"));
        // published GPT-2 ids: "Hello" = 15496, " world" = 995
        assertArrayEquals(new int[]{15496, 995}, t.encode("Hello world"));
        assertEquals(50256, t.eos());
    }

    @Test
    void stepsShowChunksBytesAndRankedMerges() throws Exception {
        Path dir = TokenizerFixtures.shared("models/gpt2-tokenizer");
        ByteLevelBpe t = ByteLevelBpe.fromGpt2Files(dir.resolve("encoder.json"), dir.resolve("vocab.bpe"));
        TokenizationSteps s = t.encodeWithSteps("Hello world");
        assertEquals(List.of("Hello", " world"), s.chunks());
        assertEquals(List.of("H", "e", "l", "l", "o", "Ġ", "w", "o", "r", "l", "d"), s.initial());
        double lastRank = -1;
        int lastChunk = 0;
        for (TokenizationSteps.Merge m : s.merges()) {
            if (m.chunk() != lastChunk) { lastRank = -1; lastChunk = m.chunk(); }
            assertTrue(m.priority() >= lastRank, "ranks rise within a chunk");
            assertEquals(t.rank(m.left(), m.right()), (int) m.priority());
            lastRank = m.priority();
        }
        assertEquals(List.of("Hello", "Ġworld"), s.pieces());
    }

    @Test
    void hostileTextNeverThrows() throws Exception {
        Path dir = TokenizerFixtures.shared("models/gpt2-tokenizer");
        ByteLevelBpe t = ByteLevelBpe.fromGpt2Files(dir.resolve("encoder.json"), dir.resolve("vocab.bpe"));
        String lone = "a\uD800b\uDC00c";
        assertEquals("a\uFFFDb\uFFFDc", t.decode(t.encode(lone)), "lone surrogates become U+FFFD");
        String emoji = "👨‍👩‍👧‍👦".repeat(2500);
        long t0 = System.nanoTime();
        int[] ids = t.encode(emoji);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("byte-level BPE: " + emoji.length() + " UTF-16 units of ZWJ emoji -> " + ids.length + " tokens in " + ms + " ms");
        assertEquals(emoji, t.decode(ids));
        assertEquals("\u0000\u0001\u001f", t.decode(t.encode("\u0000\u0001\u001f")));
    }
}
