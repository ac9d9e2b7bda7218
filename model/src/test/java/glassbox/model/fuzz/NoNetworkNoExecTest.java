package glassbox.model.fuzz;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The app never reaches the network and never executes anything a model file could smuggle in: no
 * sockets or URLs, no processes, no script engines, no Java deserialization, no class or native
 * library loading — checked over every main source tree (model, views, app).
 */
class NoNetworkNoExecTest {
    /** What is forbidden, and why. */
    static final Map<String, String> FORBIDDEN = Map.of(
            "java.net.", "network access (sockets, URLs, HTTP)",
            "ProcessBuilder", "starting processes",
            "Runtime.getRuntime().exec", "starting processes",
            "ScriptEngine", "running scripts",
            "ObjectInputStream", "Java deserialization runs code chosen by the file",
            "URLClassLoader", "loading classes",
            "System.load", "loading native libraries",
            "Class.forName", "loading classes by a name that could come from a file",
            "HttpClient", "network access");

    /** "path fragment|forbidden string" → the reason it is allowed there. Keep empty unless truly needed. */
    static final Map<String, String> ALLOWED = Map.of();

    @Test
    void mainSourcesNeitherReachTheNetworkNorExecute() throws IOException {
        Path home = Path.of(System.getProperty("glassbox.home", ".."));
        List<Path> roots = Stream.of("model", "views", "app")
                .map(m -> home.resolve(m).resolve("src/main/java")).filter(Files::isDirectory).toList();
        assertTrue(roots.stream().anyMatch(p -> p.toString().contains("model")), "model sources not found under " + home);
        List<String> found = new ArrayList<>();
        int files = 0;
        for (Path root : roots) {
            try (Stream<Path> s = Files.walk(root)) {
                for (Path f : s.filter(p -> p.toString().endsWith(".java")).toList()) {
                    files++;
                    List<String> lines = Files.readAllLines(f);
                    for (int n = 0; n < lines.size(); n++) {
                        for (var bad : FORBIDDEN.entrySet()) {
                            if (!lines.get(n).contains(bad.getKey())) continue;
                            String rel = home.relativize(f).toString();
                            boolean allowed = ALLOWED.keySet().stream().anyMatch(k -> {
                                String[] parts = k.split("\\|", 2);
                                return rel.contains(parts[0]) && parts[1].equals(bad.getKey());
                            });
                            if (!allowed) found.add(rel + ":" + (n + 1) + " uses " + bad.getKey() + " (" + bad.getValue() + ")");
                        }
                    }
                }
            }
        }
        System.out.println("scanned " + files + " main source files for network/exec/deserialization APIs: " + found.size() + " found");
        assertTrue(files > 10, "too few sources scanned: " + files);
        assertTrue(found.isEmpty(), String.join("\n", found));
    }
}
