package dev.recall.deck.importing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.recall.contracts.deck.Item;
import dev.recall.contracts.deck.Level;
import dev.recall.contracts.deck.TextFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class TsvParserTest {

    static List<ImportIssue> errors(String tsv) {
        return assertThrows(ImportRejected.class, () -> TsvParser.parse(tsv)).errors();
    }

    static List<List<String>> frontsAndBacks(ImportedDeck deck) {
        return deck.items().stream().map(i -> List.of(i.front(), i.back() == null ? "" : i.back())).toList();
    }

    @Test
    void theSampleImportsFiveFlashcardsThreeBeginnerAndTwoIntermediate() {
        ImportedDeck deck = TsvParser.parse(Samples.read("reproducible-pipelines-flashcards.tsv"));
        assertEquals("Reproducible training pipelines", deck.title());
        assertEquals(List.of(), deck.warnings());
        assertEquals(List.of(Level.BEGINNER, Level.BEGINNER, Level.INTERMEDIATE, Level.INTERMEDIATE, Level.BEGINNER),
                deck.items().stream().map(Item::level).toList());
        assertEquals(Item.flashcard(null, Level.BEGINNER, "What does a reproducible training pipeline ensure in "
                + "machine learning?", "It ensures that the same training process can be repeated exactly, producing "
                + "the same model results every time, regardless of environment or time."), deck.items().get(0));
        assertEquals("How do fixed random seeds help in reproducible training?", deck.items().get(4).front());
    }

    @Test
    void quizletsExportIsTermTabDefinitionPerLine() {
        ImportedDeck deck = TsvParser.parse("Docker\tPackages code and dependencies\nDVC\tVersions data\n\n");
        assertEquals(List.of(List.of("Docker", "Packages code and dependencies"), List.of("DVC", "Versions data")),
                frontsAndBacks(deck));
        assertEquals(null, deck.title());
        assertEquals(List.of(new ImportIssue(1, null, "2 items, lines 1, 2: no level tag (beginner, intermediate or "
                + "advanced); imported as beginner")), deck.warnings());
    }

    @Test
    void aQuizletTermThatOnlyStartsWithAQuoteIsText() {
        assertEquals(List.of(List.of("\"Hello\" means", "a greeting")),
                frontsAndBacks(TsvParser.parse("\"Hello\" means\ta greeting")));
    }

    @Test
    void theSeparatorIsGuessedFromTheFirstRecord() {
        assertEquals(List.of(List.of("a", "b, c")), frontsAndBacks(TsvParser.parse("a\tb, c")));
        assertEquals(List.of(List.of("a", "b, c")), frontsAndBacks(TsvParser.parse("a|b, c")));
        assertEquals(List.of(List.of("a", "b, c")), frontsAndBacks(TsvParser.parse("a;b, c")));
        assertEquals(List.of(List.of("a", "b")), frontsAndBacks(TsvParser.parse("a,b")));
    }

    @Test
    void theSeparatorHeaderNamesOrShowsTheSeparator() {
        assertEquals(List.of(List.of("a;b", "c")), frontsAndBacks(TsvParser.parse("#separator:pipe\na;b|c")));
        assertEquals(List.of(List.of("a", "b")), frontsAndBacks(TsvParser.parse("#separator:Semicolon\na;b")));
        assertEquals(List.of(List.of("a", "b")), frontsAndBacks(TsvParser.parse("#separator:,\na,b")));
        assertEquals(List.of(List.of("a", "b")), frontsAndBacks(TsvParser.parse("#separator:comma\na,b")));
    }

    @Test
    void quotedFieldsHoldSeparatorsQuotesAndLineEnds() {
        ImportedDeck deck = TsvParser.parse("#separator:comma\n\"Front, with comma\",\"Back with \"\"quotes\"\"\nand "
                + "a second line\"\nplain,\"\"\n");
        assertEquals(List.of(List.of("Front, with comma", "Back with \"quotes\"\nand a second line"),
                List.of("plain", "")), frontsAndBacks(deck));
        assertEquals(List.of(new ImportIssue(2, null, "2 items, lines 2, 4: no level tag (beginner, intermediate or "
                + "advanced); imported as beginner"), new ImportIssue(4, null, "no back; the card is a draft that "
                + "publishing will flag")), deck.warnings());
    }

    @Test
    void columnsHeaderPlacesFrontBackTagsAndGuid() {
        ImportedDeck deck = TsvParser.parse("""
                #separator:tab
                #html:true
                #tags:pipelines
                #columns:Back\tFront\tTags\tId
                #guid column:4
                <b>Back</b>\t<i>Front</i>\tadvanced docker\tq1
                """);
        Item card = deck.items().get(0);
        assertEquals("<i>Front</i>", card.front());
        assertEquals("<b>Back</b>", card.back());
        assertEquals(Level.ADVANCED, card.level());
        assertEquals(List.of("pipelines", "docker"), card.tags());
        assertEquals(TextFormat.HTML, card.format());
        assertEquals("q1", card.externalId());
        assertEquals(List.of(), deck.warnings());
    }

    @Test
    void aLevelInTheFileTagsAppliesToEveryCardAndExtraColumnsAreReported() {
        ImportedDeck deck = TsvParser.parse("#tags:intermediate\n#notetype:Basic\na\tb\tc\td\n");
        assertEquals(Level.INTERMEDIATE, deck.items().get(0).level());
        assertEquals(List.of(new ImportIssue(2, null, "#notetype is not used: every record becomes a flashcard of "
                + "this deck"), ImportIssue.ofFile("fields beyond front, back, tags and guid are not imported")),
                deck.warnings());
    }

    @Test
    void commentLinesAreSkippedAndOnesThatLookLikeCardsAreReported() {
        ImportedDeck deck = TsvParser.parse("a\tb\n# a note\n#tag\tdefinition\nc\td");
        assertEquals(List.of(List.of("a", "b"), List.of("c", "d")), frontsAndBacks(deck));
        assertEquals(3, deck.warnings().get(1).line());
    }

    @Test
    void aBrokenFileReportsEveryProblemWithItsPlace() {
        assertEquals(List.of(ImportIssue.at(2, 13, "only one field: a flashcard needs a front and a back, separated "
                + "by a tab"), ImportIssue.at(3, 1, "the front is empty"), ImportIssue.at(4, 4, "the quoted field "
                + "that starts here is not closed with \"; a quote inside a quoted field is written \"\"")),
                errors("ok\tfine\nno separator\n\tback only\nok\t\"unclosed\n\nmore"));
        assertEquals(List.of(ImportIssue.at(1, 12, "unknown separator 'slash'; use tab, comma, semicolon, pipe, space "
                + "or colon")), errors("#separator:slash\na/b"));
        assertEquals(List.of(ImportIssue.at(1, 14, "#tags column must be a column number from 1, not 'x'")),
                errors("#tags column:x\na\tb"));
        assertEquals(List.of(ImportIssue.at(1, 1, "the file has no flashcards: write one per line, front and back "
                + "separated by a tab")), errors("#separator:tab\n\n"));
    }

    @Test
    void exportThenImportGivesTheSameFlashcards() {
        List<Item> cards = List.of(
                Item.flashcard(null, Level.INTERMEDIATE, "Tabs\tand \"quotes\"", "Lines\nand more"),
                Item.flashcard(null, Level.BEGINNER, "#hash first", "plain").toBuilder()
                        .tags(List.of("docker", "ci")).build(),
                Item.flashcard(null, Level.ADVANCED, "a, b; c | d", "e"));
        ImportedDeck deck = TsvParser.parse(TsvWriter.write("Pipelines", cards));
        assertEquals("Pipelines", deck.title());
        assertEquals(cards, deck.items());
        assertEquals(List.of(), deck.warnings());
        ImportedDeck sample = TsvParser.parse(Samples.read("reproducible-pipelines-flashcards.tsv"));
        assertEquals(Samples.read("reproducible-pipelines-flashcards.tsv"), TsvWriter.write(sample.title(),
                sample.items()));
    }

    @Test
    void theWriterLeavesOutItemsThatAreNotFlashcardsAndMarksHtml() {
        List<Item> items = List.of(Item.flashcard(null, Level.BEGINNER, "<b>f</b>", "b").toBuilder()
                .format(TextFormat.HTML).build(), Item.trueFalse(null, Level.BEGINNER, "Seeds?", true));
        assertEquals("#separator:tab\n#html:true\n#columns:Front\tBack\tTags\n#tags column:3\n<b>f</b>\tb\tbeginner\n",
                TsvWriter.write(null, items));
    }
}
