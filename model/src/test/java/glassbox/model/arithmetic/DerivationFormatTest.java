package glassbox.model.arithmetic;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class DerivationFormatTest {
    final Derivation params = ParameterCount.derive(Presets.get("gpt2-small"));

    @Test
    void markdownIsATableWithTheResult() {
        String md = DerivationFormat.markdown(params);
        assertTrue(md.startsWith("### Parameters of gpt2-small"));
        assertTrue(md.contains("| Step | Formula | With numbers | Value |"));
        // one table row per step
        assertEquals(params.steps().size(), md.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| Step")).count());
        assertTrue(md.contains("**Result:** Total parameters = 124,439,808"));
    }

    @Test
    void latexIsBalancedAndEscaped() {
        String tex = DerivationFormat.latex(Flops.forward(Presets.get("llama2-70b")));
        assertTrue(tex.contains("\\begin{align*}") && tex.contains("\\end{align*}"));
        assertEquals(tex.chars().filter(c -> c == '{').count(), tex.chars().filter(c -> c == '}').count());
        String body = String.join("\n", tex.lines().filter(l -> !l.startsWith("%")).toList());
        assertFalse(body.contains("·"), "middle dots become \\cdot");
        assertTrue(tex.contains("d_{\\mathrm{kv}}"));
        assertTrue(tex.contains("\\top"));
        assertEquals("50\\% \\_x", DerivationFormat.tex("50% _x"));
    }

    @Test
    void humanUnits() {
        assertEquals("2.00 GiB", DerivationFormat.human(2L << 30));
        assertEquals("1.29e14", DerivationFormat.scientific(128_714_721_460_224L));
    }
}
