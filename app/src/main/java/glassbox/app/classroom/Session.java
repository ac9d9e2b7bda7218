package glassbox.app.classroom;

/**
 * What a saved session brings back: the model file, the prompt, the selected layer / head / query
 * token (−1 = the last), the view in front, the theme ("light" or "dark") and the language tag.
 *
 * @param modelPath absolute path of the model file, or null when none was open
 */
public record Session(String modelPath, String prompt, int layer, int head, int token, String viewId, String theme, String locale) {
    public Session {
        prompt = prompt == null ? "" : prompt;
        viewId = viewId == null || viewId.isBlank() ? "tokenization" : viewId;
        theme = "dark".equals(theme) ? "dark" : "light";
        locale = locale == null || locale.isBlank() ? "en" : locale;
        layer = Math.max(0, layer);
        head = Math.max(0, head);
        token = Math.max(-1, token);
    }

    public boolean dark() { return theme.equals("dark"); }

    public java.util.Locale javaLocale() { return java.util.Locale.forLanguageTag(locale); }
}
