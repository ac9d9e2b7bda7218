package glassbox.model.fuzz;

import java.util.Map;

/**
 * A set of files that loads correctly, one of which the fuzzer damages.
 *
 * @param name     label for the summary
 * @param files    file name → contents (written into a fresh folder per case)
 * @param target   the file that gets mutated
 * @param format   how to find that file's structure
 * @param loader   what the app would do with the folder
 * @param weight   relative share of the case budget
 */
record Seed(String name, Map<String, byte[]> files, String target, Format format, Loader loader, int weight) {

    enum Format { GGUF, LLAMA2C, TOKENIZER_BIN, SAFETENSORS, JSON, TEXT }

    /** Loads the folder the way the app would and uses what it got; throws whatever the readers throw. */
    @FunctionalInterface
    interface Loader {
        /** Returns a short note for a valid load (e.g. "model", "tokenizer"). */
        String load(java.nio.file.Path folder) throws Exception;
    }

    byte[] targetBytes() { return files.get(target); }
}
