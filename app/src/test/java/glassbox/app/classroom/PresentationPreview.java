package glassbox.app.classroom;

import glassbox.model.trace.Matrix;
import glassbox.views.ColorScale;
import glassbox.views.Heatmap;
import glassbox.views.TokenChip;
import glassbox.views.TokenStrip;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.util.Duration;

import java.io.File;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Test-scope launcher: the presentation over stand-in views (a token strip, attention heatmaps).
 * Args: step [outFile.png] [zh] [window]. Without outFile it stays open (for Xvfb screenshots).
 */
public final class PresentationPreview extends Application {
    static final List<String> TOKENS = List.of("Once", "␣upon", "␣a", "␣time", ",", "␣there", "␣was", "␣a", "␣little", "␣girl");

    @Override public void start(Stage owner) {
        List<String> a = getParameters().getRaw();
        int step = Integer.parseInt(a.getFirst());
        Locale locale = a.contains("zh") ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH;
        owner.setScene(new Scene(new StackPane(new Label("main window")), 1200, 800));
        owner.show();
        Map<String, Node> views = Map.of("tokens", tokens(), "attention", heatmap(false), "mask", heatmap(true));
        var mode = new PresentationMode(owner, views::get, locale);
        mode.setFullScreen(!a.contains("window"));
        mode.setPrompt("Once upon a time, there was a little girl");
        mode.setOnStop(Platform::exit);
        mode.start(step);
        String out = a.stream().filter(s -> s.endsWith(".png")).findFirst().orElse(null);
        if (out != null) {
            var delay = new javafx.animation.PauseTransition(Duration.seconds(3));
            delay.setOnFinished(e -> {
                try { Exporter.writePng(Exporter.snapshot(mode.window().getScene().getRoot(), 1), new File(out).toPath()); }
                catch (Exception ex) { ex.printStackTrace(); }
                Platform.exit();
            });
            delay.play();
        }
    }

    static Node tokens() {
        var strip = new TokenStrip();
        strip.setTokens(TOKENS.stream().map(t -> new TokenChip(0, t, t, TokenChip.Kind.NORMAL)).toList());
        return strip;
    }

    /** Causal softmax weights of a made-up head (or the masked scores): recency plus attention to token 0. */
    static Node heatmap(boolean masked) {
        int n = TOKENS.size();
        float[][] w = new float[n][n];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int j = 0; j <= i; j++) sum += Math.exp(-0.6 * (i - j) + (j == 0 ? 1.5 : 0));
            for (int j = 0; j < n; j++) {
                double s = -0.6 * (i - j) + (j == 0 ? 1.5 : 0);
                w[i][j] = j > i ? (masked ? Float.NEGATIVE_INFINITY : 0f) : (float) (masked ? s : Math.exp(s) / sum);
            }
        }
        var h = new Heatmap();
        h.setData(Matrix.ofRows(w), masked ? ColorScale.diverging(3) : ColorScale.weights());
        h.setLabels(TOKENS, TOKENS);
        h.setShowValues(true);
        h.setMaxCellSize(40); // what the window would do for a room: bigger cells
        h.setLabelColor(javafx.scene.paint.Color.WHITE);
        return h;
    }
}
