package dev.recall.contracts;

/** Kafka topic names of DESIGN.md; dead letters go to {@code <topic>.dlq}. */
public final class Topics {
    public static final String DECK_EVENTS = "recall.deck-events";
    public static final String QUIZ_EVENTS = "recall.quiz-events";
    public static final String PROGRESS_EVENTS = "recall.progress-events";

    public static final String[] ALL = {DECK_EVENTS, QUIZ_EVENTS, PROGRESS_EVENTS};

    private Topics() {
    }

    public static String deadLetter(String topic) {
        return topic + ".dlq";
    }
}
