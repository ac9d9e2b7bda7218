package glassbox.app.flow;

import org.junit.jupiter.api.Test;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

class FlowBundleTest {
    static Properties load(String name) throws Exception {
        var p = new Properties();
        try (var in = FlowBundleTest.class.getResourceAsStream("/glassbox/app/flow/" + name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    static TreeSet<String> placeholders(String s) {
        var out = new TreeSet<String>();
        Matcher m = Pattern.compile("\\{\\d}").matcher(s);
        while (m.find()) out.add(m.group());
        return out;
    }

    @Test void chineseBundleHasEveryKeyWithTheSamePlaceholders() throws Exception {
        var en = load("flow.properties");
        var zh = load("flow_zh_CN.properties");
        assertEquals(new TreeSet<>(en.stringPropertyNames()), new TreeSet<>(zh.stringPropertyNames()));
        for (String k : en.stringPropertyNames()) {
            assertEquals(placeholders(en.getProperty(k)), placeholders(zh.getProperty(k)), k);
        }
        assertTrue(zh.getProperty("tab.embeddings").matches(".*[\\u4e00-\\u9fff].*"), "Chinese text, not a copy");
    }

    @Test void textsWithArgumentsHaveNoBareApostrophes() throws Exception {
        // MessageFormat swallows a single ASCII quote, so texts with {n} must use ’ instead
        for (String file : new String[]{"flow.properties", "flow_zh_CN.properties"}) {
            var p = load(file);
            for (String k : p.stringPropertyNames()) {
                String v = p.getProperty(k);
                if (v.contains("{0}")) assertFalse(v.contains("'"), file + " " + k);
            }
        }
    }

    @Test void everyPaneHasATitleInBothLanguages() throws Exception {
        var en = load("flow.properties");
        var zh = load("flow_zh_CN.properties");
        for (String key : new String[]{"tab.embeddings", "tab.qkv", "tab.mlp", "tab.output", "tab.generation", "tab.compare"}) {
            assertNotNull(en.getProperty(key), key);
            assertNotEquals(en.getProperty(key), zh.getProperty(key), key);
        }
    }
}
