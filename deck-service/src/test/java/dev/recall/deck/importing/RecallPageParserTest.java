package dev.recall.deck.importing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.recall.contracts.deck.Item;
import dev.recall.contracts.deck.ItemKind;
import dev.recall.contracts.deck.Level;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecallPageParserTest {

    @Test
    void theSeedPageImportsFiveFlashcardsFiveMultipleChoiceDraftsAndTwoExplainPrompts() {
        ImportedDeck deck = RecallPageParser.parse(Samples.read("recall-review-reproducible-pipelines.txt"));
        List<Item> items = deck.items();
        assertEquals(null, deck.title());
        assertEquals(List.of(ItemKind.FLASHCARD, ItemKind.FLASHCARD, ItemKind.FLASHCARD, ItemKind.FLASHCARD,
                ItemKind.FLASHCARD, ItemKind.MULTIPLE_CHOICE, ItemKind.MULTIPLE_CHOICE, ItemKind.MULTIPLE_CHOICE,
                ItemKind.MULTIPLE_CHOICE, ItemKind.MULTIPLE_CHOICE, ItemKind.FREE_RESPONSE, ItemKind.FREE_RESPONSE),
                items.stream().map(Item::kind).toList());
        assertEquals(List.of(Level.BEGINNER, Level.BEGINNER, Level.INTERMEDIATE, Level.INTERMEDIATE, Level.BEGINNER),
                items.subList(0, 5).stream().map(Item::level).toList());
        assertEquals(Item.flashcard(null, Level.INTERMEDIATE, "Why is containerization important for reproducible "
                + "training pipelines?", "Containers package the code, dependencies, and environment together, so "
                + "the pipeline runs the same way on any machine."), items.get(2));
        assertEquals(Item.multipleChoice(null, Level.BEGINNER, "Which practice helps ensure a training pipeline is "
                + "reproducible?", List.of(), "Containers keep the environment consistent, which is essential for "
                + "reproducibility."), items.get(5));
        assertEquals("What happens if you don’t control the environment in training pipelines?", items.get(9).stem());
        assertEquals(Item.freeResponse(null, Level.BEGINNER, "Explain how containerization and data versioning "
                + "contribute to reproducible training pipelines.", "Think about how to keep environment and data "
                + "consistent.", List.of("", "", ""), null), items.get(10));
        assertEquals(List.of("", "", "", ""), items.get(11).concepts());
        assertEquals("Consider code, data, environment, and randomness.", items.get(11).hint());
        assertEquals(List.of(
                new ImportIssue(22, null, "5 items, lines 22, 25, 28, 31, 34: the page shows no options for this "
                        + "multiple-choice question: it is a draft until at least 2 options are added"),
                new ImportIssue(22, null, "7 items, lines 22, 25, 28, 31, 34, 37, 40: the page gives no level; "
                        + "imported as beginner"),
                new ImportIssue(37, null, "the page counts 3 concepts without naming them: name them before "
                        + "publishing"),
                new ImportIssue(40, null, "the page counts 4 concepts without naming them: name them before "
                        + "publishing")), deck.warnings());
    }

    @Test
    void aCorrectVerdictAndAPromptWithoutHintAreRead() {
        ImportedDeck deck = RecallPageParser.parse("""
                Which tool containerizes?
                ✓ Correct
                Docker packages code.

                Explain seeds.
                You got 2/3 concepts.
                """);
        assertEquals("Docker packages code.", deck.items().get(0).explanation());
        assertEquals(Item.freeResponse(null, Level.BEGINNER, "Explain seeds.", null, List.of("", "", ""), null),
                deck.items().get(1));
        assertEquals(null, deck.title());
    }

    @Test
    void aVerdictWithoutExplanationBeforeTheNextItem() {
        ImportedDeck deck = RecallPageParser.parse("Q1?\n✗ Incorrect\nQ2?\n✗ Incorrect\nWhy.");
        assertEquals(List.of("Q1?", "Q2?"), deck.items().stream().map(Item::stem).toList());
        assertEquals(java.util.Arrays.asList(null, "Why."), deck.items().stream().map(Item::explanation).toList());
    }

    @Test
    void linesThatFitNoItemAreReportedAllAtOnce() {
        ImportRejected e = assertThrows(ImportRejected.class, () -> RecallPageParser.parse("""
                Recall & Review
                beginner
                A front
                A back
                Stray line
                advanced
                Front
                Back
                Click to reveal answer
                """));
        assertEquals(List.of(ImportIssue.at(2, 1, "a level line starts a flashcard: the level, the front, the back, "
                + "then 'Click to reveal answer'"), ImportIssue.at(3, 1, "cannot tell what this line belongs to: a "
                + "flashcard starts with its level, a multiple-choice question is followed by '✗ Incorrect', an "
                + "explain prompt by its hint and 'You got /N concepts.'")), e.errors().subList(0, 2));
        assertEquals(4, e.errors().size());
        assertEquals("the Recall page file cannot be imported: 4 problems; nothing was created", e.getMessage());
    }

    @Test
    void anEmptyPageIsRejected() {
        assertEquals(List.of(ImportIssue.at(1, 1, "the page has no flashcards, questions or explain prompts")),
                assertThrows(ImportRejected.class, () -> RecallPageParser.parse("Recall & Review\n")).errors());
    }
}
