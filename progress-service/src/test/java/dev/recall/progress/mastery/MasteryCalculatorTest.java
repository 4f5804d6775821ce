package dev.recall.progress.mastery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.recall.contracts.deck.ItemKind;
import dev.recall.contracts.deck.Level;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MasteryCalculatorTest {
    static final String LEARNER = "learner-7";
    static final UUID DECK = UUID.fromString("00000000-0000-4000-8000-00000000d001");

    static ItemProgress item(int n, ItemKind kind, Level level, int attempts, int correct) {
        return new ItemProgress(UUID.fromString("00000000-0000-4000-8000-00000000000" + n), kind, level,
                kind == ItemKind.FREE_RESPONSE ? List.of("environment", "data version", "seeds") : null, attempts,
                correct);
    }

    @Test
    void countsSeenItemsAndAccuracyOverallAndPerLevel() {
        Mastery mastery = MasteryCalculator.compute(LEARNER, DECK, 2, List.of(
                item(1, ItemKind.FLASHCARD, Level.BEGINNER, 3, 2),
                item(2, ItemKind.MULTIPLE_CHOICE, Level.BEGINNER, 1, 0),
                item(3, ItemKind.FREE_RESPONSE, Level.INTERMEDIATE, 0, 0),
                item(4, ItemKind.TRUE_FALSE, Level.ADVANCED, 4, 4)));

        assertEquals(LEARNER, mastery.learnerId());
        assertEquals(DECK, mastery.deckId());
        assertEquals(2, mastery.deckVersion());
        assertEquals(4, mastery.itemsTotal());
        assertEquals(3, mastery.itemsSeen());
        assertEquals(0, mastery.itemsMastered());
        assertEquals(6.0 / 8.0, mastery.accuracy());
        assertNull(mastery.meanRetrievability());
        assertEquals(List.of("beginner", "intermediate", "advanced"), List.copyOf(mastery.byLevel().keySet()));
        assertEquals(new Mastery.LevelMastery(2, 2, 0, 2.0 / 4.0), mastery.byLevel().get("beginner"));
        assertEquals(new Mastery.LevelMastery(1, 0, 0, null), mastery.byLevel().get("intermediate"));
        assertEquals(new Mastery.LevelMastery(1, 1, 0, 1.0), mastery.byLevel().get("advanced"));
        assertEquals(Map.of(), mastery.byConcept());
    }

    @Test
    void accuracyIsTheShareOfCorrectAttemptsNotTheMeanOfPerItemShares() {
        Mastery mastery = MasteryCalculator.compute(LEARNER, DECK, 1, List.of(
                item(1, ItemKind.FLASHCARD, Level.BEGINNER, 1, 1),
                item(2, ItemKind.MULTIPLE_CHOICE, Level.BEGINNER, 2, 0)));
        // (1 + 0) / (1 + 2), not (1/1 + 0/2) / 2
        assertEquals(1.0 / 3.0, mastery.accuracy());
        assertEquals(0.3333333333333333, mastery.accuracy());
    }

    @Test
    void aLearnerWithNoAttemptsHasNoAccuracyAndOnlyTheDecksLevelsAreListed() {
        Mastery mastery = MasteryCalculator.compute(LEARNER, DECK, 1, List.of(
                item(1, ItemKind.FLASHCARD, Level.INTERMEDIATE, 0, 0),
                item(2, ItemKind.MULTIPLE_CHOICE, Level.INTERMEDIATE, 0, 0)));
        assertEquals(2, mastery.itemsTotal());
        assertEquals(0, mastery.itemsSeen());
        assertNull(mastery.accuracy());
        assertEquals(Map.of("intermediate", new Mastery.LevelMastery(2, 0, 0, null)), mastery.byLevel());
    }

    @Test
    void aDeckWithoutItemsIsEmptyNotAnError() {
        Mastery mastery = MasteryCalculator.compute(LEARNER, DECK, 1, List.of());
        assertEquals(0, mastery.itemsTotal());
        assertEquals(0, mastery.itemsSeen());
        assertNull(mastery.accuracy());
        assertEquals(Map.of(), mastery.byLevel());
    }

    @Test
    void moreCorrectAnswersThanAttemptsIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> item(1, ItemKind.FLASHCARD, Level.BEGINNER, 1, 2));
    }
}
