package dev.recall.quiz.session;

import dev.recall.contracts.deck.Item;
import dev.recall.contracts.deck.Level;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

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
        return limit(SeededOrder.shuffle(offered(deckItems, mode, levels, tags),
                item -> SeededOrder.itemKey(seed, item.id())), maxItems);
    }

    /**
     * A REVIEW session: the items due at {@code now} by the learner's schedule, soonest first (equal
     * due dates in seeded order); when nothing is due, the items never reviewed, in seeded order.
     */
    public static List<Item> chooseForReview(List<Item> deckItems, long seed, Set<Level> levels, Set<String> tags,
            Integer maxItems, Map<UUID, Instant> due, Instant now) {
        List<Item> seeded = SeededOrder.shuffle(offered(deckItems, SessionMode.REVIEW, levels, tags),
                item -> SeededOrder.itemKey(seed, item.id()));
        List<Item> dueNow = seeded.stream().filter(item -> due.containsKey(item.id()) && !due.get(item.id()).isAfter(now))
                .sorted(Comparator.comparing(item -> due.get(item.id()))).toList();
        if (!dueNow.isEmpty()) {
            return limit(dueNow, maxItems);
        }
        return limit(seeded.stream().filter(item -> !due.containsKey(item.id())).toList(), maxItems);
    }

    private static List<Item> offered(List<Item> deckItems, SessionMode mode, Set<Level> levels, Set<String> tags) {
        return deckItems.stream()
                .filter(item -> mode.offers(item.kind()))
                .filter(item -> levels == null || levels.isEmpty() || levels.contains(item.level()))
                .filter(item -> tags == null || tags.isEmpty()
                        || (item.tags() != null && item.tags().stream().anyMatch(tags::contains)))
                .toList();
    }

    private static List<Item> limit(List<Item> ordered, Integer maxItems) {
        return maxItems == null || maxItems >= ordered.size() ? ordered : ordered.subList(0, maxItems);
    }
}
