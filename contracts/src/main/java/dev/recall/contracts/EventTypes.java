package dev.recall.contracts;

import java.util.List;

/** The {@code type} attribute of every event Recall publishes; each has a schema in {@code /schemas/<type>.json}. */
public final class EventTypes {
    public static final String DECK_CREATED = "recall.deck.created";
    public static final String DECK_ITEM_ADDED = "recall.deck.item-added";
    public static final String DECK_ITEM_REVISED = "recall.deck.item-revised";
    public static final String DECK_ITEM_REMOVED = "recall.deck.item-removed";
    public static final String DECK_PUBLISHED = "recall.deck.published";
    public static final String SESSION_STARTED = "recall.quiz.session-started";
    public static final String ANSWER_RECORDED = "recall.quiz.answer-recorded";
    public static final String ITEM_SCHEDULED = "recall.progress.item-scheduled";
    public static final String MASTERY_CHANGED = "recall.progress.mastery-changed";

    public static final List<String> ALL = List.of(DECK_CREATED, DECK_ITEM_ADDED, DECK_ITEM_REVISED,
            DECK_ITEM_REMOVED, DECK_PUBLISHED, SESSION_STARTED, ANSWER_RECORDED, ITEM_SCHEDULED,
            MASTERY_CHANGED);

    private EventTypes() {
    }
}
