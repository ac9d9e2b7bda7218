package glassbox.app.classroom;

import org.junit.jupiter.api.Test;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

class ClassroomBundleTest {
    static Properties load(String name) throws Exception {
        var p = new Properties();
        try (var in = ClassroomBundleTest.class.getResourceAsStream("/glassbox/app/classroom/" + name)) {
            assertNotNull(in, name);
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

    @Test void bothBundlesHaveTheSameKeysAndPlaceholders() throws Exception {
        var en = load("classroom.properties");
        var zh = load("classroom_zh_CN.properties");
        assertEquals(new TreeSet<>(en.stringPropertyNames()), new TreeSet<>(zh.stringPropertyNames()));
        for (String k : en.stringPropertyNames()) {
            assertEquals(placeholders(en.getProperty(k)), placeholders(zh.getProperty(k)), k);
            // MessageFormat swallows a bare ASCII apostrophe in texts with arguments
            if (en.getProperty(k).contains("{0}")) assertFalse(en.getProperty(k).contains("'"), k);
        }
    }

    @Test void everyStageHasATitleAndAnExplanationInBothLanguages() throws Exception {
        var en = load("classroom.properties");
        var zh = load("classroom_zh_CN.properties");
        for (ForwardStage s : ForwardStage.values()) {
            for (String part : new String[]{".title", ".text"}) {
                String k = s.key() + part;
                assertNotNull(en.getProperty(k), k);
                assertTrue(zh.getProperty(k).matches("(?s).*[\\u4e00-\\u9fff].*"), "Chinese text for " + k);
            }
            assertNotNull(ForwardStage.paneId(s.viewId()), s.viewId());
        }
        assertEquals(12, ForwardStage.values().length);
    }
}
