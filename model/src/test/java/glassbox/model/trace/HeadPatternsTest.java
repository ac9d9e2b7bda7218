package glassbox.model.trace;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HeadPatternsTest {
    @Test
    void previousTokenScoreIsTheMeanOfTheSubdiagonal() {
        // rows: query 0 sees itself; query 1 puts 0.8 on token 0; query 2 puts 0.6 on token 1
        Matrix w = new Matrix(3, 3, new float[]{1, 0, 0, 0.8f, 0.2f, 0, 0.1f, 0.6f, 0.3f});
        assertEquals((0.8 + 0.6) / 2, HeadPatterns.previousTokenScore(w), 1e-6);
        assertEquals(0, HeadPatterns.previousTokenScore(new Matrix(1, 1, new float[]{1})), 0);
    }
}
