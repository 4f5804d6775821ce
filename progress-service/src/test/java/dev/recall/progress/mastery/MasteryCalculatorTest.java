package dev.recall.progress.mastery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.recall.contracts.deck.ItemKind;
import dev.recall.contracts.deck.Level;
import dev.recall.progress.scheduling.Card;
import dev.recall.progress.scheduling.Fsrs;
import dev.recall.progress.scheduling.Rating;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MasteryCalculatorTest {
    static final String LEARNER = "learner-7";
    static final UUID DECK = UUID.fromString("00000000-0000-4000-8000-00000000d001");
    static final Fsrs FSRS = new Fsrs();
    static final Instant T0 = Instant.parse("2026-01-05T08:00:00Z");
    static final Instant AT = Instant.parse("2026-03-01T00:00:00Z");

    static ItemProgress item(int n, ItemKind kind, Level level, int attempts, int correct) {
        return new ItemProgress(UUID.fromString("00000000-0000-4000-8000-00000000000" + n), kind, level,
                kind == ItemKind.FREE_RESPONSE ? List.of("environment", "data version", "seeds") : null, attempts,
                correct);
    }

    @Test
    void countsSeenItemsAndAccuracyOverallAndPerLevel() {
        Mastery mastery = MasteryCalculator.compute(LEARNER, DECK, 2, FSRS, AT, List.of(
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
        assertEquals(new Mastery.LevelMastery(2, 2, 0, 2.0 / 4.0, null), mastery.byLevel().get("beginner"));
        assertEquals(new Mastery.LevelMastery(1, 0, 0, null, null), mastery.byLevel().get("intermediate"));
        assertEquals(new Mastery.LevelMastery(1, 1, 0, 1.0, null), mastery.byLevel().get("advanced"));
        assertEquals(Map.of(), mastery.byConcept());
    }

    @Test
    void accuracyIsTheShareOfCorrectAttemptsNotTheMeanOfPerItemShares() {
        Mastery mastery = MasteryCalculator.compute(LEARNER, DECK, 1, FSRS, AT, List.of(
                item(1, ItemKind.FLASHCARD, Level.BEGINNER, 1, 1),
                item(2, ItemKind.MULTIPLE_CHOICE, Level.BEGINNER, 2, 0)));
        // (1 + 0) / (1 + 2), not (1/1 + 0/2) / 2
        assertEquals(1.0 / 3.0, mastery.accuracy());
        assertEquals(0.3333333333333333, mastery.accuracy());
    }

    @Test
    void aLearnerWithNoAttemptsHasNoAccuracyAndOnlyTheDecksLevelsAreListed() {
        Mastery mastery = MasteryCalculator.compute(LEARNER, DECK, 1, FSRS, AT, List.of(
                item(1, ItemKind.FLASHCARD, Level.INTERMEDIATE, 0, 0),
                item(2, ItemKind.MULTIPLE_CHOICE, Level.INTERMEDIATE, 0, 0)));
        assertEquals(2, mastery.itemsTotal());
        assertEquals(0, mastery.itemsSeen());
        assertNull(mastery.accuracy());
        assertEquals(Map.of("intermediate", new Mastery.LevelMastery(2, 0, 0, null, null)), mastery.byLevel());
    }

    @Test
    void aDeckWithoutItemsIsEmptyNotAnError() {
        Mastery mastery = MasteryCalculator.compute(LEARNER, DECK, 1, FSRS, AT, List.of());
        assertEquals(0, mastery.itemsTotal());
        assertEquals(0, mastery.itemsSeen());
        assertNull(mastery.accuracy());
        assertEquals(Map.of(), mastery.byLevel());
    }

    static Card reviewed(Rating... ratings) {
        Card card = Card.unseen(T0);
        Instant at = T0;
        for (Rating rating : ratings) {
            card = FSRS.review(card, at, rating);
            at = card.due();
        }
        return card;
    }

    @Test
    void itemsWithStabilityOfTwentyOneDaysOrMoreAreMasteredAndRetrievabilityIsAveragedOverSeenItems() {
        Card mature = reviewed(Rating.EASY, Rating.EASY);
        Card young = reviewed(Rating.GOOD, Rating.GOOD);
        UUID[] ids = {new UUID(0, 1), new UUID(0, 2), new UUID(0, 3)};
        Mastery mastery = MasteryCalculator.compute(LEARNER, DECK, 1, FSRS, AT, List.of(
                new ItemProgress(ids[0], ItemKind.FLASHCARD, Level.BEGINNER, null, 2, 2, mature, null),
                new ItemProgress(ids[1], ItemKind.FLASHCARD, Level.BEGINNER, null, 2, 2, young, null),
                new ItemProgress(ids[2], ItemKind.FLASHCARD, Level.ADVANCED, null, 0, 0)));
        // The values ts-fsrs 5.4.2 gives for the same reviews.
        assertEquals(65.62422648, mature.stability());
        assertEquals(2.3065, young.stability());
        assertEquals(1, mastery.itemsMastered());
        double matureR = FSRS.retrievability(mature, AT);
        double youngR = FSRS.retrievability(young, AT);
        assertEquals(0.92251097, matureR); // 46 whole days after the last review
        assertEquals(0.61278142, youngR); // 54 whole days after
        assertEquals((matureR + youngR) / 2, mastery.meanRetrievability());
        assertEquals(new Mastery.LevelMastery(2, 2, 1, 1.0, (matureR + youngR) / 2), mastery.byLevel().get("beginner"));
        assertEquals(new Mastery.LevelMastery(1, 0, 0, null, null), mastery.byLevel().get("advanced"));
        assertEquals(AT, mastery.asOf());
    }

    @Test
    void conceptsCountTheLatestAnswerOfEachAnsweredFreeResponseItem() {
        Mastery mastery = MasteryCalculator.compute(LEARNER, DECK, 1, FSRS, AT, List.of(
                new ItemProgress(new UUID(0, 1), ItemKind.FREE_RESPONSE, Level.INTERMEDIATE,
                        List.of("environment", "data version", "seeds"), 2, 0, null, List.of("environment", "seeds")),
                new ItemProgress(new UUID(0, 2), ItemKind.FREE_RESPONSE, Level.INTERMEDIATE,
                        List.of("seeds", "logging"), 1, 0, null, List.of()),
                new ItemProgress(new UUID(0, 3), ItemKind.FREE_RESPONSE, Level.INTERMEDIATE,
                        List.of("containers"), 0, 0),
                new ItemProgress(new UUID(0, 4), ItemKind.MULTIPLE_CHOICE, Level.BEGINNER, null, 1, 1)));
        assertEquals(List.of("data version", "environment", "logging", "seeds"),
                List.copyOf(mastery.byConcept().keySet()), "unanswered items' concepts are not listed; sorted by name");
        assertEquals(new Mastery.ConceptMastery(0, 1), mastery.byConcept().get("data version"));
        assertEquals(new Mastery.ConceptMastery(1, 1), mastery.byConcept().get("environment"));
        assertEquals(new Mastery.ConceptMastery(0, 1), mastery.byConcept().get("logging"));
        assertEquals(new Mastery.ConceptMastery(1, 2), mastery.byConcept().get("seeds"));
    }

    @Test
    void tagsAreConceptsWithTheMeasuresOfTheItemsTaggedWithThem() {
        Card mature = reviewed(Rating.EASY, Rating.EASY);
        Mastery mastery = MasteryCalculator.compute(LEARNER, DECK, 1, FSRS, AT, List.of(
                new ItemProgress(new UUID(0, 1), ItemKind.FLASHCARD, Level.BEGINNER, null, 3, 2, mature, null,
                        List.of("seeds", "python")),
                new ItemProgress(new UUID(0, 2), ItemKind.MULTIPLE_CHOICE, Level.BEGINNER, null, 1, 0, null, null,
                        List.of("seeds")),
                new ItemProgress(new UUID(0, 3), ItemKind.FREE_RESPONSE, Level.INTERMEDIATE, List.of("seeds"), 1, 1,
                        null, List.of("seeds"), List.of()),
                new ItemProgress(new UUID(0, 4), ItemKind.FLASHCARD, Level.ADVANCED, null, 0, 0, null, null,
                        List.of("python"))));
        assertEquals(List.of("python", "seeds"), List.copyOf(mastery.byConcept().keySet()));
        double r = FSRS.retrievability(mature, AT);
        // "seeds" is a rubric concept of the free-response item and the tag of the first two items.
        assertEquals(new Mastery.ConceptMastery(1, 1, new Mastery.LevelMastery(2, 2, 1, 2.0 / 4.0, r)),
                mastery.byConcept().get("seeds"));
        assertEquals(new Mastery.ConceptMastery(0, 0, new Mastery.LevelMastery(2, 1, 1, 2.0 / 3.0, r)),
                mastery.byConcept().get("python"));
    }

    @Test
    void moreCorrectAnswersThanAttemptsIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> item(1, ItemKind.FLASHCARD, Level.BEGINNER, 1, 2));
    }
}
