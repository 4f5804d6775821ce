package dev.recall.deck.importing;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The formats a deck can be imported from, with the title a deck gets when the file names none. */
public enum ImportFormat {
    RECALL(RecallPageParser::parse, "Recall & Review"),
    GIFT(GiftParser::parse, "Imported questions"),
    TSV(TsvParser::parse, "Imported flashcards");

    private final Function<String, ImportedDeck> parser;
    private final String defaultTitle;

    ImportFormat(Function<String, ImportedDeck> parser, String defaultTitle) {
        this.parser = parser;
        this.defaultTitle = defaultTitle;
    }

    /** The deck in {@code text}, or {@link ImportRejected} with every problem of the file. */
    public ImportedDeck read(String text) {
        return parser.apply(text);
    }

    public String defaultTitle() {
        return defaultTitle;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The format called {@code name}, in any case, or null. */
    public static ImportFormat named(String name) {
        for (ImportFormat format : values()) {
            if (format.wireName().equalsIgnoreCase(name == null ? "" : name.strip())) {
                return format;
            }
        }
        return null;
    }

    public static String names() {
        return Arrays.stream(values()).map(ImportFormat::wireName).collect(Collectors.joining(", "));
    }
}
