package glassbox.views;

import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;

/**
 * A Region holding one Canvas that follows the region's size and is redrawn on every resize,
 * so plots stay crisp inside any layout.
 */
public abstract class PlotCanvas extends Region {
    private final Canvas canvas = new Canvas();

    protected PlotCanvas(double prefWidth, double prefHeight) {
        getChildren().add(canvas);
        setPrefSize(prefWidth, prefHeight);
        setMinSize(60, 40);
    }

    @Override protected void layoutChildren() {
        double w = Math.floor(getWidth()), h = Math.floor(getHeight());
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
        }
        redraw();
    }

    /** Draws the whole picture again at the current size. */
    public final void redraw() {
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        if (canvas.getWidth() > 0 && canvas.getHeight() > 0) draw(g, canvas.getWidth(), canvas.getHeight());
    }

    protected abstract void draw(GraphicsContext g, double width, double height);

    protected Canvas canvas() { return canvas; }
}
