package glassbox.app;

import java.nio.file.Path;

/** Opens a model file (the engine in the app, a stand-in in tests); may be slow, runs off the FX thread. */
@FunctionalInterface
public interface ModelOpener {
    ModelHandle open(Path file) throws Exception;
}
