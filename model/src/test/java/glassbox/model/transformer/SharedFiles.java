package glassbox.model.transformer;

import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/** ../shared (real model files and reference outputs); tests skip with a message only when it is absent. */
final class SharedFiles {
    private SharedFiles() {}

    static Path path(String relative) {
        String root = System.getProperty("glassbox.shared", "../shared");
        Path dir = Path.of(root);
        Assumptions.assumeTrue(Files.isDirectory(dir), "skipped: shared folder " + dir.toAbsolutePath() + " is absent");
        Path p = dir.resolve(relative);
        if (!Files.exists(p)) throw new AssertionError("missing " + p + " inside the shared folder");
        return p;
    }
}
