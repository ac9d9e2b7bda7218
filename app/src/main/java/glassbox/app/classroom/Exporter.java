package glassbox.app.classroom;

import glassbox.model.arithmetic.Derivation;
import glassbox.model.arithmetic.DerivationFormat;
import glassbox.model.trace.Matrix;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.control.Alert;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.image.Image;
import javafx.scene.image.WritableImage;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.transform.Transform;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import javax.imageio.ImageIO;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Exports for slides and notes: any node as a PNG at 2×, a matrix as CSV or JSON, a derivation as
 * Markdown or LaTeX on the clipboard. Snapshots happen on the JavaFX thread (they must); encoding and
 * writing happen on a background thread. Files are written atomically.
 */
public final class Exporter {
    public static final double SLIDE_SCALE = 2.0;

    /** Asks where to save; returns null when the user cancels. Called on the JavaFX thread. */
    @FunctionalInterface
    public interface PathChooser {
        Path choose(Window owner, String suggestedName, String extension);
    }

    private Exporter() {}

    /** The node drawn at {@code scale}× (FX thread), on its own background colour where it has one. */
    public static WritableImage snapshot(Node node, double scale) {
        var params = new SnapshotParameters();
        params.setTransform(Transform.scale(scale, scale));
        params.setFill(background(node));
        return node.snapshot(params, null);
    }

    /** Encodes an image as PNG and writes it (any thread). */
    public static void writePng(Image image, Path file) throws IOException {
        var out = new ByteArrayOutputStream();
        if (!ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", out)) throw new IOException("no PNG encoder");
        AtomicWrite.write(file, out.toByteArray());
    }

    /** Snapshots the node at 2× now (call on the FX thread) and writes the PNG in the background. */
    public static CompletableFuture<Path> png(Node node, Path file) {
        WritableImage image = snapshot(node, SLIDE_SCALE);
        return CompletableFuture.supplyAsync(() -> {
            try { writePng(image, file); return file; } catch (IOException e) { throw new java.io.UncheckedIOException(e); }
        }, Thread.ofVirtual()::start);
    }

    public static void csv(Matrix m, Path file) throws IOException { csv(m, null, null, file); }

    public static void csv(Matrix m, List<String> rowLabels, List<String> colLabels, Path file) throws IOException {
        AtomicWrite.write(file, MatrixExport.csv(m, rowLabels, colLabels).getBytes(StandardCharsets.UTF_8));
    }

    public static void json(Matrix m, Path file) throws IOException { json(m, null, null, file); }

    public static void json(Matrix m, List<String> rowLabels, List<String> colLabels, Path file) throws IOException {
        AtomicWrite.write(file, MatrixExport.json(m, rowLabels, colLabels).getBytes(StandardCharsets.UTF_8));
    }

    /** Puts the derivation on the clipboard as Markdown (FX thread) and returns the text. */
    public static String copyMarkdown(Derivation d) { return copy(DerivationFormat.markdown(d)); }

    /** Puts the derivation on the clipboard as LaTeX (FX thread) and returns the text. */
    public static String copyLatex(Derivation d) { return copy(DerivationFormat.latex(d)); }

    private static String copy(String s) {
        var content = new ClipboardContent();
        content.putString(s);
        javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
        return s;
    }

    /** A right-click menu on the node: PNG (2×), CSV, JSON, in the JVM default language, with save dialogs; failures in an alert. */
    public static ContextMenu installContextMenu(Node node, Supplier<Matrix> matrixOrNull, String baseName) {
        return installContextMenu(node, matrixOrNull, baseName, Locale.getDefault(), saveDialog(Locale.getDefault()), null);
    }

    /**
     * The same menu in a language, with a chooser (tests pass one that returns a temp path) and a sink
     * for the outcome message ("Saved …" / "Could not save …"), called on the FX thread; a null sink
     * shows failures in an alert and successes nowhere.
     */
    public static ContextMenu installContextMenu(Node node, Supplier<Matrix> matrixOrNull, String baseName, Locale locale,
                                                 PathChooser chooser, Consumer<String> onMessage) {
        var text = new ClassroomText(locale);
        String base = safeName(baseName);
        MenuItem png = new MenuItem(text.get("export.png"));
        png.setId("export-png");
        MenuItem csv = new MenuItem(text.get("export.csv"));
        csv.setId("export-csv");
        MenuItem json = new MenuItem(text.get("export.json"));
        json.setId("export-json");
        var menu = new ContextMenu(png, csv, json);
        png.setOnAction(e -> {
            Path f = chooser.choose(window(node), base + ".png", "png");
            if (f != null) report(png(node, f), f, text, onMessage);
        });
        csv.setOnAction(e -> exportMatrix(node, matrixOrNull, base, "csv", chooser, text, onMessage));
        json.setOnAction(e -> exportMatrix(node, matrixOrNull, base, "json", chooser, text, onMessage));
        menu.setOnShowing(e -> {
            boolean none = matrixOrNull == null || matrixOrNull.get() == null;
            csv.setDisable(none);
            json.setDisable(none);
        });
        node.addEventHandler(ContextMenuEvent.CONTEXT_MENU_REQUESTED, e -> {
            menu.show(node, e.getScreenX(), e.getScreenY());
            e.consume();
        });
        return menu;
    }

    private static void exportMatrix(Node node, Supplier<Matrix> source, String base, String ext, PathChooser chooser,
                                     ClassroomText text, Consumer<String> onMessage) {
        Matrix m = source == null ? null : source.get();
        if (m == null) { if (onMessage != null) onMessage.accept(text.get("export.noMatrix")); return; }
        Path f = chooser.choose(window(node), base + "." + ext, ext);
        if (f == null) return;
        report(CompletableFuture.supplyAsync(() -> {
            try {
                if (ext.equals("csv")) csv(m, f); else json(m, f);
                return f;
            } catch (IOException e) { throw new java.io.UncheckedIOException(e); }
        }, Thread.ofVirtual()::start), f, text, onMessage);
    }

    private static void report(CompletableFuture<Path> job, Path f, ClassroomText text, Consumer<String> onMessage) {
        job.whenComplete((ok, err) -> Platform.runLater(() -> {
            String msg = err == null ? text.get("export.done", f) : text.get("export.failed", f, rootMessage(err));
            if (onMessage != null) onMessage.accept(msg);
            else if (err != null) alert(msg);
        }));
    }

    static String rootMessage(Throwable t) {
        while (t.getCause() != null) t = t.getCause();
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** The usual save dialog, titled in the given language. */
    public static PathChooser saveDialog(Locale locale) {
        var text = new ClassroomText(locale);
        return (owner, suggested, ext) -> {
            var fc = new FileChooser();
            fc.setTitle(text.get("export.chooserTitle", ext.toUpperCase(Locale.ROOT)));
            fc.setInitialFileName(suggested);
            fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(ext.toUpperCase(Locale.ROOT), "*." + ext));
            File f = fc.showSaveDialog(owner);
            return f == null ? null : f.toPath();
        };
    }

    private static void alert(String message) {
        var a = new Alert(Alert.AlertType.WARNING, message);
        a.setHeaderText(null);
        a.show(); // never showAndWait from an event handler chain that may be mid-layout
    }

    private static Window window(Node n) { return n.getScene() == null ? null : n.getScene().getWindow(); }

    /** File names from view titles: no path separators or control characters. */
    static String safeName(String s) {
        String t = s == null ? "" : s.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]+", "-").strip();
        return t.isEmpty() ? "glassbox" : t.length() > 80 ? t.substring(0, 80) : t;
    }

    /** The node's own background, else its scene's fill, else white (a transparent PNG looks broken on slides). */
    private static Paint background(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (n instanceof Region r && r.getBackground() != null && !r.getBackground().getFills().isEmpty()) {
                Paint p = r.getBackground().getFills().getFirst().getFill();
                if (!(p instanceof Color c) || c.getOpacity() > 0) return p;
            }
        }
        return node.getScene() != null && node.getScene().getFill() != null ? node.getScene().getFill() : Color.WHITE;
    }
}
