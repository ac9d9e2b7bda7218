package glassbox.views;

import glassbox.model.tokenizer.TokenizationSteps;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.*;

/** The merge step-through: each stage's pieces with the merged one marked; a huge prompt shows a bounded window and says so. */
@ExtendWith(ApplicationExtension.class)
class MergeStepperTest {
    private MergeStepper stepper;

    @Start void start(Stage stage) {
        stepper = new MergeStepper();   // a control: made once the toolkit runs
        stage.setScene(new Scene(new StackPane(stepper), 800, 400));
        stage.show();
    }

    static <T> T fx(Callable<T> c) { return WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(c)); }

    /** n single-character pieces, no merges: what a long run of unmergeable bytes looks like. */
    private static TokenizationSteps unmerged(int n) {
        String text = "x".repeat(n);
        List<String> pieces = new ArrayList<>(Collections.nCopies(n, "x"));
        return new TokenizationSteps(text, List.of(text), pieces, List.of(), new int[n], pieces);
    }

    @Test void fortyThousandPiecesShowABoundedWindowAndSaySo() {
        fx(() -> { stepper.setSteps(unmerged(40_000), false); return null; });
        assertEquals(MergeStepper.MAX_SHOWN, (int) fx(() -> stepper.shownPieces().size()), "pieces shown");
        String caption = fx(stepper::captionText);
        assertTrue(caption.contains("1–600 / 40,000"), caption);
        assertTrue(caption.startsWith("Too many pieces"), "the slider is off and the caption says why: " + caption);
    }

    @Test void aShortPromptShowsEveryPieceWithoutARange() {
        fx(() -> { stepper.setSteps(unmerged(12), false); return null; });
        assertEquals(12, (int) fx(() -> stepper.shownPieces().size()));
        assertFalse(fx(stepper::captionText).contains("/"), fx(stepper::captionText));
    }

    /** "abc" by hand: b+c first, then a+bc; each stage's pieces, and the marked one is what that stage's merge made. */
    @Test void eachStageShowsItsPiecesAndMarksTheMergedOne() {
        var m1 = new TokenizationSteps.Merge(0, 1, "b", "c", "bc", 7, 2.0, List.of("a", "bc"));
        var m2 = new TokenizationSteps.Merge(0, 0, "a", "bc", "abc", 9, 1.0, List.of("abc"));
        var steps = new TokenizationSteps("abc", List.of("abc"), List.of("a", "b", "c"), List.of(m1, m2), new int[]{9}, List.of("abc"));
        fx(() -> { stepper.setSteps(steps, false); return null; });
        assertEquals(4, (int) fx(stepper::stageCount), "chunks, initial pieces, two merges");
        assertEquals(List.of("abc"), fx(stepper::shownPieces), "opens on the result");
        assertEquals(0, (int) fx(stepper::markedPiece));
        fx(() -> { stepper.setStage(2); return null; });
        assertEquals(List.of("a", "bc"), fx(stepper::shownPieces));
        assertEquals(1, (int) fx(stepper::markedPiece), "b + c made the second piece");
        assertTrue(fx(stepper::captionText).startsWith("Merge 1 of 2"), fx(stepper::captionText));
        fx(() -> { stepper.setStage(1); return null; });
        assertEquals(List.of("a", "b", "c"), fx(stepper::shownPieces));
        assertEquals(-1, (int) fx(stepper::markedPiece), "no merge yet");
        fx(() -> { stepper.setStage(0); return null; });
        assertEquals(List.of("abc"), fx(stepper::shownPieces), "the one pre-tokenized chunk");
    }
}
