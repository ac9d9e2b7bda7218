package glassbox.model.tokenizer;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class PreTokenizerTest {
    static final List<String> NAMES = List.of("default", "gpt-2", "llama-bpe", "llama3", "qwen2", "deepseek-llm", "deepseek-coder",
            "deepseek-v3", "falcon", "mpt", "starcoder", "refact", "smollm", "command-r", "gpt-4o", "tekken", "seed-coder",
            "bailingmoe", "chameleon", "poro-chat", "viking", "olmo", "dbrx", "stablelm2");

    @Test
    void gpt2SplitsAsItsRegexSays() {
        // hand-applied: contractions, optional leading space before letters/digits/other, whitespace runs keep their last space for the next word
        assertEquals(List.of("Hello", " world", "'s", " ", " end", "!!", "\n"), PreTokenizer.gpt2().split("Hello world's  end!!\n"));
        assertEquals(List.of(" 123", " abc", "\t", "x"), PreTokenizer.gpt2().split(" 123 abc\tx"));
    }

    @Test
    void llama3GroupsDigitsInThrees() {
        assertEquals(List.of("123", "456", "7", " x"), PreTokenizer.named("llama-bpe").split("1234567 x"));
    }

    @Test
    void everyNamedPreTokenizerKeepsAllTheText() {
        String text = "Hello, y'all! How are you 😁 ?我想在apple工作1314151天～ \n\n  ééé Ǆ ΐ \t 3.14 <sentinel:3> IMGIMGABZ";
        for (String n : NAMES) {
            PreTokenizer p = PreTokenizer.named(n);
            assertTrue(p.known(), n);
            List<String> chunks = p.split(text);
            assertEquals(text, String.join("", chunks), n);
            assertTrue(chunks.stream().noneMatch(String::isEmpty), n);
        }
        assertFalse(PreTokenizer.named("no-such-pre").known());
        assertEquals(List.of(), PreTokenizer.gpt2().split(""));
    }
}
