package dev.recall.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.recall.contracts.deck.DeckSettings;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Brings an event written at an older schemaVersion up to the version this code reads, on the JSON tree
 * and before validation, so consumers only ever see the current shape. Every step is additive: it fills
 * in what the older version did not carry with what it meant then. Newer versions are left as they are
 * (their additions are ignored by readers that do not know them).
 */
public final class Upcasters {
    /** One step, from {@code from} to {@code from + 1}, applied to the event's {@code data} object. */
    record Step(int from, Consumer<ObjectNode> upcastData) {
    }

    private static final Map<String, List<Step>> STEPS = Map.of(
            // v2 added the deck's settings; every v1 deck was scheduled with FSRS's default retention.
            EventTypes.DECK_PUBLISHED, List.of(new Step(1, data -> {
                if (!data.has("settings")) {
                    data.putObject("settings").put("desiredRetention", DeckSettings.DEFAULT.desiredRetention());
                }
            })));

    private Upcasters() {
    }

    /**
     * Upcasts {@code event} in place to {@link EventTypes#schemaVersion} of its type; true when it changed.
     * An event without a readable type, version or data object is left to validation to reject.
     */
    public static boolean upcast(ObjectNode event) {
        JsonNode type = event.get("type");
        JsonNode version = event.get("schemaVersion");
        JsonNode data = event.get("data");
        if (type == null || !type.isTextual() || version == null || !version.canConvertToExactIntegral()
                || data == null || !data.isObject()) {
            return false;
        }
        int current = EventTypes.schemaVersion(type.asText());
        int at = version.asInt();
        if (at < 1 || at >= current) {
            return false;
        }
        for (Step step : STEPS.getOrDefault(type.asText(), List.of())) {
            if (step.from() == at) {
                step.upcastData().accept((ObjectNode) data);
                at++;
            }
        }
        if (at != current) {
            throw new IllegalStateException("no upcast path for " + type.asText() + " from schemaVersion "
                    + version.asInt() + " to " + current);
        }
        event.put("schemaVersion", current);
        return true;
    }
}
