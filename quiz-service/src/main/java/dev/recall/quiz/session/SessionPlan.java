package dev.recall.quiz.session;

import dev.recall.contracts.deck.Item;
import dev.recall.contracts.deck.Level;
import java.util.List;
import java.util.Set;

/** Chooses and orders the items of a new session from a published version. */
public final class SessionPlan {
    private SessionPlan() {
    }

    /**
     * The items of {@code deckItems} that {@code mode} offers, restricted to {@code levels} and
     * {@code tags} when given (an item needs one of the tags), in seeded order, at most {@code maxItems}.
     */
    public static List<Item> choose(List<Item> deckItems, SessionMode mode, long seed, Set<Level> levels,
            Set<String> tags, Integer maxItems) {
        List<Item> offered = deckItems.stream()
                .filter(item -> mode.offers(item.kind()))
                .filter(item -> levels == null || levels.isEmpty() || levels.contains(item.level()))
                .filter(item -> tags == null || tags.isEmpty()
                        || (item.tags() != null && item.tags().stream().anyMatch(tags::contains)))
                .toList();
        List<Item> ordered = SeededOrder.shuffle(offered, item -> SeededOrder.itemKey(seed, item.id()));
        return maxItems == null || maxItems >= ordered.size() ? ordered : ordered.subList(0, maxItems);
    }
}
