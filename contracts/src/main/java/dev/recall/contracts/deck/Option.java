package dev.recall.contracts.deck;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One answer option of a multiple-choice item; {@code weight} is GIFT's partial credit in percent. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Option(String id, String text, boolean correct, String feedback, Double weight) {
    public Option withId(String newId) {
        return new Option(newId, text, correct, feedback, weight);
    }
}
