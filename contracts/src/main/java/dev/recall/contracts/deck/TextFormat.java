package dev.recall.contracts.deck;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How an item's texts are to be rendered, as GIFT's {@code [moodle]}, {@code [html]},
 * {@code [plain]} and {@code [markdown]} prefixes say; absent means plain text as written.
 */
public enum TextFormat {
    MOODLE, HTML, PLAIN, MARKDOWN;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static TextFormat fromWire(String value) {
        if (value == null) {
            return null;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown format '" + value + "'; use one of "
                    + Arrays.stream(values()).map(TextFormat::wireName).collect(Collectors.joining(", ")));
        }
    }
}
