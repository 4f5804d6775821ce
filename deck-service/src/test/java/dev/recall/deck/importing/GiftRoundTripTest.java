package dev.recall.deck.importing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.recall.contracts.deck.AcceptedAnswer;
import dev.recall.contracts.deck.Item;
import dev.recall.contracts.deck.ItemKind;
import dev.recall.contracts.deck.Level;
import dev.recall.contracts.deck.MatchPair;
import dev.recall.contracts.deck.NumericAnswer;
import dev.recall.contracts.deck.Option;
import dev.recall.contracts.deck.TextFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** import(export(deck)) is the deck: what GiftWriter writes, GiftParser reads back to the same items. */
class GiftRoundTripTest {
    static final String EVERY_CONSTRUCT = """
            // Every GIFT construct Recall reads.
            $CATEGORY: $course$/top/Reproducible pipelines//CI

            // [tag:beginner] [tag:tools] [id:mc-1]
            ::Tools::[html]Which tool <b>containerizes</b> environments?{
            =Docker#Right\\: it packages code and dependencies.
            ~%50%Podman#Also a container engine.
            ~%-100%Git#Git versions code.
            ~Jupyter
            ####Docker is the usual choice.
            }

            // [tag:advanced]
            Which two make runs repeatable?{~%50%Pinned dependencies ~%50%Fixed seeds ~%-100%Newest libraries}

            Moodle costs {~lots of money =nothing ~a small amount} to download.

            // [tag:intermediate]
            ::tf::Seeds make GPU training deterministic on their own.{FALSE#Not on their own.#Right.####Kernels vary.}

            Fixing a seed is one line.{T}

            Which tool versions data?{=DVC#Yes. =%50%Git LFS#Partly. ####Data Version Control.}

            [markdown]How many seeds does *PyTorch* training need?{#
                =3:0
                =%50%2..4#Close.
                ~#Count the generators.
                ####Python, NumPy and PyTorch.
            }

            What is pi?{#3.14159:0.0005}

            Match each tool with what it keeps.{
                =Docker -> the environment
                =DVC -> the data
                =Git -> the code
                = -> the weather
            }

            // [tag:intermediate] [concepts: environment consistency | packaged dependencies]
            Explain containers.{####Think of the environment. Key concepts\\: environment; dependencies.}

            Essay without concepts or feedback.{}

            Escapes \\\\ \\~ \\= \\# \\{ \\} \\: and a\\nnew line?{=yes\\: really ~no}

            A description that is skipped.
            """;

    static ImportedDeck roundTrip(ImportedDeck deck) {
        return GiftParser.parse(GiftWriter.write(deck.title(), deck.items()));
    }

    @Test
    void everyConstructSurvivesExportAndImport() {
        ImportedDeck first = GiftParser.parse(EVERY_CONSTRUCT);
        assertEquals(12, first.items().size());
        assertEquals(List.of(ItemKind.MULTIPLE_CHOICE, ItemKind.MULTIPLE_CHOICE, ItemKind.MULTIPLE_CHOICE,
                ItemKind.TRUE_FALSE, ItemKind.TRUE_FALSE, ItemKind.SHORT_ANSWER, ItemKind.NUMERIC, ItemKind.NUMERIC,
                ItemKind.MATCHING, ItemKind.FREE_RESPONSE, ItemKind.FREE_RESPONSE, ItemKind.MULTIPLE_CHOICE),
                first.items().stream().map(Item::kind).toList());
        assertEquals("Reproducible pipelines/CI", first.title());
        ImportedDeck second = roundTrip(first);
        assertEquals(first.title(), second.title());
        assertEquals(first.items(), second.items());
        assertEquals(second.items(), roundTrip(second).items());
    }

    @Test
    void theSampleSurvivesExportAndImport() {
        ImportedDeck sample = GiftParser.parse(Samples.read("reproducible-pipelines.gift"));
        ImportedDeck again = roundTrip(sample);
        assertEquals(sample.title(), again.title());
        assertEquals(sample.items(), again.items());
        assertEquals(List.of(), again.warnings());
    }

    @Test
    void itemsGiftCannotSayComeBackThroughRecallsComments() {
        List<Item> items = List.of(
                Item.flashcard(null, Level.BEGINNER, "What do fixed seeds give?", "Repeatable randomness."),
                Item.flashcard(null, Level.ADVANCED, "Front without back", null),
                Item.multipleChoice(null, Level.BEGINNER, "Which practice helps?", List.of(),
                        "Containers keep the environment consistent."),
                Item.multipleChoice(null, Level.BEGINNER, "Only one option?", List.of(
                        new Option(null, "Docker", true, null, null)), null),
                Item.multipleChoice(null, Level.BEGINNER, "Nothing correct yet?", List.of(
                        new Option(null, "Docker", false, null, null), new Option(null, "Git", false, null, 50.0)), null),
                Item.multipleChoice(null, Level.BEGINNER, "Both correct?", List.of(
                        new Option(null, "Docker", true, null, null), new Option(null, "Podman", true, null, null)), null),
                Item.multipleChoice(null, Level.BEGINNER, "A multiple-answer draft", List.of(), null).toBuilder()
                        .multipleAnswers(true).build(),
                Item.freeResponse(null, Level.INTERMEDIATE, "Explain.", "Think of data.", List.of("", "", ""), null),
                Item.freeResponse(null, Level.INTERMEDIATE, "Explain.", null, List.of("seeds"), "Pin, version, seed."),
                Item.freeResponse(null, Level.INTERMEDIATE, "Explain.", "Think of data.", List.of("seeds"),
                        "Pin, version, seed."),
                Item.freeResponse(null, Level.INTERMEDIATE, "Explain.", null, List.of("seeds"),
                        "Seeds. Key concepts: one."),
                Item.trueFalse(null, Level.BEGINNER, "// looks like a comment", true).toBuilder().title(null)
                        .feedbackTrue("Yes.").build(),
                Item.shortAnswer(null, Level.BEGINNER, "Which tool?", List.of(new AcceptedAnswer("Docker", 100.0, "Yes."),
                        new AcceptedAnswer("containers", -25.0, null))).toBuilder().format(TextFormat.PLAIN)
                        .externalId("sa-1").tags(List.of("tools", "containers")).build(),
                Item.numeric(null, Level.BEGINNER, "How many?", List.of(new NumericAnswer(3.0, 0.5, null, null, 100.0,
                        "Yes."), NumericAnswer.range(-1e-3, 12345.678), new NumericAnswer(null, null, null, null, null,
                        null))),
                Item.matching(null, Level.ADVANCED, "Match.", List.of(new MatchPair("a: b", "c = d"),
                        new MatchPair("e # f", "g ~ h"))));
        List<Item> back = GiftParser.parse(GiftWriter.write("Drafts/and more", items)).items();
        assertEquals(items, back);
    }

    @Test
    void unweightedMultipleAnswersAreWrittenWithWeightsThatGradeTheSame() {
        Item item = Item.multipleChoice(null, Level.BEGINNER, "Which make runs repeatable?", List.of(
                new Option(null, "Pinned dependencies", true, null, null), new Option(null, "Fixed seeds", true, null,
                        null), new Option(null, "Newest libraries", false, null, null)), null).toBuilder()
                .multipleAnswers(true).build();
        String gift = GiftWriter.write(null, List.of(item));
        assertEquals("""
                // [tag:beginner]
                Which make runs repeatable?{
                \t~%50%Pinned dependencies
                \t~%50%Fixed seeds
                \t~%-50%Newest libraries
                }
                """, gift);
        assertEquals(List.of(50.0, 50.0, -50.0), GiftParser.parse(gift).items().get(0).options().stream()
                .map(Option::weight).toList());
    }

    @Test
    void theWriterWritesWhatMoodleReads() {
        Item item = Item.multipleChoice(null, Level.INTERMEDIATE, "Which tool: Docker or Git?", List.of(
                new Option("a", "Docker", true, "Right.", null), new Option("b", "Git", false, "It versions code.", null)),
                "Docker packages code and dependencies.").toBuilder().title("tools").tags(List.of("containers")).build();
        assertEquals("""
                $CATEGORY: CI//CD

                // [tag:intermediate] [tag:containers]
                ::tools::Which tool\\: Docker or Git?{
                \t=Docker#Right.
                \t~Git#It versions code.
                \t####Docker packages code and dependencies.
                }
                """, GiftWriter.write("CI/CD", List.of(item)));
    }

    @Test
    void essayFeedbackIsHintThenModelAnswer() {
        assertEquals(null, GiftWriter.essayFeedback(null, null));
        assertEquals("Model.", GiftWriter.essayFeedback(null, "Model."));
        assertEquals("Hint. Model answer:", GiftWriter.essayFeedback("Hint.", null));
        assertEquals("Hint. Model answer: Model.", GiftWriter.essayFeedback("Hint.", "Model."));
        assertEquals("Hint. Key concepts: a; b.", GiftWriter.essayFeedback("Hint.", "Key concepts: a; b."));
        assertEquals("Model answer: Seeds. Key concepts: a.", GiftWriter.essayFeedback(null, "Seeds. Key concepts: a."));
    }
}
