package glassbox.views;

import javafx.application.Platform;

/** One redraw on the JavaFX thread for any number of requests made before it runs (labels that became ready in one pulse). */
final class RedrawSoon implements Runnable {
    private final Runnable draw;
    private boolean queued;

    RedrawSoon(Runnable draw) { this.draw = draw; }

    @Override public void run() {
        if (queued) return;
        queued = true;
        Platform.runLater(() -> { queued = false; draw.run(); });
    }
}
