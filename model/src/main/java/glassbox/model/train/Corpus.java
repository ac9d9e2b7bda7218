package glassbox.model.train;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** A folder of .txt files split per file: the first 95% trains, the last 5% is held out. */
public record Corpus(List<String> trainParts, List<String> validParts) {
    public static final double HOLD_OUT = 0.05;

    public static Corpus load(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) throw new IOException("not a folder: " + dir);
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".txt")).sorted().toList();
        }
        if (files.isEmpty()) throw new IOException("no .txt files in " + dir);
        List<String> train = new ArrayList<>(), valid = new ArrayList<>();
        for (Path f : files) {
            String text = new String(Files.readAllBytes(f), StandardCharsets.UTF_8).replace("\r\n", "\n");
            int cut = split(text);
            train.add(text.substring(0, cut));
            valid.add(text.substring(cut));
        }
        return new Corpus(train, valid);
    }

    /** The cut point at 95%, moved forward to a line start so no word is split. */
    static int split(String text) {
        int cut = (int) Math.round(text.length() * (1 - HOLD_OUT));
        int nl = text.indexOf('\n', cut);
        return nl < 0 ? cut : nl + 1;
    }

    public String trainText() { return String.join("", trainParts); }

    /** Token stream: each part encoded and followed by end-of-text. */
    public static int[] tokens(TrainedBpe bpe, List<String> parts) {
        var out = new TrainedBpe.IntList();
        for (String part : parts) { out.addAll(bpe.encode(part)); out.add(bpe.endOfText()); }
        return out.toArray();
    }

    public static long bytes(List<String> parts) {
        long n = 0;
        for (String p : parts) n += p.getBytes(StandardCharsets.UTF_8).length;
        return n;
    }
}
