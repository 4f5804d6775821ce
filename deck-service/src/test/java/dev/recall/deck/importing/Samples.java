package dev.recall.deck.importing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The reference files in the repository's samples/ folder, as the tests of every module see them. */
public final class Samples {
    private Samples() {
    }

    public static String read(String name) {
        Path path = Path.of("..", "samples", name);
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("sample " + path.toAbsolutePath().normalize() + " is missing", e);
        }
    }
}
