package dev.recall.deck.authoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recall.contracts.deck.AcceptedAnswer;
import dev.recall.contracts.deck.Item;
import dev.recall.contracts.deck.ItemKind;
import dev.recall.contracts.deck.Level;
import dev.recall.contracts.deck.MatchPair;
import dev.recall.contracts.deck.NumericAnswer;
import dev.recall.contracts.deck.Option;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DeckValidatorTest {
    static final UUID ID = UUID.fromString("00000000-0000-4000-8000-0000000000a1");

    static List<Problem> publish(Item item) {
        return DeckValidator.publishProblems(item);
    }

    static Problem problem(String field, String message) {
        return new Problem(ID, field, message);
    }

    @Test
    void everyKindMayEnterTheDraftWithOnlyKindAndLevel() {
        for (ItemKind kind : ItemKind.values()) {
            assertEquals(List.of(), DeckValidator.draftProblems(Item.builder(kind).id(ID).level(Level.BEGINNER).build()),
                    kind.name());
        }
    }

    @Test
    void aDraftWithoutKindOrLevelNamesBoth() {
        assertEquals(List.of(problem("kind", "kind is required: one of [FLASHCARD, MULTIPLE_CHOICE, FREE_RESPONSE, "
                + "TRUE_FALSE, SHORT_ANSWER, NUMERIC, MATCHING]"),
                problem("level", "level is required: beginner, intermediate or advanced")),
                DeckValidator.draftProblems(Item.builder(null).id(ID).build()));
    }

    @Test
    void aCompleteItemOfEveryKindPublishes() {
        List<Item> items = List.of(
                Item.flashcard(ID, Level.BEGINNER, "Front", "Back"),
                Item.multipleChoice(ID, Level.BEGINNER, "Which?", List.of(new Option("a", "Docker", true, null, null),
                        new Option("b", "Git", false, null, null)), null),
                Item.freeResponse(ID, Level.BEGINNER, "Explain.", null, List.of("seeds"), null),
                Item.trueFalse(ID, Level.BEGINNER, "Seeds fix randomness.", true),
                Item.shortAnswer(ID, Level.BEGINNER, "Which tool?", List.of(AcceptedAnswer.of("Docker"))),
                Item.numeric(ID, Level.BEGINNER, "How many?", List.of(NumericAnswer.exactly(3, 0),
                        NumericAnswer.range(2, 4))),
                Item.matching(ID, Level.BEGINNER, "Match.", List.of(new MatchPair("Docker", "environment"),
                        new MatchPair("DVC", "data"))));
        for (Item item : items) {
            assertEquals(List.of(), publish(item), item.kind().name());
        }
    }

    @Test
    void aTrueFalseItemNeedsItsStatementAndAnswer() {
        assertEquals(List.of(problem("stem", "stem is required for a TRUE_FALSE item"),
                problem("answer", "a true/false item needs its answer: set answer to true or false")),
                publish(Item.builder(ItemKind.TRUE_FALSE).id(ID).level(Level.BEGINNER).stem(" ").build()));
    }

    @Test
    void aShortAnswerItemNeedsAnAcceptedAnswer() {
        assertEquals(List.of(problem("acceptedAnswers", "a short-answer item needs at least one accepted answer")),
                publish(Item.shortAnswer(ID, Level.BEGINNER, "Which tool?", List.of())));
        assertEquals(List.of(problem("stem", "stem is required for a SHORT_ANSWER item"),
                problem("acceptedAnswers", "a short-answer item needs at least one accepted answer")),
                publish(Item.builder(ItemKind.SHORT_ANSWER).id(ID).level(Level.ADVANCED).build()));
    }

    @Test
    void aShortAnswerItemRejectsBlankAnswersAndAnswersThatEarnNothing() {
        Item item = Item.shortAnswer(ID, Level.BEGINNER, "Which tool?", List.of(new AcceptedAnswer("", 0.0, null),
                new AcceptedAnswer("Docker", -50.0, "No."), new AcceptedAnswer("Podman", 150.0, null)));
        assertEquals(List.of(problem("acceptedAnswers[0].text", "accepted answer 1 has no text"),
                problem("acceptedAnswers[2].weight", "accepted answer 3 has weight 150.0; a weight is a percentage "
                        + "between -100 and 100")), publish(item));
        Item nothingEarns = Item.shortAnswer(ID, Level.BEGINNER, "Which tool?",
                List.of(new AcceptedAnswer("Docker", 0.0, null), new AcceptedAnswer("Git", -100.0, null)));
        assertEquals(List.of(problem("acceptedAnswers", "no accepted answer earns credit; give at least one a weight "
                + "above 0 (100 when left out)")), publish(nothingEarns));
    }

    @Test
    void aShortAnswerWithPartialCreditPublishes() {
        assertEquals(List.of(), publish(Item.shortAnswer(ID, Level.BEGINNER, "Which tool?",
                List.of(new AcceptedAnswer("Docker", 100.0, null), new AcceptedAnswer("containers", 50.0, "Which?")))));
    }

    @Test
    void aNumericItemNeedsAnAnswerThatIsNotOnlyTheCatchAll() {
        String message = "a numeric item needs at least one answer: a value (with a tolerance) or a range min..max";
        assertEquals(List.of(problem("numericAnswers", message)),
                publish(Item.numeric(ID, Level.BEGINNER, "How many?", List.of())));
        assertEquals(List.of(problem("numericAnswers", message)), publish(Item.numeric(ID, Level.BEGINNER, "How many?",
                List.of(new NumericAnswer(null, null, null, null, 0.0, "Count again.")))));
    }

    @Test
    void aNumericItemRejectsNegativeTolerancesAndInvertedOrHalfRanges() {
        Item item = Item.numeric(ID, Level.BEGINNER, "How many?", List.of(
                new NumericAnswer(3.0, -0.5, null, null, null, null),
                new NumericAnswer(null, null, 5.0, 1.0, 50.0, null),
                new NumericAnswer(null, null, 1.0, null, null, null),
                new NumericAnswer(2.0, null, 1.0, 3.0, null, null),
                new NumericAnswer(null, 0.1, null, null, null, null),
                new NumericAnswer(Double.NaN, null, null, null, null, null)));
        assertEquals(List.of(
                problem("numericAnswers[0].tolerance", "answer 1 has a negative tolerance (-0.5); a tolerance is a "
                        + "distance, 0 or more"),
                problem("numericAnswers[1]", "answer 2 has min 5.0 above max 1.0; swap them"),
                problem("numericAnswers[2]", "answer 3 is a range without its max; a range needs both ends"),
                problem("numericAnswers[3]", "answer 4 has both a value and a range; keep one"),
                problem("numericAnswers[4].tolerance", "answer 5 has a tolerance but no value to apply it to"),
                problem("numericAnswers[5]", "answer 6 has a number that is not finite")), publish(item));
    }

    @Test
    void aNumericItemWhoseAnswersAllEarnNothingIsRejected() {
        Item item = Item.numeric(ID, Level.BEGINNER, "How many?", List.of(
                new NumericAnswer(3.0, 0.0, null, null, 0.0, null),
                new NumericAnswer(null, null, null, null, null, "Count the libraries.")));
        assertEquals(List.of(problem("numericAnswers", "no answer earns credit; give at least one a weight above 0 "
                + "(100 when left out)")), publish(item));
    }

    @Test
    void aMatchingItemNeedsTwoPairsWithALeftSideAndEveryPairARightSide() {
        assertEquals(List.of(problem("pairs", "a matching item needs at least 2 pairs with a left side, it has 1 (a pair "
                + "without a left side is only an extra answer)")),
                publish(Item.matching(ID, Level.BEGINNER, "Match.", List.of(new MatchPair("Docker", "environment"),
                        new MatchPair(" ", "data")))));
        Item item = Item.matching(ID, Level.BEGINNER, "Match.", List.of(new MatchPair("Docker", "environment"),
                new MatchPair("DVC", "data"), new MatchPair("Git", ""), new MatchPair("Docker ", "images")));
        assertEquals(List.of(problem("pairs[2].right", "pair 3 has no right side"),
                problem("pairs[3].left", "pair 4 repeats the left side 'Docker'; each left side is matched once")),
                publish(item));
    }

    @Test
    void aMatchingPairWithoutALeftSideIsAnExtraAnswer() {
        assertEquals(List.of(), publish(Item.matching(ID, Level.BEGINNER, "Match.", List.of(
                new MatchPair("Docker", "environment"), new MatchPair("DVC", "data"), new MatchPair("", "weather")))));
    }

    @Test
    void aMatchingItemMayMapTwoLeftsToTheSameRight() {
        assertEquals(List.of(), publish(Item.matching(ID, Level.BEGINNER, "Match.", List.of(
                new MatchPair("Docker", "environment"), new MatchPair("Podman", "environment")))));
    }

    static Item multi(Option... options) {
        return Item.multipleChoice(ID, Level.ADVANCED, "Which make runs repeatable?", Arrays.asList(options), null)
                .toBuilder().multipleAnswers(true).build();
    }

    @Test
    void aMultipleAnswerItemWithWeightsThatAddUpTo100Publishes() {
        assertEquals(List.of(), publish(multi(new Option("a", "Pinned dependencies", true, null, 50.0),
                new Option("b", "Fixed seeds", true, null, 50.0), new Option("c", "Newest libraries", false, null, -100.0))));
        assertEquals(List.of(), publish(multi(new Option("a", "x", true, null, 33.333),
                new Option("b", "y", true, null, 33.333), new Option("c", "z", true, null, 33.333),
                new Option("d", "w", false, null, null))));
    }

    @Test
    void aMultipleAnswerItemWithoutWeightsPublishes() {
        assertEquals(List.of(), publish(multi(new Option("a", "Pinned dependencies", true, null, null),
                new Option("b", "Fixed seeds", true, null, null), new Option("c", "Newest libraries", false, null, null))));
    }

    @Test
    void aMultipleAnswerItemWhoseWeightsDisagreeWithTheCorrectOptionsIsRejected() {
        Item item = multi(new Option("a", "Pinned dependencies", true, null, 50.0),
                new Option("b", "Fixed seeds", true, null, 0.0),
                new Option("c", "Newest libraries", false, null, 25.0),
                new Option("d", "Random order", false, null, 150.0));
        assertEquals(List.of(
                problem("options[3].weight", "option 4 has weight 150.0; a weight is a percentage between -100 and 100"),
                problem("options[1].weight", "option 2 is marked correct but its weight is 0%; give it a positive "
                        + "weight or mark it incorrect"),
                problem("options[2].weight", "option 3 earns 25% but is not marked correct; mark it correct or give "
                        + "it a weight of 0 or less"),
                problem("options[3].weight", "option 4 earns 150% but is not marked correct; mark it correct or give "
                        + "it a weight of 0 or less"),
                problem("options", "the positive weights add up to 225%; they must add up to 100% so that choosing "
                        + "every correct option scores 1")), publish(item));
    }

    @Test
    void aMultipleAnswerItemWhosePositiveWeightsFallShortOf100IsRejected() {
        assertEquals(List.of(problem("options", "the positive weights add up to 80%; they must add up to 100% so that "
                + "choosing every correct option scores 1")),
                publish(multi(new Option("a", "x", true, null, 40.0), new Option("b", "y", true, null, 40.0),
                        new Option("c", "z", false, null, -50.0))));
    }

    @Test
    void aSingleAnswerItemMayGivePartialCreditToAWrongOption() {
        assertEquals(List.of(), publish(Item.multipleChoice(ID, Level.BEGINNER, "Which?", List.of(
                new Option("a", "Docker", true, null, null), new Option("b", "Podman", false, "Close.", 50.0),
                new Option("c", "Git", false, null, -100.0)), null)));
    }

    @Test
    void aMultipleChoiceDraftWithoutOptionsIsFlaggedAtPublish() {
        assertEquals(List.of(problem("options", "a multiple-choice item needs at least 2 options, it has 0")),
                publish(Item.multipleChoice(ID, Level.BEGINNER, "Which practice helps?", null,
                        "Containers keep the environment consistent.")));
    }

    @Test
    void aFreeResponseItemWithUnnamedConceptSlotsNamesEachSlot() {
        assertEquals(List.of(problem("concepts[0]", "concept 1 has no name; name it or remove it"),
                problem("concepts[2]", "concept 3 has no name; name it or remove it")),
                publish(Item.freeResponse(ID, Level.BEGINNER, "Explain.", "Think.",
                        new ArrayList<>(Arrays.asList("", "seeds", null)), null)));
    }
}
