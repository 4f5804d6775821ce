package dev.recall.progress.mastery;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import java.util.UUID;

/**
 * A learner's mastery of a deck, over the items of its latest published version. {@code accuracy}
 * is null while the learner has no attempts on those items; null fields are sent, never left out.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Mastery(
        String learnerId,
        UUID deckId,
        int deckVersion,
        int itemsTotal,
        int itemsSeen,
        int itemsMastered,
        Double accuracy,
        Double meanRetrievability,
        Map<String, LevelMastery> byLevel,
        Map<String, Object> byConcept) {

    /** The same measures restricted to the items of one level. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record LevelMastery(int itemsTotal, int itemsSeen, int itemsMastered, Double accuracy) {
    }
}
