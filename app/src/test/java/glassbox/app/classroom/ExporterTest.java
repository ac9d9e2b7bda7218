package glassbox.app.classroom;

import glassbox.model.arithmetic.Presets;
import glassbox.model.trace.Matrix;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.Clipboard;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

class ExporterTest extends ApplicationTest {
    @TempDir Path dir;
    StackPane view;

    @Override public void start(Stage stage) {
        view = new StackPane(new Label("Attention, layer 0 head 1"));
        view.setBackground(new Background(new BackgroundFill(Color.rgb(255, 0, 0), null, null)));
        view.setPrefSize(321, 123);
        var root = new StackPane(view);
        stage.setScene(new Scene(root, 500, 300));
        stage.show();
    }

    @Test void pngIsTwiceTheNodeSizeAndReadsBack() throws Exception {
        Path f = dir.resolve("view.png");
        double[] size = new double[2];
        var job = new java.util.concurrent.CompletableFuture[1];
        interact(() -> { size[0] = view.getWidth(); size[1] = view.getHeight(); job[0] = Exporter.png(view, f); });
        assertEquals(f, job[0].get(20, TimeUnit.SECONDS));
        BufferedImage img = ImageIO.read(f.toFile());
        assertNotNull(img, "a PNG ImageIO can read");
        assertEquals((int) Math.ceil(2 * size[0]), img.getWidth());
        assertEquals((int) Math.ceil(2 * size[1]), img.getHeight());
        assertEquals(0xFFFF0000, img.getRGB(3, 3), "the node's own background, not white");
        try (var in = Files.newInputStream(f)) {
            assertArrayEquals(new byte[]{(byte) 0x89, 'P', 'N', 'G'}, in.readNBytes(4));
        }
    }

    static Matrix sample() {
        return Matrix.ofRows(new float[][]{{1f, -0.1f, 3.4028235e38f}, {1.0e-7f, Float.NEGATIVE_INFINITY, 0.33333334f}});
    }

    @Test void csvCellsEqualTheMatrix() throws Exception {
        Matrix m = sample();
        Path f = dir.resolve("m.csv");
        Exporter.csv(m, f);
        List<String> lines = Files.readAllLines(f);
        assertEquals(m.rows(), lines.size());
        for (int r = 0; r < m.rows(); r++) {
            String[] cells = lines.get(r).split(",");
            assertEquals(m.cols(), cells.length);
            for (int c = 0; c < m.cols(); c++) assertEquals(m.get(r, c), Float.parseFloat(cells[c]), 0f, r + "," + c);
        }
    }

    @Test void csvWithLabelsQuotesTokens() {
        String csv = MatrixExport.csv(Matrix.ofRows(new float[][]{{0.5f}}), List.of("a,\"b\"\n"), List.of(" the"));
        assertEquals("\"\",\" the\"\r\n\"a,\"\"b\"\"\n\",0.5\r\n", csv);
        assertThrows(IllegalArgumentException.class, () -> MatrixExport.csv(sample(), List.of("x"), null));
    }

    @Test void jsonHasShapeLabelsAndExactValues() {
        Matrix m = sample();
        var o = glassbox.model.json.Json.parseObject(MatrixExport.json(m, List.of("r0", "r1"), List.of("c0", "c1", "c\"2")));
        assertEquals(List.of(2L, 3L), o.get("shape"));
        assertEquals(List.of("r0", "r1"), o.get("rowLabels"));
        assertEquals(List.of("c0", "c1", "c\"2"), o.get("colLabels"));
        var data = (List<?>) o.get("data");
        for (int r = 0; r < 2; r++) for (int c = 0; c < 3; c++) {
            Object v = ((List<?>) data.get(r)).get(c);
            float f = v instanceof String s ? Float.parseFloat(s) : ((Number) v).floatValue();
            assertEquals(m.get(r, c), f, 0f, r + "," + c);
        }
        assertEquals("-Infinity", ((List<?>) data.get(1)).get(1), "JSON has no −∞ number");
        assertFalse(glassbox.model.json.Json.parseObject(MatrixExport.json(m)).containsKey("rowLabels"));
    }

    @Test void derivationGoesToTheClipboard() {
        var d = glassbox.model.arithmetic.ParameterCount.derive(Presets.get("gpt2-small"));
        String[] got = new String[2];
        interact(() -> { Exporter.copyMarkdown(d); got[0] = Clipboard.getSystemClipboard().getString(); });
        assertTrue(got[0].startsWith("### "), got[0]);
        assertTrue(got[0].contains("124,439,808"), got[0]);
        interact(() -> { Exporter.copyLatex(d); got[1] = Clipboard.getSystemClipboard().getString(); });
        assertTrue(got[1].contains("\\begin{align*}"), got[1]);
    }

    @Test void contextMenuExportsTheMatrixAndPng() throws Exception {
        Matrix m = sample();
        List<String> messages = new ArrayList<>();
        Path csv = dir.resolve("ctx.csv"), png = dir.resolve("ctx.png");
        var menu = new javafx.scene.control.ContextMenu[1];
        interact(() -> menu[0] = Exporter.installContextMenu(view, () -> m, "head 0/1", Locale.ENGLISH,
                (owner, name, ext) -> { assertEquals("head 0-1." + ext, name); return ext.equals("png") ? png : csv; }, messages::add));
        // Monocle's robot has no right button menu gesture; the event is what a right click produces
        interact(() -> {
            var b = view.localToScreen(view.getBoundsInLocal());
            view.fireEvent(new javafx.scene.input.ContextMenuEvent(javafx.scene.input.ContextMenuEvent.CONTEXT_MENU_REQUESTED,
                    10, 10, b.getMinX() + 10, b.getMinY() + 10, false, null));
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(menu[0].isShowing());
        assertEquals(List.of("Export PNG (2×)…", "Export CSV…", "Export JSON…"), menu[0].getItems().stream().map(i -> i.getText()).toList());
        interact(() -> { menu[0].hide(); menu[0].getItems().get(1).fire(); menu[0].getItems().get(0).fire(); });
        for (int i = 0; i < 200 && messages.size() < 2; i++) { Thread.sleep(25); WaitForAsyncUtils.waitForFxEvents(); }
        assertEquals(2, messages.size(), messages.toString());
        assertTrue(messages.stream().allMatch(s -> s.startsWith("Saved ")), messages.toString());
        assertEquals(MatrixExport.csv(m), Files.readString(csv));
        assertNotNull(ImageIO.read(png.toFile()));
    }
}
