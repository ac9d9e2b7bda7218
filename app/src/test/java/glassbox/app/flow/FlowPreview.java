package glassbox.app.flow;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.util.Duration;

import javax.imageio.ImageIO;
import java.io.File;
import java.util.List;
import java.util.Locale;

/**
 * Test-scope launcher: shows one flow pane in a window and saves a PNG of it, for looking at layouts.
 * Args: pane (embeddings|qkv|mlp|output|generation|compare) outFile [width height] [zh].
 * Uses the real model when PreviewModel can load one, else a synthetic trace.
 */
public final class FlowPreview extends Application {

    public static void main(String[] args) { launch(args); }

    @Override public void start(Stage stage) throws Exception {
        List<String> a = getParameters().getRaw();
        String which = a.get(0);
        File out = new File(a.get(1));
        int w = a.size() > 3 ? Integer.parseInt(a.get(2)) : 1400, h = a.size() > 3 ? Integer.parseInt(a.get(3)) : 900;
        Locale.setDefault(a.contains("zh") ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH);
        FlowText text = FlowText.current();
        FlowSelection sel = FlowSelection.standalone();
        FlowInput in = PreviewModel.input();
        sel.layer().set(Math.min(1, in.trace().layers().size() - 1));
        sel.head().set(Math.min(2, in.trace().config().heads() - 1));
        sel.token().set(-1);
        FlowPaneBase pane = switch (which) {
            case "embeddings" -> new EmbeddingsPane(sel, text);
            case "qkv" -> new QkvFlowPane(sel, text);
            case "mlp" -> new MlpResidualPane(sel, text);
            case "output" -> new OutputPane(sel, text);
            case "generation" -> new GenerationPane(sel, text);
            case "compare" -> new ComparePane(sel, text);
            default -> throw new IllegalArgumentException(which);
        };
        pane.show(in);
        stage.setScene(new Scene((javafx.scene.Parent) pane.node(), w, h));
        stage.setTitle("Glassbox — " + which);
        stage.show();
        Runnable act = switch (pane) {
            case OutputPane o when a.contains("lens") -> () -> o.lensToggle().setSelected(true);
            case GenerationPane g -> () -> g.generate(12);
            case ComparePane c -> () -> { c.otherPrompt().setText("Once upon a time, there was a big dog"); c.compare(); c.toggleHead(0, 1); };
            case QkvFlowPane q when a.contains("step") -> () -> { for (int i = 0; i < 5; i++) q.step(); };
            default -> () -> {};
        };
        Platform.runLater(act);
        var delay = new javafx.animation.PauseTransition(Duration.seconds(4));
        delay.setOnFinished(e -> {
            try {
                ImageIO.write(SwingFXUtils.fromFXImage(stage.getScene().snapshot(null), null), "png", out);
            } catch (Exception ex) {
                ex.printStackTrace();
            }
            if (!a.contains("stay")) Platform.exit();
        });
        delay.play();
    }
}
