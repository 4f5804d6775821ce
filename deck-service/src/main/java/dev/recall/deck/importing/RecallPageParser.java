package dev.recall.deck.importing;

import dev.recall.contracts.deck.Item;
import dev.recall.contracts.deck.Level;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a "Recall &amp; Review" page as copied from the browser (samples/recall-review-…txt):
 * <ul>
 * <li>a flashcard is a level line, its front, its back, then "Click to reveal answer";</li>
 * <li>a multiple-choice question is its stem, the verdict ("✗ Incorrect"), then its explanation.
 * The page shows no options, so the question is imported as a draft without options, which
 * publishing flags until an author adds them;</li>
 * <li>an explain prompt is its prompt, its hint, then "You got /3 concepts.". The page counts the
 * concepts without naming them, so the prompt gets that many unnamed concepts, which publishing
 * flags one by one until they are named.</li>
 * </ul>
 * The page gives no level for questions and prompts: they are imported as beginner, with a warning.
 */
public final class RecallPageParser {
    static final String PAGE_TITLE = "Recall & Review";
    private static final Pattern REVEAL = Pattern.compile("click to reveal( the)? answer[.!]?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern VERDICT = Pattern.compile("[✗✘✓✔×xX]?\\s*(incorrect|correct)[.!]?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SCORE = Pattern.compile("you got\\s*(\\d*)\\s*/\\s*(\\d+)\\s*concepts?[.!]?",
            Pattern.CASE_INSENSITIVE);

    private record Line(int number, String text) {
    }

    private RecallPageParser() {
    }

    public static ImportedDeck parse(String page) {
        ImportLog log = new ImportLog();
        List<Line> lines = lines(page == null ? "" : page);
        List<Item> items = new ArrayList<>();
        int i = 0;
        if (!lines.isEmpty() && lines.get(0).text().equalsIgnoreCase(PAGE_TITLE)) {
            // The page's heading, not a topic: the page names none, so the deck's title is the importer's to give.
            i = 1;
        }
        while (i < lines.size()) {
            Line line = lines.get(i);
            Level level = GiftParser.levelNamed(line.text());
            if (level != null && is(lines, i + 3, REVEAL)) {
                items.add(Item.flashcard(null, level, lines.get(i + 1).text(), lines.get(i + 2).text()));
                i += 4;
            } else if (level != null) {
                log.error(line.number(), 1, "a level line starts a flashcard: the level, the front, the back, then "
                        + "'Click to reveal answer'");
                i++;
            } else if (is(lines, i + 1, VERDICT)) {
                boolean hasExplanation = i + 2 < lines.size() && !startsItem(lines, i + 2);
                String explanation = hasExplanation ? lines.get(i + 2).text() : null;
                items.add(Item.multipleChoice(null, Level.BEGINNER, line.text(), List.of(), explanation));
                log.warn(line.number(), "the page shows no options for this multiple-choice question: it is a draft "
                        + "until at least 2 options are added");
                log.warn(line.number(), "the page gives no level; imported as beginner");
                i += hasExplanation ? 3 : 2;
            } else if (is(lines, i + 2, SCORE) || is(lines, i + 1, SCORE)) {
                boolean hasHint = is(lines, i + 2, SCORE);
                Line score = lines.get(hasHint ? i + 2 : i + 1);
                Matcher m = SCORE.matcher(score.text());
                m.matches();
                int count = Integer.parseInt(m.group(2));
                items.add(Item.freeResponse(null, Level.BEGINNER, line.text(), hasHint ? lines.get(i + 1).text() : null,
                        Collections.nCopies(count, ""), null));
                log.warn(line.number(), "the page counts " + count + " concept" + (count == 1 ? "" : "s")
                        + " without naming them: name them before publishing");
                log.warn(line.number(), "the page gives no level; imported as beginner");
                i += hasHint ? 3 : 2;
            } else {
                log.error(line.number(), 1, "cannot tell what this line belongs to: a flashcard starts with its "
                        + "level, a multiple-choice question is followed by '✗ Incorrect', an explain prompt by its "
                        + "hint and 'You got /N concepts.'");
                i++;
            }
        }
        if (!log.hasErrors() && items.isEmpty()) {
            log.error(1, 1, "the page has no flashcards, questions or explain prompts");
        }
        log.throwIfErrors("Recall page");
        return new ImportedDeck(null, items, log.warnings());
    }

    /**
     * Whether the line after a verdict starts the next item rather than explaining the answer. A
     * prompt with a hint cannot be told from an explanation followed by a prompt without one:
     * the page always shows hints, so the line is taken as the explanation.
     */
    private static boolean startsItem(List<Line> lines, int i) {
        return GiftParser.levelNamed(lines.get(i).text()) != null || is(lines, i + 1, VERDICT)
                || is(lines, i + 1, SCORE);
    }

    private static boolean is(List<Line> lines, int i, Pattern pattern) {
        return i < lines.size() && pattern.matcher(lines.get(i).text()).matches();
    }

    private static List<Line> lines(String page) {
        String text = page.startsWith("\uFEFF") ? page.substring(1) : page;
        String[] raw = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < raw.length; i++) {
            String line = raw[i].strip();
            if (!line.isEmpty()) {
                lines.add(new Line(i + 1, line));
            }
        }
        return lines;
    }
}
