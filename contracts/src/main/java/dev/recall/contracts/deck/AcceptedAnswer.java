package dev.recall.contracts.deck;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One accepted answer of a SHORT_ANSWER item (GIFT {@code =%weight%text#feedback}): {@code weight}
 * is the credit in percent, 100 when absent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AcceptedAnswer(String text, Double weight, String feedback) {
    public static AcceptedAnswer of(String text) {
        return new AcceptedAnswer(text, null, null);
    }

    /** The credit in percent: GIFT's default for an accepted answer is full credit. */
    public double creditPercent() {
        return weight == null ? 100.0 : weight;
    }
}
