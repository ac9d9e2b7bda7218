package glassbox.model.train;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Draws the train/validation loss curves of a training log CSV into a PNG. */
public final class LossPlot {
    private LossPlot() {}

    /** Points (tokens seen, train loss, held-out loss) from a log written by {@link Trainer}. */
    public record Point(double tokens, double train, double valid) {}

    public static List<Point> read(Path csv) throws IOException {
        List<Point> pts = new ArrayList<>();
        for (String line : Files.readAllLines(csv)) {
            String[] f = line.split(",");
            if (f.length < 6 || line.startsWith("step")) continue;
            pts.add(new Point(Double.parseDouble(f[2]), Double.parseDouble(f[4]), Double.parseDouble(f[5])));
        }
        return pts;
    }

    public static void write(Path csv, Path png, String title) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<Point> pts = read(csv);
        if (pts.size() < 2) throw new IOException("fewer than two logged points in " + csv);
        int W = 800, H = 480, left = 70, right = 20, top = 40, bottom = 55;
        var img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        double maxX = pts.getLast().tokens(), minY = Double.MAX_VALUE, maxY = 0;
        for (Point p : pts) {
            for (double v : new double[]{p.train(), p.valid()}) if (Double.isFinite(v)) { minY = Math.min(minY, v); maxY = Math.max(maxY, v); }
        }
        minY = Math.floor(minY * 2) / 2;
        maxY = Math.ceil(maxY * 2) / 2;
        int pw = W - left - right, ph = H - top - bottom;
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setColor(new Color(0xDDDDDD));
        for (double y = minY; y <= maxY + 1e-9; y += 0.5) {
            int py = top + (int) ((maxY - y) / (maxY - minY) * ph);
            g.setColor(new Color(0xE4E4E4)); g.drawLine(left, py, left + pw, py);
            g.setColor(Color.DARK_GRAY); g.drawString(String.format(Locale.ROOT, "%.1f", y), left - 35, py + 4);
        }
        for (int i = 0; i <= 5; i++) {
            double x = maxX * i / 5;
            int px = left + (int) (pw * i / 5.0);
            g.setColor(new Color(0xE4E4E4)); g.drawLine(px, top, px, top + ph);
            g.setColor(Color.DARK_GRAY); g.drawString(String.format(Locale.ROOT, "%.1fM", x / 1e6), px - 12, top + ph + 18);
        }
        g.drawRect(left, top, pw, ph);
        g.drawString("tokens seen", left + pw / 2 - 30, H - 12);
        g.drawString("loss (nats/token)", 5, top - 12);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, left + 150, 22);
        g.setStroke(new BasicStroke(2f));
        Color[] colors = {new Color(0x1F77B4), new Color(0xD62728)};
        for (int series = 0; series < 2; series++) {
            g.setColor(colors[series]);
            int lx = -1, ly = -1;
            for (Point p : pts) {
                double v = series == 0 ? p.train() : p.valid();
                if (!Double.isFinite(v)) continue;
                int px = left + (int) (p.tokens() / maxX * pw), py = top + (int) ((maxY - v) / (maxY - minY) * ph);
                if (lx >= 0) g.drawLine(lx, ly, px, py);
                lx = px; ly = py;
            }
            g.fillRect(left + pw - 150, top + 15 + 20 * series, 18, 4);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.drawString(series == 0 ? "train" : "held-out (last 5%)", left + pw - 125, top + 20 + 20 * series);
        }
        g.dispose();
        if (png.getParent() != null) Files.createDirectories(png.getParent());
        ImageIO.write(img, "png", png.toFile());
    }

    /** {@code LossPlot LOG.csv OUT.png TITLE} */
    public static void main(String[] a) throws IOException { write(Path.of(a[0]), Path.of(a[1]), a.length > 2 ? a[2] : "loss"); }
}
