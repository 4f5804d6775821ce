package dev.recall.contracts.deck;

/**
 * How a deck's items are scheduled for review. {@code desiredRetention} is the probability of recall
 * at which FSRS makes an item due: higher means shorter intervals and more reviews. It is a policy of the
 * deck, not its content, so it is not part of the content hash.
 */
public record DeckSettings(double desiredRetention) {
    public static final double MIN_DESIRED_RETENTION = 0.70;
    public static final double MAX_DESIRED_RETENTION = 0.99;
    /** FSRS's default, and what every deck published before settings existed (schemaVersion 1) had. */
    public static final DeckSettings DEFAULT = new DeckSettings(0.9);

    /** Null when the settings are acceptable, else what to fix. */
    public static String problem(Double desiredRetention) {
        if (desiredRetention == null || desiredRetention.isNaN() || desiredRetention < MIN_DESIRED_RETENTION
                || desiredRetention > MAX_DESIRED_RETENTION) {
            return "desiredRetention must be a number from " + MIN_DESIRED_RETENTION + " to " + MAX_DESIRED_RETENTION
                    + " (the probability of recall at which an item falls due; FSRS's default is "
                    + DEFAULT.desiredRetention() + "), got " + desiredRetention;
        }
        return null;
    }
}
