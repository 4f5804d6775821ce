package dev.recall.deck.importing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

class GiftParserTest {

    static Item only(String gift) {
        ImportedDeck deck = GiftParser.parse(gift);
        assertEquals(1, deck.items().size(), deck.items().toString());
        return deck.items().get(0);
    }

    static List<ImportIssue> errors(String gift) {
        return assertThrows(ImportRejected.class, () -> GiftParser.parse(gift)).errors();
    }

    static Option option(String text, boolean correct) {
        return new Option(null, text, correct, null, null);
    }

    // ---- multiple choice

    @Test
    void aMultipleChoiceQuestionHasOneRightAndSeveralWrongAnswers() {
        Item item = only("// [tag:beginner]\nWho's buried in Grant's tomb?{~Grant ~Jefferson =no one}");
        assertEquals(Item.builder(ItemKind.MULTIPLE_CHOICE).level(Level.BEGINNER).tags(List.of())
                .stem("Who's buried in Grant's tomb?")
                .options(List.of(option("Grant", false), option("Jefferson", false), option("no one", true)))
                .multipleAnswers(false).build(), item);
    }

    @Test
    void answersCarryFeedbackAndTheQuestionAGeneralFeedback() {
        Item item = only("""
                What is the colour of an orange?{
                =orange#Right, it is.
                ~green#No, that is a lime.
                ~   yellow   #   No, that is a lemon.
                ####The colour is in the name.
                }""");
        assertEquals(List.of(new Option(null, "orange", true, "Right, it is.", null),
                new Option(null, "green", false, "No, that is a lime.", null),
                new Option(null, "yellow", false, "No, that is a lemon.", null)), item.options());
        assertEquals("The colour is in the name.", item.explanation());
    }

    @Test
    void partialCreditWeightsAreReadAsPercentages() {
        Item item = only("Which are reproducible?{=Pinned versions ~%50%A lock file#Half. ~%-100%Latest versions}");
        assertEquals(List.of(option("Pinned versions", true), new Option(null, "A lock file", false, "Half.", 50.0),
                new Option(null, "Latest versions", false, null, -100.0)), item.options());
        assertEquals(false, item.multipleAnswers());
    }

    @Test
    void withoutAnyEqualsSignTheQuestionTakesSeveralAnswersAndPositiveWeightsAreTheCorrectOnes() {
        Item item = only("""
                What two people are entombed in Grant's tomb? {
                   ~%-100%No one
                   ~%50%Grant
                   ~%50%Grant's wife
                   ~%-100%Grant's father
                }""");
        assertEquals(true, item.multipleAnswers());
        assertEquals(List.of(new Option(null, "No one", false, null, -100.0), new Option(null, "Grant", true, null, 50.0),
                new Option(null, "Grant's wife", true, null, 50.0),
                new Option(null, "Grant's father", false, null, -100.0)), item.options());
    }

    @Test
    void decimalWeightsAndWeightsAfterEqualsAreRead() {
        Item item = only("Pick.{~%33.333%a ~%33.333%b ~%33.333%c ~%-100%d}");
        assertEquals(List.of(33.333, 33.333, 33.333, -100.0), item.options().stream().map(Option::weight).toList());
        assertEquals(List.of(100.0, 0.0), only("Pick.{=%100%a ~%0%b}").options().stream().map(Option::weight).toList());
    }

    @Test
    void aPercentThatIsNoWeightStaysInTheAnswerText() {
        assertEquals("%more% than half", only("Pick.{=%more% than half ~less}").options().get(0).text());
    }

    @Test
    void theMissingWordFormatPutsABlankWhereTheAnswersStand() {
        Item item = only("Moodle costs {~lots of money =nothing ~a small amount} to download from moodle.org.");
        assertEquals("Moodle costs _____ to download from moodle.org.", item.stem());
        assertEquals(3, item.options().size());
    }

    @Test
    void answersMaySpreadOverLinesAndCommentLinesInsideAreIgnored() {
        Item item = only("""
                ::Tools::Which tool
                containerizes environments?
                {
                  =Docker
                  // Git is a distractor
                  ~Git
                }""");
        assertEquals("Tools", item.title());
        assertEquals("Which tool\ncontainerizes environments?", item.stem());
        assertEquals(List.of(option("Docker", true), option("Git", false)), item.options());
    }

    // ---- true / false

    @Test
    void trueFalseInAllFourSpellings() {
        assertEquals(List.of(true, true, false, false), GiftParser.parse("""
                Seeds fix randomness.{T}

                Seeds fix randomness.{TRUE}

                Seeds speed training up.{F}

                Seeds speed training up.{FALSE}
                """).items().stream().map(Item::answer).toList());
        Item item = only("// [tag:advanced]\nSeeds fix randomness.{T}");
        assertEquals(Item.builder(ItemKind.TRUE_FALSE).level(Level.ADVANCED).tags(List.of())
                .stem("Seeds fix randomness.").answer(true).build(), item);
    }

    @Test
    void trueFalseFeedbackComesFirstForAWrongAnswerThenForARightOne() {
        Item isTrue = only("Seeds fix randomness.{TRUE#Think again.#Yes.####Seeds pin the generator.}");
        assertEquals(true, isTrue.answer());
        assertEquals("Yes.", isTrue.feedbackTrue());
        assertEquals("Think again.", isTrue.feedbackFalse());
        assertEquals("Seeds pin the generator.", isTrue.explanation());
        Item isFalse = only("Seeds speed training up.{F#No, they do not.#Right.}");
        assertEquals(false, isFalse.answer());
        assertEquals("No, they do not.", isFalse.feedbackTrue());
        assertEquals("Right.", isFalse.feedbackFalse());
        Item rightOnly = only("Seeds fix randomness.{T##Yes.}");
        assertNull(rightOnly.feedbackFalse());
        assertEquals("Yes.", rightOnly.feedbackTrue());
    }

    // ---- short answer

    @Test
    void equalsSignsWithoutTildeMakeAShortAnswerQuestion() {
        Item item = only("Who's buried in Grant's tomb?{=Grant =Ulysses S. Grant =Ulysses Grant}");
        assertEquals(Item.builder(ItemKind.SHORT_ANSWER).level(Level.BEGINNER).tags(List.of())
                .stem("Who's buried in Grant's tomb?").acceptedAnswers(List.of(AcceptedAnswer.of("Grant"),
                        AcceptedAnswer.of("Ulysses S. Grant"), AcceptedAnswer.of("Ulysses Grant"))).build(), item);
    }

    @Test
    void shortAnswersTakeWeightsAndFeedbackAndABareAnswerIsAcceptedToo() {
        Item item = only("Two plus two?{=four#Right. =%50%for#Spelling! ####Count.}");
        assertEquals(List.of(new AcceptedAnswer("four", null, "Right."), new AcceptedAnswer("for", 50.0, "Spelling!")),
                item.acceptedAnswers());
        assertEquals("Count.", item.explanation());
        assertEquals(List.of(AcceptedAnswer.of("Docker")), only("Which tool?{Docker}").acceptedAnswers());
    }

    // ---- numeric

    @Test
    void aNumericAnswerWithATolerance() {
        Item item = only("What is pi to two decimals?{#3.14:0.005}");
        assertEquals(Item.builder(ItemKind.NUMERIC).level(Level.BEGINNER).tags(List.of())
                .stem("What is pi to two decimals?")
                .numericAnswers(List.of(new NumericAnswer(3.14, 0.005, null, null, null, null))).build(), item);
    }

    @Test
    void aNumericAnswerAsARangeAndAsAnExactValue() {
        assertEquals(List.of(NumericAnswer.range(1, 5)), only("A number from one to five?{#1..5}").numericAnswers());
        assertEquals(List.of(new NumericAnswer(-2.5, null, null, null, null, null)),
                only("Minus two and a half?{#-2.5}").numericAnswers());
        assertEquals(List.of(NumericAnswer.range(-5, -1)), only("Negative?{#-5..-1}").numericAnswers());
    }

    @Test
    void severalNumericAnswersWithWeightsFeedbackAndACatchAll() {
        Item item = only("""
                When was Ulysses S. Grant born?{#
                    =1822:0
                    =%50%1822:2#Close.
                    ~#Look it up.
                    ####He was born in 1822.
                }""");
        assertEquals(List.of(new NumericAnswer(1822.0, 0.0, null, null, null, null),
                new NumericAnswer(1822.0, 2.0, null, null, 50.0, "Close."),
                new NumericAnswer(null, null, null, null, null, "Look it up.")), item.numericAnswers());
        assertEquals("He was born in 1822.", item.explanation());
        assertEquals(List.of(new NumericAnswer(3.0, 0.0, null, null, 100.0, null),
                new NumericAnswer(3.0, 1.0, null, null, 50.0, null)),
                only("How many?{#=%100%3:0 =%50%3:1}").numericAnswers());
    }

    @Test
    void aWrongNumericAnswerWithANumberEarnsNothing() {
        assertEquals(List.of(new NumericAnswer(2.0, null, null, null, null, null),
                new NumericAnswer(3.0, null, null, null, 0.0, "Off by one.")),
                only("How many?{#=2 ~3#Off by one.}").numericAnswers());
    }

    // ---- matching

    @Test
    void matchingPairsLeftToRight() {
        Item item = only("""
                Match the countries with their capitals. {
                    =Canada -> Ottawa
                    =Italy  -> Rome
                    =Japan  -> Tokyo
                    ####Capitals.
                }""");
        assertEquals(List.of(new MatchPair("Canada", "Ottawa"), new MatchPair("Italy", "Rome"),
                new MatchPair("Japan", "Tokyo")), item.pairs());
        assertEquals(ItemKind.MATCHING, item.kind());
        assertEquals("Capitals.", item.explanation());
    }

    @Test
    void aMatchingPairWithAnEmptyLeftIsAnExtraDistractor() {
        assertEquals(List.of(new MatchPair("cat", "cat food"), new MatchPair("dog", "dog food"),
                new MatchPair("", "bird food")), only("Match.{=cat -> cat food =dog -> dog food = -> bird food}").pairs());
    }

    // ---- essay and Recall's explain prompts

    @Test
    void anEmptyBlockIsAnEssayImportedAsAFreeResponseWithAWarningWhenItsConceptsAreUnnamed() {
        ImportedDeck deck = GiftParser.parse("// [tag:intermediate]\nWrite about reproducibility.{}");
        assertEquals(Item.builder(ItemKind.FREE_RESPONSE).level(Level.INTERMEDIATE).tags(List.of())
                .prompt("Write about reproducibility.").concepts(List.of()).build(), deck.items().get(0));
        assertEquals(List.of(new ImportIssue(2, null, "an essay without a comment '// [concepts: a | b | c]' naming "
                + "its concepts; name them before publishing")), deck.warnings());
    }

    @Test
    void aConceptsCommentNamesTheConceptsAndTheGeneralFeedbackSplitsIntoHintAndModelAnswer() {
        Item item = only("""
                // [tag:intermediate] [concepts: environment consistency | packaged dependencies | data retrieval]
                ::explain::Explain containers and data versioning.{
                ####Think about consistency. Key concepts\\: environment; dependencies; data.}""");
        assertEquals(List.of("environment consistency", "packaged dependencies", "data retrieval"), item.concepts());
        assertEquals("Think about consistency.", item.hint());
        assertEquals("Key concepts: environment; dependencies; data.", item.modelAnswer());
        assertEquals("Explain containers and data versioning.", item.prompt());
    }

    @Test
    void anEssaysGeneralFeedbackWithoutMarkersIsItsModelAnswerAndModelAnswerSeparatesAHint() {
        assertEquals(List.of("", "Pin, version and seed."), hintAndModel("Explain.{####Pin, version and seed.}"));
        assertEquals(List.of("Think of data.", "Pin, version and seed."),
                hintAndModel("Explain.{####Think of data. Model answer\\: Pin, version and seed.}"));
        assertEquals(List.of("Think of data.", ""), hintAndModel("Explain.{####Think of data. Model answer\\:}"));
    }

    static List<String> hintAndModel(String gift) {
        Item item = GiftParser.parse(gift).items().get(0);
        return List.of(item.hint() == null ? "" : item.hint(), item.modelAnswer() == null ? "" : item.modelAnswer());
    }

    @Test
    void recallsKindCommentKeepsFlashcardsAndMultipleChoiceDrafts() {
        ImportedDeck deck = GiftParser.parse("""
                // [tag:beginner] [kind:flashcard]
                What do fixed seeds give?{####Repeatable randomness.}

                // [kind:multiple_choice]
                Which practice helps?{####Containers keep the environment consistent.}

                // [kind:multiple_response]
                Which help?{~%100%Seeds}
                """);
        assertEquals(Item.builder(ItemKind.FLASHCARD).level(Level.BEGINNER).tags(List.of())
                .front("What do fixed seeds give?").back("Repeatable randomness.").build(), deck.items().get(0));
        assertEquals(Item.builder(ItemKind.MULTIPLE_CHOICE).level(Level.BEGINNER).tags(List.of())
                .stem("Which practice helps?").options(List.of()).multipleAnswers(false)
                .explanation("Containers keep the environment consistent.").build(), deck.items().get(1));
        assertEquals(List.of(new Option(null, "Seeds", true, null, 100.0)), deck.items().get(2).options());
        assertEquals(true, deck.items().get(2).multipleAnswers());
    }

    // ---- descriptions, categories, comments, formats, escapes

    @Test
    void aDescriptionIsSkippedWithAWarning() {
        ImportedDeck deck = GiftParser.parse("You can use your pencil and paper for these questions.\n\nQ?{T}");
        assertEquals(1, deck.items().size());
        assertEquals(ImportIssue.at(1, 1, "x").line(), deck.warnings().get(0).line());
        assertEquals("a description (text without an answer block {…}) is not a question; skipped",
                deck.warnings().get(0).message());
    }

    @Test
    void theFirstCategoryNamesTheDeckAndLaterOnesTagTheirQuestions() {
        ImportedDeck deck = GiftParser.parse("""
                $CATEGORY: $course$/top/Pipelines

                // [tag:beginner]
                Q1?{T}

                $CATEGORY: $course$/top/Pipelines/CI//CD
                Q2?{T}
                """);
        assertEquals("Pipelines", deck.title());
        assertEquals(List.of(List.of(), List.of("CI/CD")), deck.items().stream().map(Item::tags).toList());
        assertEquals(ImportIssue.ofFile("the file has several categories: the deck is named after the first, "
                + "'Pipelines', and the questions of the others are tagged with their category"), deck.warnings().get(0));
    }

    @Test
    void tagsAndIdsComeFromCommentsAndALevelTagSetsTheLevel() {
        Item item = only("// [id:q-17] [tag:Intermediate] [tag:docker]\n// [tag:containers]\nWhich tool?{=Docker ~Git}");
        assertEquals(Level.INTERMEDIATE, item.level());
        assertEquals(List.of("docker", "containers"), item.tags());
        assertEquals("q-17", item.externalId());
    }

    @Test
    void aQuestionWithoutLevelIsABeginnerOneWithOneWarningForAllOfThem() {
        ImportedDeck deck = GiftParser.parse("Q1?{T}\n\nQ2?{T}\n\n// [tag:advanced]\nQ3?{T}\n\nQ4?{F}");
        assertEquals(List.of(Level.BEGINNER, Level.BEGINNER, Level.ADVANCED, Level.BEGINNER),
                deck.items().stream().map(Item::level).toList());
        assertEquals(List.of(new ImportIssue(1, null, "3 items, lines 1, 3, 8: no level tag ([tag:beginner], "
                + "[tag:intermediate] or [tag:advanced]); imported as beginner")), deck.warnings());
    }

    @Test
    void aCommentSeparatedFromItsQuestionIsIgnoredWithAWarning() {
        ImportedDeck deck = GiftParser.parse("// [tag:advanced]\n\nQ?{T}");
        assertEquals(Level.BEGINNER, deck.items().get(0).level());
        assertEquals(1, deck.warnings().get(0).line());
    }

    @Test
    void formatPrefixesSetTheItemsFormat() {
        Item html = only("::Q::[html]Is <b>this</b> bold?{T}");
        assertEquals(TextFormat.HTML, html.format());
        assertEquals("Is <b>this</b> bold?", html.stem());
        assertEquals(TextFormat.MARKDOWN, only("[markdown]Is *this* bold?{=[markdown]yes ~no}").format());
        assertEquals("yes", only("[markdown]Is *this* bold?{=[markdown]yes ~no}").options().get(0).text());
        assertEquals(TextFormat.PLAIN, only("[plain]Plain?{T}").format());
        assertEquals(TextFormat.MOODLE, only("[moodle]Moodle?{T}").format());
        assertEquals("[latex]Not a format?", only("[latex]Not a format?{T}").stem());
    }

    @Test
    void escapedCharactersAreText() {
        Item item = only("::a\\:b::Which is 1\\=1 \\{set\\} \\~ \\# \\\\ path?\\nSecond line.{=a\\#b#c\\~d ~e\\=f}");
        assertEquals("a:b", item.title());
        assertEquals("Which is 1=1 {set} ~ # \\ path?\nSecond line.", item.stem());
        assertEquals(List.of(new Option(null, "a#b", true, "c~d", null), option("e=f", false)), item.options());
    }

    @Test
    void aBackslashBeforeAnOrdinaryCharacterStaysAsWritten() {
        assertEquals("C:\\temp?", only("C\\:\\temp?{T}").stem());
    }

    @Test
    void windowsLineEndsAndAByteOrderMarkAreRead() {
        ImportedDeck deck = GiftParser.parse("\uFEFF// [tag:beginner]\r\nQ1?{T}\r\n\r\nQ2?{=a ~b}\r\n");
        assertEquals(List.of(ItemKind.TRUE_FALSE, ItemKind.MULTIPLE_CHOICE),
                deck.items().stream().map(Item::kind).toList());
        assertEquals(Level.BEGINNER, deck.items().get(0).level());
    }

    // ---- errors: all of them, each with its place

    @Test
    void aBrokenFileReportsEveryProblemWithLineAndColumnAndNothingElse() {
        List<ImportIssue> errors = errors("""
                Good?{T}

                Unclosed {=a ~b

                Which?{~only}

                ::Unclosed title Which?{T}

                How many?{#three}

                Match.{=a -> 1 =b}

                Stray } here{T}

                Nested {=a {~b}}

                Weight?{~%150%a =b}
                """);
        assertEquals(List.of(
                ImportIssue.at(3, 10, "the answer block opened here is not closed with '}'"),
                ImportIssue.at(5, 8, "a multiple-choice question needs at least 2 answers; it has 1"),
                ImportIssue.at(7, 1, "the title that starts here is not closed with '::'; write ::title:: before the "
                        + "question text (a colon in a title is written \\:)"),
                ImportIssue.at(9, 12, "'three' is not a number; write numbers like 3, -2.5 or 1e-3"),
                ImportIssue.at(11, 16, "pair 2 has no '->'; write each pair as =left -> right"),
                ImportIssue.at(13, 7, "'}' without an opening '{'; a brace in text is written \\}"),
                ImportIssue.at(15, 12, "'{' inside an answer block; a brace in text is written \\{"),
                ImportIssue.at(17, 10, "weight %150% is not between -100 and 100")), errors);
    }

    @Test
    void twoQuestionsWithoutABlankLineBetweenThemAreReported() {
        assertEquals(List.of(ImportIssue.at(2, 3, "a second answer block: a question has one {…}; separate questions "
                + "with a blank line")), errors("Q1?{T}\nQ2{F}"));
    }

    @Test
    void emptyAnswersQuestionsAndFilesAreReported() {
        assertEquals(List.of(ImportIssue.at(1, 10, "answer 2 is empty")), errors("Pick.{=a ~ ~c}"));
        assertEquals(List.of(ImportIssue.at(1, 1, "the question has no text before its answers")), errors("{T}"));
        assertEquals(List.of(ImportIssue.at(1, 1, "the file has no questions: write at least one, e.g. "
                + "'Which tool containerizes environments?{=Docker ~Git}'")), errors("// only a comment\n\n"));
        assertEquals(List.of(ImportIssue.at(1, 11, "a numeric question needs an answer after '#', e.g. {#3.14:0.01} "
                + "or {#1..5}")), errors("How many?{#}"));
        assertEquals(List.of(ImportIssue.at(1, 1, "[kind:essay] is not a kind Recall keeps in a comment; use "
                + "[kind:flashcard], [kind:multiple_choice] or [kind:multiple_response], or leave it out")),
                errors("// [kind:essay]\nQ?{}"));
        assertEquals(List.of(ImportIssue.at(2, 4, "a [kind:flashcard] question has an empty answer block with the "
                + "back as general feedback: front{####back}")), errors("// [kind:flashcard]\nQ?{=a}"));
    }

    @Test
    void errorsAcrossALongFileAreAllReportedInFileOrder() {
        StringBuilder gift = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            gift.append("Q").append(i).append(i % 10 == 0 ? "?{#x}" : "?{T}").append("\n\n");
        }
        assertEquals(List.of(1, 21, 41), errors(gift.toString()).stream().map(ImportIssue::line).toList());
        ImportRejected e = assertThrows(ImportRejected.class, () -> GiftParser.parse(gift.toString()));
        assertEquals("the GIFT file cannot be imported: 3 problems; nothing was created", e.getMessage());
    }

    // ---- the reference sample

    @Test
    void theSampleImportsTenMultipleChoiceQuestionsAndTwoExplainPromptsWithLevelsFromTags() {
        ImportedDeck deck = GiftParser.parse(Samples.read("reproducible-pipelines.gift"));
        assertEquals("reproducible-training-pipelines", deck.title());
        assertEquals(List.of(), deck.warnings());
        List<Item> items = deck.items();
        assertEquals(12, items.size());
        assertEquals(10, items.stream().filter(i -> i.kind() == ItemKind.MULTIPLE_CHOICE).count());
        assertEquals(List.of(Level.BEGINNER, Level.BEGINNER, Level.INTERMEDIATE, Level.INTERMEDIATE, Level.BEGINNER,
                Level.BEGINNER, Level.BEGINNER, Level.INTERMEDIATE, Level.BEGINNER, Level.INTERMEDIATE,
                Level.INTERMEDIATE, Level.INTERMEDIATE), items.stream().map(Item::level).toList());
        assertEquals(List.of(List.of()), items.stream().map(Item::tags).distinct().toList());

        Item first = items.get(0);
        assertEquals("repro-definition", first.title());
        assertEquals("What does a reproducible training pipeline ensure in machine learning?", first.stem());
        assertEquals(new Option(null, "That the same training process can be repeated exactly, producing the same "
                + "model every time", true, "Right: same inputs, same process, same model.", null),
                first.options().get(0));
        assertEquals(new Option(null, "That the pipeline needs no version control", false,
                "The opposite: versioning is one of its foundations.", null), first.options().get(3));
        assertEquals("It ensures that the same training process can be repeated exactly, producing the same model "
                + "results every time, regardless of environment or time.", first.explanation());
        assertEquals(List.of(4), items.subList(0, 10).stream().map(i -> i.options().size()).distinct().toList());
        assertEquals(List.of(1L), items.subList(0, 10).stream()
                .map(i -> i.options().stream().filter(Option::correct).count()).distinct().toList());

        Item explain = items.get(10);
        assertEquals(ItemKind.FREE_RESPONSE, explain.kind());
        assertEquals("explain-containers-data", explain.title());
        assertEquals("Explain how containerization and data versioning contribute to reproducible training "
                + "pipelines.", explain.prompt());
        assertEquals("Think about how to keep environment and data consistent.", explain.hint());
        assertEquals(List.of("environment consistency", "packaged dependencies", "exact data retrieval"),
                explain.concepts());
        assertEquals("Key concepts: environment consistency; dependencies packaged with the code; the exact data "
                + "version can be retrieved.", explain.modelAnswer());
        assertEquals(List.of("version code and data", "control the environment", "fix random seeds", "record runs"),
                items.get(11).concepts());
        assertEquals("Consider code, data, environment, and randomness.", items.get(11).hint());
    }
}
