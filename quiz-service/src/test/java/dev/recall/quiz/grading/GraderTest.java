package dev.recall.quiz.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recall.contracts.deck.Item;
import dev.recall.contracts.deck.ItemKind;
import dev.recall.contracts.deck.Level;
import dev.recall.contracts.deck.Option;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class GraderTest {
    static final UUID ID = UUID.fromString("00000000-0000-4000-8000-000000000001");
    static final Item CARD = Item.flashcard(ID, Level.BEGINNER, "Seeds?", "Repeatable randomness.");
    static final Item MCQ = Item.multipleChoice(ID, Level.BEGINNER, "Which tool containerizes?", List.of(
            new Option("a", "Docker", true, "Right.", null),
            new Option("b", "Git", false, "Git versions code.", null),
            new Option("c", "Jupyter", false, null, null)), "Docker packages code and dependencies.");
    static final Item EXPLAIN = Item.freeResponse(ID, Level.INTERMEDIATE, "Explain.", "Think of data.",
            List.of("environment", "data version", "seeds"), "Pin, version, seed.");

    static Item multi(Double wa, Double wb, Double wc, Double wd) {
        return new Item(ID, ItemKind.MULTIPLE_CHOICE, Level.ADVANCED, List.of(), null, null, "Which make runs repeatable?",
                List.of(new Option("a", "Pinned dependencies", true, null, wa),
                        new Option("b", "Fixed seeds", true, null, wb),
                        new Option("c", "Newest libraries", false, null, wc),
                        new Option("d", "Random data order", false, null, wd)),
                "Pinning and seeding remove variation.", true, null, null, null, null, null, null, null, null, null, null,
                null, null, null);
    }

    static Submission rating(String rating) {
        return Submission.rating(rating);
    }

    static Submission selected(String... ids) {
        return Submission.selected(List.of(ids));
    }

    static Submission concepts(String... names) {
        return Submission.concepts(List.of(names));
    }

    @Test
    void aFlashcardRatedAgainIsNotRecalledAndEveryOtherRatingIs() {
        Grade again = Grader.grade(CARD, rating("AGAIN"));
        assertFalse(again.correct());
        assertEquals(0.0, again.score());
        assertEquals("Repeatable randomness.", again.correctAnswer());
        for (String other : List.of("HARD", "GOOD", "easy", "pass")) {
            Grade grade = Grader.grade(CARD, rating(other));
            assertTrue(grade.correct(), other);
            assertEquals(1.0, grade.score(), other);
        }
        assertEquals("AGAIN", Grader.grade(CARD, rating("FAIL")).rating());
        assertEquals("GOOD", Grader.grade(CARD, rating("PASS")).rating());
    }

    @Test
    void aFlashcardNeedsAKnownRating() {
        assertEquals("a flashcard is answered with a rating: AGAIN, HARD, GOOD or EASY",
                assertThrows(InvalidAnswer.class, () -> Grader.grade(CARD, rating(null))).getMessage());
        assertEquals("rating must be AGAIN, HARD, GOOD or EASY (or PASS/FAIL), not 'MEH'",
                assertThrows(InvalidAnswer.class, () -> Grader.grade(CARD, rating("MEH"))).getMessage());
    }

    @Test
    void theCorrectSingleAnswerScoresOneWithItsFeedbackAndNoExplanation() {
        Grade grade = Grader.grade(MCQ, selected("a"));
        assertTrue(grade.correct());
        assertEquals(1.0, grade.score());
        assertEquals("✓ Correct", grade.verdict());
        assertEquals("Right.", grade.feedback());
        assertNull(grade.explanation());
        assertEquals(List.of(Map.of("id", "a", "text", "Docker")), grade.correctAnswer());
    }

    @Test
    void aWrongSingleAnswerScoresZeroAndExplainsWithTheCorrectOption() {
        Grade grade = Grader.grade(MCQ, selected("b"));
        assertFalse(grade.correct());
        assertEquals(0.0, grade.score());
        assertEquals("✗ Incorrect", grade.verdict());
        assertEquals("Git versions code.", grade.feedback());
        assertEquals("Docker packages code and dependencies.", grade.explanation());
        assertEquals(List.of(Map.of("id", "a", "text", "Docker")), grade.correctAnswer());
    }

    @Test
    void aSingleAnswerItemRefusesTwoOptionsAndUnknownIds() {
        assertEquals("this item takes exactly one option, 2 were selected",
                assertThrows(InvalidAnswer.class, () -> Grader.grade(MCQ, selected("a", "b"))).getMessage());
        assertEquals("unknown option id(s) [z]; this item's options are [a, b, c]",
                assertThrows(InvalidAnswer.class, () -> Grader.grade(MCQ, selected("z"))).getMessage());
        assertThrows(InvalidAnswer.class, () -> Grader.grade(MCQ, selected()));
    }

    @Test
    void multipleAnswersWithoutWeightsScoreHitsMinusMissesOverCorrectOptions() {
        Item item = multi(null, null, null, null);
        assertEquals(1.0, Grader.grade(item, selected("a", "b")).score());
        assertTrue(Grader.grade(item, selected("a", "b")).correct());
        assertEquals(0.5, Grader.grade(item, selected("a")).score());
        assertEquals("◐ Partially correct", Grader.grade(item, selected("a")).verdict());
        assertFalse(Grader.grade(item, selected("a")).correct());
        assertEquals(0.5, Grader.grade(item, selected("a", "b", "c")).score());
        assertEquals(0.0, Grader.grade(item, selected("a", "c", "d")).score());
        assertEquals(0.0, Grader.grade(item, selected("c")).score());
    }

    @Test
    void multipleAnswersWithGiftWeightsSumThePercentagesFlooredAtZero() {
        Item item = multi(50.0, 50.0, -100.0, -50.0);
        assertEquals(1.0, Grader.grade(item, selected("b", "a")).score());
        assertEquals(0.5, Grader.grade(item, selected("a")).score());
        assertEquals(0.0, Grader.grade(item, selected("a", "c")).score());
        assertEquals(0.0, Grader.grade(item, selected("a", "b", "c")).score());
        assertEquals(0.5, Grader.grade(item, selected("a", "b", "d")).score());
    }

    @Test
    void aFreeResponseScoresTheShareOfConceptsCovered() {
        Grade grade = Grader.grade(EXPLAIN, concepts("seeds", "environment"));
        assertFalse(grade.correct());
        assertEquals(2.0 / 3.0, grade.score());
        assertEquals("You got 2/3 concepts", grade.verdict());
        assertEquals(2, grade.conceptsHit());
        assertEquals(3, grade.conceptsTotal());
        assertEquals(List.of("data version"), grade.missedConcepts());
        assertEquals("Pin, version, seed.", grade.correctAnswer());

        Grade all = Grader.grade(EXPLAIN, concepts("environment", "data version", "seeds", "seeds"));
        assertTrue(all.correct());
        assertEquals(1.0, all.score());
        assertEquals(0.0, Grader.grade(EXPLAIN, concepts()).score());
    }

    @Test
    void aFreeResponseRefusesConceptsTheItemDoesNotHave() {
        assertEquals("unknown concept(s) [luck]; this item's concepts are [environment, data version, seeds]",
                assertThrows(InvalidAnswer.class, () -> Grader.grade(EXPLAIN, concepts("luck"))).getMessage());
    }
}
