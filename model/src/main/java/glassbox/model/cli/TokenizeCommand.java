package glassbox.model.cli;

import glassbox.model.format.gguf.GgufFile;
import glassbox.model.json.Json;
import glassbox.model.json.JsonText;
import glassbox.model.tokenizer.Tokenizer;
import glassbox.model.tokenizer.TokenizerFiles;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.StringJoiner;

/** {@code glassbox tokenize}: text to ids and pieces with any tokenizer the app can read. */
public final class TokenizeCommand implements Command {
    private final InputStream stdin;

    public TokenizeCommand() { this(System.in); }

    TokenizeCommand(InputStream stdin) { this.stdin = stdin; }

    @Override public String name() { return "tokenize"; }

    @Override public String summary() { return "text to token ids and pieces"; }

    @Override public String usage() {
        return """
                usage: glassbox tokenize (--model FILE | --tokenizer FILE) [--bos] (--text TEXT | --stdin-jsonl) [--json]
                  --model FILE      a GGUF (its own vocabulary) or a llama2.c .bin (tok<vocab>.bin / tokenizer.bin beside it)
                  --tokenizer FILE  llama2.c tokenizer.bin, GGUF, HF tokenizer.json, or GPT-2 encoder.json (vocab.bpe beside it)
                  --bos             put the beginning-of-sequence id first
                  --text TEXT       the text to tokenize
                  --stdin-jsonl     read one JSON string per line; print one {"ids":[...],"pieces":[...]} per line
                  --json            print one {"ids":[...],"pieces":[...]} object""";
    }

    @Override public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        Path model = args.existingFile("model");
        Path tokFile = args.existingFile("tokenizer");
        boolean bos = args.flag("bos");
        boolean json = args.flag("json");
        boolean jsonl = args.flag("stdin-jsonl");
        String text = args.string("text", null);
        args.finish();
        if ((model == null) == (tokFile == null)) throw new CliException("give exactly one of --model FILE or --tokenizer FILE");
        if ((text == null) == !jsonl) throw new CliException("give exactly one of --text TEXT or --stdin-jsonl");
        Tokenizer tok = tokFile != null ? TokenizerFiles.open(tokFile) : forModel(model);
        if (bos && tok.bos() < 0) throw new CliException("this vocabulary has no beginning-of-sequence token");
        if (jsonl) {
            BufferedReader in = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
            String line;
            int n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                if (line.isBlank()) continue;
                Object v;
                try { v = Json.parse(line); } catch (IllegalArgumentException e) { throw new CliException("line " + n + ": " + e.getMessage()); }
                if (!(v instanceof String s)) throw new CliException("line " + n + ": expected a JSON string");
                out.println(jsonOf(tok, ids(tok, s, bos)));
            }
            return 0;
        }
        int[] ids = ids(tok, text, bos);
        if (json) {
            out.println(jsonOf(tok, ids));
        } else {
            out.printf("%d tokens (%s, vocabulary %d)%n", ids.length, tok.kind(), tok.vocabSize());
            for (int k = 0; k < ids.length; k++) out.printf("%5d  %6d  %s%n", k, ids[k], visible(tok.piece(ids[k])));
        }
        return 0;
    }

    static Tokenizer forModel(Path model) throws Exception {
        byte[] head;
        if (java.nio.file.Files.isDirectory(model)) {
            head = new byte[0];
        } else {
            try (InputStream in = java.nio.file.Files.newInputStream(model)) { head = in.readNBytes(4); }
        }
        if (java.nio.file.Files.isDirectory(model)) return TokenizerFiles.open(model);
        if (GgufFile.hasMagic(head)) return TokenizerFiles.open(model);
        String name = model.getFileName().toString();
        // a Hugging Face folder: the tokenizer sits beside model.safetensors / config.json
        if (name.endsWith(".safetensors") || name.endsWith(".json")) return TokenizerFiles.open(model.toAbsolutePath().getParent());
        int vocab = TokenizerFiles.llama2cVocab(model);
        Path t = TokenizerFiles.besideLlama2c(model, vocab);
        if (t == null) throw new CliException("no tokenizer beside " + model + " (expected tok" + vocab + ".bin or tokenizer.bin); pass --tokenizer");
        return glassbox.model.tokenizer.SentencePieceBpe.fromLlama2c(t, vocab);
    }

    private static int[] ids(Tokenizer tok, String text, boolean bos) {
        int[] ids = tok.encode(text);
        return bos ? Tokenizer.concat(tok.bos(), ids) : ids;
    }

    static String jsonOf(Tokenizer tok, int[] ids) {
        StringJoiner i = new StringJoiner(",", "[", "]"), p = new StringJoiner(",", "[", "]");
        for (int id : ids) { i.add(Integer.toString(id)); p.add(JsonText.quote(tok.piece(id))); }
        return "{\"ids\":" + i + ",\"pieces\":" + p + "}";
    }

    private static String visible(String piece) {
        return piece.replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r");
    }
}
