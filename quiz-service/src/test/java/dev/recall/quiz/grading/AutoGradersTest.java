package dev.recall.quiz.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.recall.contracts.deck.AcceptedAnswer;
import dev.recall.contracts.deck.Item;
import dev.recall.contracts.deck.ItemKind;
import dev.recall.contracts.deck.Level;
import dev.recall.contracts.deck.MatchPair;
import dev.recall.contracts.deck.NumericAnswer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AutoGradersTest {
    static final UUID ID = UUID.fromString("00000000-0000-4000-8000-000000000009");

    static final Item TRUE_FALSE = Item.builder(ItemKind.TRUE_FALSE).id(ID).level(Level.BEGINNER)
            .stem("Fixed seeds make GPU training bit-for-bit deterministic on their own.").answer(false)
            .feedbackTrue("Not on their own: some GPU kernels are nondeterministic.").feedbackFalse("Right.")
            .explanation("Seeds fix the random choices, not the kernels.").build();

    static final Item SHORT = Item.builder(ItemKind.SHORT_ANSWER).id(ID).level(Level.BEGINNER)
            .stem("Which tool packages code and dependencies into containers?")
            .acceptedAnswers(List.of(new AcceptedAnswer("Docker", null, "Yes."),
                    new AcceptedAnswer("Podman", 100.0, "Also right."),
                    new AcceptedAnswer("a container runtime", 50.0, "Name one.")))
            .explanation("Docker (or Podman) builds images.").build();

    static final Item NUMERIC = Item.builder(ItemKind.NUMERIC).id(ID).level(Level.INTERMEDIATE)
            .stem("What is π to two decimals?")
            .numericAnswers(List.of(new NumericAnswer(3.14, 0.005, null, null, null, "Exactly."),
                    new NumericAnswer(3.1, 0.05, null, null, 50.0, "Close."),
                    new NumericAnswer(null, null, null, null, null, "Think of a circle.")))
            .explanation("π ≈ 3.14159.").build();

    static final Item RANGE = Item.builder(ItemKind.NUMERIC).id(ID).level(Level.INTERMEDIATE)
            .stem("How many folds does k-fold usually use?").numericAnswers(List.of(NumericAnswer.range(5, 10)))
            .build();

    static final Item MATCHING = Item.builder(ItemKind.MATCHING).id(ID).level(Level.ADVANCED)
            .stem("Match each practice to what it fixes.")
            .pairs(List.of(new MatchPair("container", "environment"), new MatchPair("seed", "randomness"),
                    new MatchPair("data version", "dataset"), new MatchPair("lock file", "dependencies")))
            .explanation("Each practice pins one source of variation.").build();

    static Map<String, String> pairs(String... sides) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (int i = 0; i < sides.length; i += 2) {
            pairs.put(sides[i], sides[i + 1]);
        }
        return pairs;
    }

    @Test
    void trueFalseGivesTheFeedbackOfTheAnswerChosen() {
        Grade right = Grader.grade(TRUE_FALSE, Submission.truth(false));
        assertTrue(right.correct());
        assertEquals(1.0, right.score());
        assertEquals("Right.", right.feedback());
        assertNull(right.explanation());
        Grade wrong = Grader.grade(TRUE_FALSE, Submission.truth(true));
        assertFalse(wrong.correct());
        assertEquals(0.0, wrong.score());
        assertEquals("Not on their own: some GPU kernels are nondeterministic.", wrong.feedback());
        assertEquals("Seeds fix the random choices, not the kernels.", wrong.explanation());
        assertEquals(false, wrong.correctAnswer());
        assertThrows(InvalidAnswer.class, () -> Grader.grade(TRUE_FALSE, Submission.truth(null)));
    }

    @Test
    void shortAnswersMatchIgnoringCaseAccentsAndWhiteSpace() {
        assertEquals(1.0, Grader.grade(SHORT, Submission.text("  dOcKeR ")).score());
        assertEquals(1.0, Grader.grade(SHORT, Submission.text("Pödman")).score());
        assertEquals("Also right.", Grader.grade(SHORT, Submission.text("podman")).feedback());
        Grade half = Grader.grade(SHORT, Submission.text("A   container\truntime"));
        assertEquals(0.5, half.score());
        assertFalse(half.correct());
        assertEquals("◐ Partially correct", half.verdict());
        assertEquals("Docker (or Podman) builds images.", half.explanation());
        Grade wrong = Grader.grade(SHORT, Submission.text("Git"));
        assertEquals(0.0, wrong.score());
        assertEquals("✗ Incorrect", wrong.verdict());
        assertEquals(List.of("Docker", "Podman"), wrong.correctAnswer());
        assertThrows(InvalidAnswer.class, () -> Grader.grade(SHORT, Submission.text(null)));
    }

    @Test
    void numericAnswersHonourToleranceWeightsAndTheOtherwiseFeedback() {
        assertEquals(1.0, Grader.grade(NUMERIC, Submission.number(3.14)).score());
        assertEquals(1.0, Grader.grade(NUMERIC, Submission.number(3.145)).score());
        assertEquals(1.0, Grader.grade(NUMERIC, Submission.number(3.135)).score());
        Grade close = Grader.grade(NUMERIC, Submission.number(3.1));
        assertEquals(0.5, close.score());
        assertEquals("Close.", close.feedback());
        assertEquals(0.5, Grader.grade(NUMERIC, Submission.number(3.146)).score());
        Grade far = Grader.grade(NUMERIC, Submission.number(42.0));
        assertEquals(0.0, far.score());
        assertEquals("Think of a circle.", far.feedback());
        assertEquals(List.of("3.14 ± 0.005"), far.correctAnswer());
        assertThrows(InvalidAnswer.class, () -> Grader.grade(NUMERIC, Submission.number(Double.NaN)));
        assertThrows(InvalidAnswer.class, () -> Grader.grade(NUMERIC, Submission.number(null)));
    }

    @Test
    void numericRangesIncludeTheirBounds() {
        assertEquals(1.0, Grader.grade(RANGE, Submission.number(5.0)).score());
        assertEquals(1.0, Grader.grade(RANGE, Submission.number(10.0)).score());
        assertEquals(0.0, Grader.grade(RANGE, Submission.number(10.000001)).score());
        assertEquals(0.0, Grader.grade(RANGE, Submission.number(4.999)).score());
        assertEquals(List.of("5..10"), Grader.grade(RANGE, Submission.number(1.0)).correctAnswer());
    }

    @Test
    void matchingScoresEachPair() {
        Grade all = Grader.grade(MATCHING, Submission.pairs(pairs("seed", "randomness", "container", "environment",
                "lock file", "dependencies", "data version", "dataset")));
        assertTrue(all.correct());
        assertEquals(1.0, all.score());
        Grade some = Grader.grade(MATCHING, Submission.pairs(pairs("seed", "randomness", "container", "dataset",
                "data version", "environment")));
        assertFalse(some.correct());
        assertEquals(0.25, some.score());
        assertEquals("1 of 4 pairs matched; wrong: [container, data version, lock file]", some.feedback());
        assertEquals("Each practice pins one source of variation.", some.explanation());
        assertEquals(0.0, Grader.grade(MATCHING, Submission.pairs(Map.of())).score());
        assertEquals("unknown left side(s) [gpu]; this item's are [container, seed, data version, lock file]",
                assertThrows(InvalidAnswer.class, () -> Grader.grade(MATCHING,
                        Submission.pairs(pairs("gpu", "speed")))).getMessage());
    }
}
