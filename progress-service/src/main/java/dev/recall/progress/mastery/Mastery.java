package dev.recall.progress.mastery;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A learner's mastery of a deck version as of an instant. {@code accuracy} is null while the learner
 * has no attempts on its items, {@code meanRetrievability} while no item has a schedule; null fields
 * are sent, never left out.
 *
 * @param asOf               the instant the numbers describe: the request's asOf, or the time of the request
 * @param itemsMastered      seen items whose FSRS stability is at least 21 days (Anki's "mature")
 * @param meanRetrievability the mean probability of recall at {@code asOf} over the seen items
 * @param byConcept          per concept name: for a FREE_RESPONSE rubric concept, in how many answered items'
 *                           latest answer it was covered ({@code hit}) of how many answered items ask for it
 *                           ({@code total}); for an item tag, the measures over the items tagged with it
 *                           ({@code tagged})
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Mastery(
        String learnerId,
        UUID deckId,
        int deckVersion,
        Instant asOf,
        int itemsTotal,
        int itemsSeen,
        int itemsMastered,
        Double accuracy,
        Double meanRetrievability,
        Map<String, LevelMastery> byLevel,
        Map<String, ConceptMastery> byConcept) {

    /** The same measures restricted to the items of one level. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record LevelMastery(int itemsTotal, int itemsSeen, int itemsMastered, Double accuracy,
            Double meanRetrievability) {
    }

    /**
     * A concept, from the rubric of FREE_RESPONSE items, from item tags, or both. {@code hit} of {@code total}:
     * covered in the latest answer of that many of the answered items whose rubric asks for it (0 of 0 for
     * a tag only); {@code tagged}: the item measures over the items tagged with it (null when none is).
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ConceptMastery(int hit, int total, LevelMastery tagged) {
        public ConceptMastery(int hit, int total) {
            this(hit, total, null);
        }
    }
}
