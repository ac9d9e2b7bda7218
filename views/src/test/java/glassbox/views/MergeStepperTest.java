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

/** The merge step-through with a huge prompt: a bounded number of pieces, and the caption says which. */
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
        assertEquals(MergeStepper.MAX_SHOWN, (int) fx(() -> stepper.shownPieces().size()), "labels made");
        String caption = fx(stepper::captionText);
        assertTrue(caption.contains("1–600 / 40,000"), caption);
        assertTrue(caption.startsWith("Too many pieces"), "the slider is off and the caption says why: " + caption);
    }

    @Test void aShortPromptShowsEveryPieceWithoutARange() {
        fx(() -> { stepper.setSteps(unmerged(12), false); return null; });
        assertEquals(12, (int) fx(() -> stepper.shownPieces().size()));
        assertFalse(fx(stepper::captionText).contains("/"), fx(stepper::captionText));
    }
}
