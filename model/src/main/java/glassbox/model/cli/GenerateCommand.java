package glassbox.model.cli;

import glassbox.model.json.JsonWriter;
import glassbox.model.transformer.Generation;
import glassbox.model.transformer.Sampler;

import java.io.PrintStream;

/** {@code glassbox generate}: continue a prompt. */
public final class GenerateCommand implements Command {
    @Override public String name() { return "generate"; }

    @Override public String summary() { return "continue a prompt with a model (greedy or sampled)"; }

    @Override public String usage() {
        return """
                usage: glassbox generate [--model FILE] [--tokenizer FILE] --prompt TEXT [--max-tokens N]
                                         [--temperature T] [--top-k K] [--top-p P] [--seed S] [--threads N] [--json]
                  --model FILE       llama2.c .bin, GGUF, or a safetensors file/folder with config.json (default: assets/models/classic.gguf)
                  --tokenizer FILE   llama2.c tokenizer.bin (default: the model's own, or tok<vocab>.bin / tokenizer.bin beside it)
                  --max-tokens N     new tokens at most (default 256); also stops at EOS or when BOS is sampled
                  --temperature T    0 = greedy (default 0.8)
                  --top-k K          keep the K likeliest tokens (default 0 = off)
                  --top-p P          nucleus: keep the smallest set with mass P (default 0.9; 1 = off)
                  --seed S           random seed, so sampled runs repeat (default 42)
                  --json             print the text, then as the last line {"prompt_ids":[…],"ids":[…],"text":"…"}""";
    }

    @Override public int run(Args args, PrintStream out, PrintStream err) throws Exception {
        String prompt = args.required("prompt");
        int maxTokens = args.integer("max-tokens", 256);
        float temperature = (float) args.number("temperature", 0.8);
        int topK = args.integer("top-k", 0);
        float topP = (float) args.number("top-p", 0.9);
        long seed = args.longValue("seed", 42);
        boolean json = args.flag("json");
        if (maxTokens < 0) throw new CliException("--max-tokens must be ≥ 0");
        if (!(temperature >= 0) || Float.isInfinite(temperature)) throw new CliException("--temperature must be ≥ 0");
        if (!(topP >= 0 && topP <= 1)) throw new CliException("--top-p must be between 0 and 1");
        try (var model = ModelOptions.open(args)) {
            args.finish();
            var tok = ModelOptions.tokenizer(model);
            int context = model.config().contextLength();
            int[] promptIds = ModelOptions.promptIds(tok, prompt, context, Math.min(maxTokens, context / 2), err);
            var sampler = new Sampler(temperature, topK, topP, seed);
            int[] prev = {promptIds[promptIds.length - 1]};
            if (!json) {
                for (int i = 1; i < promptIds.length; i++) out.print(tok.decode(promptIds[i - 1], promptIds[i]));
                if (tok.bos() < 0 && promptIds.length > 0) out.print(tok.decode(-1, promptIds[0]));
                out.flush();
            }
            var result = Generation.run(model.transformer(), promptIds, maxTokens, sampler, tok.bos(), tok.eos(), id -> {
                if (!json) { out.print(tok.decode(prev[0], id)); out.flush(); }
                prev[0] = id;
            });
            int[] ids = result.ids();
            int from = ids.length > 0 && ids[0] == tok.bos() ? 1 : 0;
            String text = tok.decode(java.util.Arrays.copyOfRange(ids, from, ids.length));
            if (json) {
                out.println(text);
                out.println(new JsonWriter().beginObject().field("prompt_ids", result.promptIds()).field("ids", ids)
                        .field("text", text).endObject());
            } else {
                out.println();
            }
            return 0;
        }
    }
}
