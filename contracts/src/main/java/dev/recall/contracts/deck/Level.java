package dev.recall.contracts.deck;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** An item's difficulty level; lower-case on the wire. */
public enum Level {
    BEGINNER, INTERMEDIATE, ADVANCED;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static Level fromWire(String value) {
        if (value == null) {
            return null;
        }
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown level '" + value + "'; use one of "
                    + Arrays.stream(values()).map(Level::wireName).collect(Collectors.joining(", ")));
        }
    }
}
