package dev.recall.contracts;

import java.util.List;
import java.util.Map;

/** The {@code type} attribute of every event Recall publishes; each has a schema in {@code /schemas/<type>.json}. */
public final class EventTypes {
    public static final String DECK_CREATED = "recall.deck.created";
    public static final String DECK_ITEM_ADDED = "recall.deck.item-added";
    public static final String DECK_ITEM_REVISED = "recall.deck.item-revised";
    public static final String DECK_ITEM_REMOVED = "recall.deck.item-removed";
    public static final String DECK_SETTINGS_CHANGED = "recall.deck.settings-changed";
    public static final String DECK_PUBLISHED = "recall.deck.published";
    public static final String SESSION_STARTED = "recall.quiz.session-started";
    public static final String ANSWER_RECORDED = "recall.quiz.answer-recorded";
    public static final String ITEM_SCHEDULED = "recall.progress.item-scheduled";
    public static final String MASTERY_CHANGED = "recall.progress.mastery-changed";

    public static final List<String> ALL = List.of(DECK_CREATED, DECK_ITEM_ADDED, DECK_ITEM_REVISED,
            DECK_ITEM_REMOVED, DECK_SETTINGS_CHANGED, DECK_PUBLISHED, SESSION_STARTED, ANSWER_RECORDED, ITEM_SCHEDULED,
            MASTERY_CHANGED);

    /**
     * The schemaVersion each type is emitted at now, where it is not 1. Changes are additive: a reader
     * upcasts older versions ({@link Upcasters}) and reads newer ones by ignoring what it does not know.
     */
    private static final Map<String, Integer> SCHEMA_VERSIONS = Map.of(DECK_PUBLISHED, 2);

    public static int schemaVersion(String type) {
        return SCHEMA_VERSIONS.getOrDefault(type, 1);
    }

    private EventTypes() {
    }
}
