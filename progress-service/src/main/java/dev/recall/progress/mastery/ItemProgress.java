package dev.recall.progress.mastery;

import dev.recall.contracts.deck.ItemKind;
import dev.recall.contracts.deck.Level;
import dev.recall.progress.scheduling.Card;
import java.util.List;
import java.util.UUID;

/**
 * One item of a deck version, with what one learner did on it: zero attempts and no schedule when
 * the learner never answered it. {@code lastConceptsCovered} are the concepts ticked in the latest
 * answer of a FREE_RESPONSE item; {@code schedule} is null also for answers folded before schedules existed;
 * {@code tags} are the item's tags, its "tagged concepts".
 */
public record ItemProgress(UUID itemId, ItemKind kind, Level level, List<String> concepts, int attempts,
        int correct, Card schedule, List<String> lastConceptsCovered, List<String> tags) {

    public ItemProgress {
        concepts = concepts == null ? List.of() : List.copyOf(concepts);
        tags = tags == null ? List.of() : List.copyOf(tags);
        lastConceptsCovered = lastConceptsCovered == null ? null : List.copyOf(lastConceptsCovered);
        if (attempts < 0 || correct < 0 || correct > attempts) {
            throw new IllegalArgumentException("item " + itemId + ": " + correct + " correct of " + attempts
                    + " attempts");
        }
    }

    public ItemProgress(UUID itemId, ItemKind kind, Level level, List<String> concepts, int attempts, int correct) {
        this(itemId, kind, level, concepts, attempts, correct, null, null, null);
    }

    public ItemProgress(UUID itemId, ItemKind kind, Level level, List<String> concepts, int attempts, int correct,
            Card schedule, List<String> lastConceptsCovered) {
        this(itemId, kind, level, concepts, attempts, correct, schedule, lastConceptsCovered, null);
    }

    public boolean seen() {
        return attempts > 0;
    }
}
