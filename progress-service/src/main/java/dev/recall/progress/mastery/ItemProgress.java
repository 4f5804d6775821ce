package dev.recall.progress.mastery;

import dev.recall.contracts.deck.ItemKind;
import dev.recall.contracts.deck.Level;
import java.util.List;
import java.util.UUID;

/**
 * One item of the deck's latest published version, with what one learner did on it (zero attempts
 * when the learner never answered it).
 */
public record ItemProgress(UUID itemId, ItemKind kind, Level level, List<String> concepts, int attempts,
        int correct) {

    public ItemProgress {
        concepts = concepts == null ? List.of() : List.copyOf(concepts);
        if (attempts < 0 || correct < 0 || correct > attempts) {
            throw new IllegalArgumentException("item " + itemId + ": " + correct + " correct of " + attempts
                    + " attempts");
        }
    }

    public boolean seen() {
        return attempts > 0;
    }
}
