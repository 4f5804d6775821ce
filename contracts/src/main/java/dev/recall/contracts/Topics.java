package dev.recall.contracts;

/** Kafka topic names of DESIGN.md; dead letters go to {@code <topic>.dlq}. */
public final class Topics {
    public static final String DECK_EVENTS = "recall.deck-events";
    public static final String QUIZ_EVENTS = "recall.quiz-events";
    public static final String PROGRESS_EVENTS = "recall.progress-events";

    public static final String[] ALL = {DECK_EVENTS, QUIZ_EVENTS, PROGRESS_EVENTS};

    /**
     * The record header that carries the event's {@code type} (UTF-8), set by every service's outbox relay: a
     * consumer passes over the types it has no use for without reading their JSON. The value is the truth
     * and is read by the consumers that do handle the type; a header that names another type than the
     * event's own sends the event to the dead-letter topic.
     */
    public static final String TYPE_HEADER = "recall-event-type";

    private Topics() {
    }

    public static String deadLetter(String topic) {
        return topic + ".dlq";
    }
}
