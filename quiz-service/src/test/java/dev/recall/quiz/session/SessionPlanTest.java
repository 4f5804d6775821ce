package dev.recall.quiz.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.recall.contracts.deck.Item;
import dev.recall.contracts.deck.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SessionPlanTest {
    static final List<Item> DECK = IntStream.rangeClosed(1, 10)
            .mapToObj(i -> Item.flashcard(UUID.fromString(String.format("00000000-0000-4000-8000-%012d", i)),
                    i <= 6 ? Level.BEGINNER : Level.ADVANCED, "front " + i, "back " + i))
            .toList();

    static List<UUID> ids(List<Item> items) {
        return items.stream().map(Item::id).toList();
    }

    @Test
    void theSameSeedGivesTheSameOrderAndAnotherSeedAnother() {
        List<Item> first = SessionPlan.choose(DECK, SessionMode.STUDY, 42, null, null, null);
        assertEquals(ids(first), ids(SessionPlan.choose(DECK, SessionMode.STUDY, 42, null, null, null)));
        assertNotEquals(ids(first), ids(SessionPlan.choose(DECK, SessionMode.STUDY, 43, null, null, null)));
        assertEquals(Set.copyOf(ids(DECK)), Set.copyOf(ids(first)));
    }

    @Test
    void theOrderIsThePublishedAlgorithmSha256OfSeedAndItemId() {
        List<Item> expected = new ArrayList<>(DECK);
        expected.sort((a, b) -> SeededOrder.sha256("7:" + a.id()).compareTo(SeededOrder.sha256("7:" + b.id())));
        assertEquals(ids(expected), ids(SessionPlan.choose(DECK, SessionMode.MIXED, 7, null, null, null)));
        // Computed independently (Python's hashlib): other implementations rely on this order.
        assertEquals(List.of("front 6", "front 1", "front 10", "front 2", "front 7", "front 8", "front 4", "front 9",
                "front 3", "front 5"), SessionPlan.choose(DECK, SessionMode.MIXED, 42, null, null, null).stream()
                .map(Item::front).toList());
    }

    @Test
    void levelFilterAndMaximumApplyAfterOrdering() {
        List<Item> chosen = SessionPlan.choose(DECK, SessionMode.STUDY, 42, Set.of(Level.ADVANCED), null, 3);
        assertEquals(3, chosen.size());
        chosen.forEach(item -> assertEquals(Level.ADVANCED, item.level()));
        assertEquals(ids(SessionPlan.choose(DECK, SessionMode.STUDY, 42, Set.of(Level.ADVANCED), null, null))
                .subList(0, 3), ids(chosen));
    }

    @Test
    void aReviewOffersWhatIsDueSoonestFirstAndNothingThatIsNotYetDue() {
        Instant now = Instant.parse("2026-11-27T12:00:00Z");
        Map<UUID, Instant> due = Map.of(
                DECK.get(0).id(), now.minusSeconds(60),
                DECK.get(1).id(), now.minusSeconds(3600),
                DECK.get(2).id(), now,
                DECK.get(3).id(), now.plusSeconds(1));
        assertEquals(List.of(DECK.get(1).id(), DECK.get(0).id(), DECK.get(2).id()),
                ids(SessionPlan.chooseForReview(DECK, 42, null, null, null, due, now)));
        assertEquals(List.of(DECK.get(1).id()), ids(SessionPlan.chooseForReview(DECK, 42, null, null, 1, due, now)));
    }

    @Test
    void aReviewWithNothingDueFallsBackToNewItemsInSeededOrder() {
        Instant now = Instant.parse("2026-11-27T12:00:00Z");
        Map<UUID, Instant> due = Map.of(DECK.get(0).id(), now.plusSeconds(600), DECK.get(9).id(), now.plusSeconds(60));
        List<Item> expected = SessionPlan.choose(DECK, SessionMode.MIXED, 42, null, null, null).stream()
                .filter(item -> !due.containsKey(item.id())).toList();
        assertEquals(ids(expected), ids(SessionPlan.chooseForReview(DECK, 42, null, null, null, due, now)));
        assertEquals(8, expected.size());
    }

    @Test
    void quizModeLeavesOutFlashcards() {
        assertEquals(List.of(), SessionPlan.choose(DECK, SessionMode.QUIZ, 42, null, null, null));
    }
}
