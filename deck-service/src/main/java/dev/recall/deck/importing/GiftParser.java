package dev.recall.deck.importing;

import dev.recall.contracts.deck.AcceptedAnswer;
import dev.recall.contracts.deck.Item;
import dev.recall.contracts.deck.ItemKind;
import dev.recall.contracts.deck.Level;
import dev.recall.contracts.deck.MatchPair;
import dev.recall.contracts.deck.NumericAnswer;
import dev.recall.contracts.deck.Option;
import dev.recall.contracts.deck.TextFormat;
import dev.recall.deck.importing.GiftText.Line;
import dev.recall.deck.importing.GiftText.Segment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Moodle's GIFT format (docs.moodle.org/en/GIFT_format, Moodle's question/format/gift):
 * questions separated by blank lines, {@code ::title::}, {@code [html]}-style formats, the
 * answer block in braces, {@code ####} general feedback, {@code $CATEGORY:}, and comments with
 * {@code [tag:…]} and {@code [id:…]}. Kinds are told apart as Moodle does: an empty block is an
 * essay, {@code #} starts a numeric answer, a {@code ~} makes a multiple choice, {@code =} with
 * {@code ->} a matching, T/TRUE/F/FALSE a true/false, anything else a short answer.
 *
 * <p>Recall's extensions live in comments, where Moodle ignores them: {@code [concepts: a | b]}
 * names an essay's concepts; {@code [kind:flashcard]} (front, then {@code {####back}}),
 * {@code [kind:multiple_choice]} and {@code [kind:multiple_response]} (single or multiple answers,
 * any number of options, even none) keep items that plain GIFT cannot say.
 * A tag that names a level sets the item's level.
 *
 * <p>Where Moodle and the public GIFT grammar are lenient with a broken question (dropping it, or
 * reading a stray answer as text), this parser reports it with its line and column instead: a
 * file with any error imports nothing.
 */
public final class GiftParser {
    static final String KEY_CONCEPTS = "Key concepts";
    static final String MODEL_ANSWER = "Model answer:";
    private static final Pattern TAG = Pattern.compile("\\[tag:([^\\]]*)\\]", Pattern.CASE_INSENSITIVE);
    private static final Pattern ID = Pattern.compile("\\[id:([^\\]]*)\\]", Pattern.CASE_INSENSITIVE);
    private static final Pattern CONCEPTS = Pattern.compile("\\[concepts:([^\\]]*)\\]", Pattern.CASE_INSENSITIVE);
    private static final Pattern KIND = Pattern.compile("\\[kind:([^\\]]*)\\]", Pattern.CASE_INSENSITIVE);
    private static final Pattern FORMAT = Pattern.compile("^\\[(moodle|html|plain|markdown)\\]");
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern WEIGHT = Pattern.compile("-?(\\d+(\\.\\d*)?|\\.\\d+)");

    private final ImportLog log = new ImportLog();
    private final List<Item> items = new ArrayList<>();
    private String deckTitle;
    private String categoryTag;

    private GiftParser() {
    }

    /** The deck in {@code gift}, or {@link ImportRejected} with every problem of the file. */
    public static ImportedDeck parse(String gift) {
        GiftParser parser = new GiftParser();
        parser.read(gift == null ? "" : gift);
        if (!parser.log.hasErrors() && parser.items.isEmpty()) {
            parser.log.error(1, 1, "the file has no questions: write at least one, e.g. "
                    + "'Which tool containerizes environments?{=Docker ~Git}'");
        }
        parser.log.throwIfErrors("GIFT");
        return new ImportedDeck(parser.deckTitle, parser.items, parser.log.warnings());
    }

    private void read(String gift) {
        String text = gift.startsWith("\uFEFF") ? gift.substring(1) : gift;
        String[] raw = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        List<Line> block = new ArrayList<>();
        for (int i = 0; i < raw.length; i++) {
            if (raw[i].isBlank()) {
                block(block);
                block = new ArrayList<>();
            } else {
                block.add(new Line(i + 1, raw[i]));
            }
        }
        block(block);
    }

    /** What the comments above a question say about it. */
    private record Notes(List<String> tags, String externalId, List<String> concepts, String kind, int kindLine) {
        boolean isEmpty() {
            return tags.isEmpty() && externalId == null && concepts == null && kind == null;
        }
    }

    private void block(List<Line> block) {
        if (block.isEmpty()) {
            return;
        }
        List<Line> comments = new ArrayList<>();
        List<Line> content = new ArrayList<>();
        for (Line line : block) {
            (line.text().strip().startsWith("//") ? comments : content).add(line);
        }
        Notes notes = notes(comments);
        if (content.isEmpty()) {
            if (!notes.isEmpty()) {
                log.warn(comments.get(0).number(), "a comment with [tag:…], [id:…], [concepts:…] or [kind:…] is "
                        + "separated from its question by a blank line; it was ignored");
            }
            return;
        }
        if (content.get(0).text().strip().startsWith("$CATEGORY:")) {
            category(content.get(0));
            content = content.subList(1, content.size());
            if (content.isEmpty()) {
                return;
            }
        }
        question(GiftText.of(content), notes);
    }

    private Notes notes(List<Line> comments) {
        List<String> tags = new ArrayList<>();
        String externalId = null;
        List<String> concepts = null;
        String kind = null;
        int kindLine = 0;
        for (Line line : comments) {
            String comment = line.text();
            Matcher tag = TAG.matcher(comment);
            while (tag.find()) {
                if (!tag.group(1).isBlank()) {
                    tags.add(tag.group(1).strip());
                }
            }
            Matcher id = ID.matcher(comment);
            if (id.find()) {
                externalId = id.group(1).strip();
            }
            Matcher named = CONCEPTS.matcher(comment);
            if (named.find()) {
                concepts = new ArrayList<>();
                for (String concept : named.group(1).split("\\|", -1)) {
                    concepts.add(concept.strip());
                }
            }
            Matcher kinds = KIND.matcher(comment);
            if (kinds.find()) {
                kind = kinds.group(1).strip().toLowerCase(Locale.ROOT).replace('-', '_');
                kindLine = line.number();
            }
        }
        return new Notes(tags, externalId == null || externalId.isEmpty() ? null : externalId, concepts, kind,
                kindLine);
    }

    /** {@code $CATEGORY: $course$/top/Pipelines}: the last part names the deck; "//" is a slash in a name. */
    private void category(Line line) {
        String path = line.text().strip().substring("$CATEGORY:".length()).strip();
        String[] parts = path.replace("//", "\u0000").split("/");
        String name = parts.length == 0 ? "" : parts[parts.length - 1].replace('\u0000', '/').strip();
        if (name.isEmpty()) {
            log.warn(line.number(), "$CATEGORY names no category; ignored");
        } else if (deckTitle == null) {
            deckTitle = name;
        } else if (!name.equals(deckTitle)) {
            categoryTag = name;
            log.warnFile("the file has several categories: the deck is named after the first, '" + deckTitle
                    + "', and the questions of the others are tagged with their category");
        } else {
            categoryTag = null;
        }
    }

    private void question(GiftText q, Notes notes) {
        int errorsBefore = log.errorCount();
        int start = q.skipSpace(0, q.length);
        int end = q.trimEnd(start, q.length);
        int line = q.line(start);
        String title = null;
        if (q.startsWith(start, "::")) {
            int close = q.indexOf("::", start + 2, end);
            if (close < 0) {
                error(q, start, "the title that starts here is not closed with '::'; write ::title:: before the "
                        + "question text (a colon in a title is written \\:)");
                return;
            }
            title = blankToNull(q.text(start + 2, close).strip());
            start = q.skipSpace(close + 2, end);
        }
        int open = q.indexOf('{', start, end);
        int close = q.indexOf('}', start, end);
        if (open < 0 && close < 0) {
            log.warn(line, "a description (text without an answer block {…}) is not a question; skipped");
            return;
        }
        if (close < 0) {
            error(q, open, "the answer block opened here is not closed with '}'");
            return;
        }
        if (open < 0 || close < open) {
            error(q, close, "'}' without an opening '{'; a brace in text is written \\}");
            return;
        }
        int nested = q.indexOf('{', open + 1, close);
        if (nested >= 0) {
            error(q, nested, "'{' inside an answer block; a brace in text is written \\{");
            return;
        }
        int anotherOpen = q.indexOf('{', close + 1, end);
        int anotherClose = q.indexOf('}', close + 1, end);
        int another = anotherOpen < 0 ? anotherClose : anotherClose < 0 ? anotherOpen : Math.min(anotherOpen,
                anotherClose);
        if (another >= 0) {
            error(q, another, "a second answer block: a question has one {…}; separate questions with a blank line");
            return;
        }
        String after = q.text(close + 1, end);
        String stem = (after.isBlank() ? q.text(start, open) : q.text(start, open) + "_____" + after).strip();
        TextFormat format = formatOf(stem);
        stem = withoutFormat(stem);
        if (stem.isEmpty()) {
            error(q, start, "the question has no text before its answers");
        }

        int from = q.skipSpace(open + 1, close);
        int to = q.trimEnd(from, close);
        String generalFeedback = null;
        int gf = q.lastIndexOf("####", from, to);
        if (gf >= 0) {
            generalFeedback = blankToNull(withoutFormat(q.text(gf + 4, to).strip()));
            to = q.trimEnd(from, gf);
        }

        Item.Builder item = Item.builder(null).title(title).format(format).externalId(notes.externalId());
        String kind = notes.kind();
        if (kind != null && !kind.equals("flashcard") && !kind.equals("multiple_choice")
                && !kind.equals("multiple_response")) {
            log.error(notes.kindLine(), 1, "[kind:" + kind + "] is not a kind Recall keeps in a comment; use "
                    + "[kind:flashcard], [kind:multiple_choice] or [kind:multiple_response], or leave it out");
            return;
        }
        if ("flashcard".equals(kind)) {
            if (from < to) {
                error(q, from, "a [kind:flashcard] question has an empty answer block with the back as general "
                        + "feedback: front{####back}");
                return;
            }
            item.kind(ItemKind.FLASHCARD).front(stem).back(generalFeedback);
        } else if ("multiple_choice".equals(kind) || "multiple_response".equals(kind)) {
            multipleChoice(q, from, to, item, "multiple_response".equals(kind));
            item.stem(stem).explanation(generalFeedback);
        } else if (from >= to) {
            essay(item, stem, generalFeedback, notes, line);
        } else {
            if (q.isSyntax(from, '#')) {
                numeric(q, from + 1, to, item);
            } else if (q.indexOf('~', from, to) >= 0) {
                multipleChoice(q, from, to, item, null);
            } else if (q.indexOf('=', from, to) >= 0 && q.indexOf("->", from, to) >= 0) {
                matching(q, from, to, item);
            } else if (isTrueFalse(q, from, to)) {
                trueFalse(q, from, to, item);
            } else {
                shortAnswer(q, from, to, item);
            }
            item.stem(stem).explanation(generalFeedback);
        }
        if (notes.concepts() != null && item.build().kind() != ItemKind.FREE_RESPONSE) {
            log.warn(line, "[concepts: …] names the concepts of an essay question ({} or {####…}); ignored here");
        }
        if (log.errorCount() > errorsBefore) {
            return;
        }
        classify(item, notes, line);
        items.add(item.build());
    }

    private void classify(Item.Builder item, Notes notes, int line) {
        Level level = null;
        List<String> tags = new ArrayList<>();
        for (String tag : notes.tags()) {
            Level named = levelNamed(tag);
            if (named == null) {
                if (!tags.contains(tag)) {
                    tags.add(tag);
                }
            } else if (level == null) {
                level = named;
            } else if (level != named) {
                log.warn(line, "the question is tagged with two levels; the first, " + level.wireName()
                        + ", was kept");
            }
        }
        if (categoryTag != null && !tags.contains(categoryTag)) {
            tags.add(categoryTag);
        }
        if (level == null) {
            log.warn(line, "no level tag ([tag:beginner], [tag:intermediate] or [tag:advanced]); imported as "
                    + "beginner");
            level = Level.BEGINNER;
        }
        item.level(level).tags(List.copyOf(tags));
    }

    static Level levelNamed(String tag) {
        for (Level level : Level.values()) {
            if (level.wireName().equalsIgnoreCase(tag.strip())) {
                return level;
            }
        }
        return null;
    }

    /**
     * An essay's general feedback holds its hint and model answer: the text before "Key concepts"
     * (or "Model answer:") is the hint, the rest the model answer; without either, all of it is
     * the model answer, which Moodle shows only after the answer too.
     */
    private void essay(Item.Builder item, String prompt, String generalFeedback, Notes notes, int line) {
        String hint = null;
        String modelAnswer = generalFeedback;
        if (generalFeedback != null) {
            int keyConcepts = markerAt(generalFeedback, KEY_CONCEPTS);
            int model = markerAt(generalFeedback, MODEL_ANSWER);
            if (keyConcepts >= 0 && (model < 0 || keyConcepts < model)) {
                hint = blankToNull(generalFeedback.substring(0, keyConcepts).strip());
                modelAnswer = generalFeedback.substring(keyConcepts).strip();
            } else if (model >= 0) {
                hint = blankToNull(generalFeedback.substring(0, model).strip());
                modelAnswer = blankToNull(generalFeedback.substring(model + MODEL_ANSWER.length()).strip());
            }
        }
        List<String> concepts = notes.concepts();
        if (concepts == null) {
            log.warn(line, "an essay without a comment '// [concepts: a | b | c]' naming its concepts; name them "
                    + "before publishing");
            concepts = List.of();
        }
        item.kind(ItemKind.FREE_RESPONSE).prompt(prompt).hint(hint).modelAnswer(modelAnswer)
                .concepts(List.copyOf(concepts));
    }

    /** Where {@code marker} starts as a phrase of its own (at the start or after a space), or -1. */
    static int markerAt(String text, String marker) {
        int at = text.indexOf(marker);
        while (at > 0 && !Character.isWhitespace(text.charAt(at - 1))) {
            at = text.indexOf(marker, at + 1);
        }
        return at;
    }

    /**
     * {@code forcedMultiple} is null for plain GIFT, where one {@code =} makes a single-answer
     * question and two answers are required; Recall's [kind:…] comment forces it and allows fewer.
     */
    private void multipleChoice(GiftText q, int from, int to, Item.Builder item, Boolean forcedMultiple) {
        List<Segment> segments = q.split(from, to, "=~");
        Segment lead = segments.get(0);
        if (!q.isBlank(lead.from(), lead.to())) {
            error(q, q.skipSpace(lead.from(), lead.to()), "text before the first answer; start each answer with "
                    + "= (right) or ~ (wrong)");
        }
        boolean single = forcedMultiple == null ? segments.stream().anyMatch(s -> s.marker() == '=')
                : !forcedMultiple;
        List<Option> options = new ArrayList<>();
        for (int i = 1; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            Answer answer = answer(q, segment, i);
            if (answer == null) {
                continue;
            }
            boolean correct = single ? segment.marker() == '=' : answer.weight() != null && answer.weight() > 0;
            options.add(new Option(null, answer.text(), correct, answer.feedback(), answer.weight()));
        }
        if (forcedMultiple == null && segments.size() - 1 < 2) {
            error(q, from, "a multiple-choice question needs at least 2 answers; it has " + (segments.size() - 1));
        }
        item.kind(ItemKind.MULTIPLE_CHOICE).options(List.copyOf(options)).multipleAnswers(!single);
    }

    private record Answer(String text, Double weight, String feedback) {
    }

    /** {@code %weight%text#feedback}, the shape of an answer of most kinds; null after an error. */
    private Answer answer(GiftText q, Segment segment, int number) {
        int start = q.skipSpace(segment.from(), segment.to());
        int end = q.trimEnd(start, segment.to());
        Double weight = null;
        int p = start;
        if (q.isSyntax(p, '%')) {
            int close = q.indexOf('%', p + 1, end);
            String candidate = close < 0 ? "" : q.text(p + 1, close).strip();
            if (close >= 0 && WEIGHT.matcher(candidate).matches()) {
                weight = Double.valueOf(candidate);
                if (weight < -100 || weight > 100) {
                    error(q, p, "weight %" + candidate + "% is not between -100 and 100");
                    return null;
                }
                p = q.skipSpace(close + 1, end);
            }
        }
        int hash = q.indexOf('#', p, end);
        String text = withoutFormat(q.text(p, hash < 0 ? end : hash).strip());
        String feedback = hash < 0 ? null : blankToNull(withoutFormat(q.text(hash + 1, end).strip()));
        if (text.isEmpty()) {
            error(q, segment.markerAt(), "answer " + number + " is empty");
            return null;
        }
        return new Answer(text, weight, feedback);
    }

    private void shortAnswer(GiftText q, int from, int to, Item.Builder item) {
        List<Segment> segments = q.split(from, to, "=");
        List<AcceptedAnswer> answers = new ArrayList<>();
        int number = 0;
        for (int i = 0; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            if (i == 0 && q.isBlank(segment.from(), segment.to())) {
                continue;
            }
            Answer answer = answer(q, segment, ++number);
            if (answer != null) {
                answers.add(new AcceptedAnswer(answer.text(), answer.weight(), answer.feedback()));
            }
        }
        item.kind(ItemKind.SHORT_ANSWER).acceptedAnswers(List.copyOf(answers));
    }

    private static boolean isTrueFalse(GiftText q, int from, int to) {
        int hash = q.indexOf('#', from, to);
        String answer = q.text(from, hash < 0 ? to : hash).strip();
        return answer.equals("T") || answer.equals("TRUE") || answer.equals("F") || answer.equals("FALSE");
    }

    /** {@code {TRUE#feedback if wrong#feedback if right}}, as Moodle reads it. */
    private void trueFalse(GiftText q, int from, int to, Item.Builder item) {
        int first = q.indexOf('#', from, to);
        int second = first < 0 ? -1 : q.indexOf('#', first + 1, to);
        boolean answer = q.text(from, first < 0 ? to : first).strip().startsWith("T");
        String wrong = first < 0 ? null : blankToNull(withoutFormat(q.text(first + 1, second < 0 ? to : second)
                .strip()));
        String right = second < 0 ? null : blankToNull(withoutFormat(q.text(second + 1, to).strip()));
        item.kind(ItemKind.TRUE_FALSE).answer(answer).feedbackTrue(answer ? right : wrong)
                .feedbackFalse(answer ? wrong : right);
    }

    private void matching(GiftText q, int from, int to, Item.Builder item) {
        List<Segment> segments = q.split(from, to, "=");
        Segment lead = segments.get(0);
        if (!q.isBlank(lead.from(), lead.to())) {
            error(q, q.skipSpace(lead.from(), lead.to()), "text before the first pair; start each pair with "
                    + "=left -> right");
        }
        List<MatchPair> pairs = new ArrayList<>();
        for (int i = 1; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            int arrow = q.indexOf("->", segment.from(), segment.to());
            int hash = q.indexOf('#', segment.from(), segment.to());
            if (arrow < 0) {
                error(q, segment.markerAt(), "pair " + i + " has no '->'; write each pair as =left -> right");
            } else if (hash >= 0) {
                error(q, hash, "matching pairs take no feedback; a # in text is written \\#");
            } else {
                String right = q.text(arrow + 2, segment.to()).strip();
                if (right.isEmpty()) {
                    error(q, arrow, "pair " + i + " has nothing after '->'");
                }
                pairs.add(new MatchPair(withoutFormat(q.text(segment.from(), arrow).strip()), right));
            }
        }
        if (segments.size() - 1 < 2) {
            error(q, from, "a matching question needs at least 2 pairs; it has " + (segments.size() - 1));
        }
        item.kind(ItemKind.MATCHING).pairs(List.copyOf(pairs));
    }

    /**
     * {@code {#3.14:0.01}}, {@code {#1..5}} or several answers {@code {#=%100%3:0 =%50%3:1#close ~#other}}:
     * an answer after ~ without a number is the feedback for every other number.
     */
    private void numeric(GiftText q, int from, int to, Item.Builder item) {
        List<Segment> segments = q.split(from, to, "=~");
        List<NumericAnswer> answers = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            if (i == 0 && q.isBlank(segment.from(), segment.to())) {
                continue;
            }
            NumericAnswer answer = numericAnswer(q, segment, segment.marker() == '~');
            if (answer != null) {
                answers.add(answer);
            }
        }
        if (segments.size() == 1 && q.isBlank(segments.get(0).from(), segments.get(0).to())) {
            error(q, from - 1, "a numeric question needs an answer after '#', e.g. {#3.14:0.01} or {#1..5}");
        }
        item.kind(ItemKind.NUMERIC).numericAnswers(List.copyOf(answers));
    }

    private NumericAnswer numericAnswer(GiftText q, Segment segment, boolean wrong) {
        int start = q.skipSpace(segment.from(), segment.to());
        int end = q.trimEnd(start, segment.to());
        Double weight = null;
        int p = start;
        if (q.isSyntax(p, '%')) {
            int close = q.indexOf('%', p + 1, end);
            String candidate = close < 0 ? "" : q.text(p + 1, close).strip();
            if (close < 0 || !WEIGHT.matcher(candidate).matches()) {
                error(q, p, "a weight is a percentage between % signs, e.g. %50%");
                return null;
            }
            weight = Double.valueOf(candidate);
            if (weight < -100 || weight > 100) {
                error(q, p, "weight %" + candidate + "% is not between -100 and 100");
                return null;
            }
            p = q.skipSpace(close + 1, end);
        }
        int hash = q.indexOf('#', p, end);
        int bodyEnd = q.trimEnd(p, hash < 0 ? end : hash);
        String feedback = hash < 0 ? null : blankToNull(withoutFormat(q.text(hash + 1, end).strip()));
        if (p >= bodyEnd) {
            if (!wrong) {
                error(q, p < q.length ? p : segment.markerAt(), "a numeric answer needs a number: 3.14, 3.14:0.01 "
                        + "(value:tolerance) or 1..5 (a range)");
                return null;
            }
            return new NumericAnswer(null, null, null, null, weight, feedback);
        }
        if (wrong && weight == null) {
            weight = 0.0;
        }
        int range = q.indexOf("..", p, bodyEnd);
        int colon = q.indexOf(':', p, bodyEnd);
        if (range > p) {
            Double min = number(q, p, range);
            Double max = number(q, range + 2, bodyEnd);
            return min == null || max == null ? null : new NumericAnswer(null, null, min, max, weight, feedback);
        }
        if (colon > p) {
            Double value = number(q, p, colon);
            Double tolerance = number(q, colon + 1, bodyEnd);
            return value == null || tolerance == null ? null
                    : new NumericAnswer(value, tolerance, null, null, weight, feedback);
        }
        Double value = number(q, p, bodyEnd);
        return value == null ? null : new NumericAnswer(value, null, null, null, weight, feedback);
    }

    private Double number(GiftText q, int from, int to) {
        int start = q.skipSpace(from, to);
        int end = q.trimEnd(start, to);
        String text = q.text(start, end);
        if (!NUMBER.matcher(text).matches()) {
            error(q, start < q.length ? start : from, "'" + text + "' is not a number; write numbers like 3, -2.5 "
                    + "or 1e-3");
            return null;
        }
        return Double.valueOf(text);
    }

    static TextFormat formatOf(String text) {
        Matcher m = FORMAT.matcher(text);
        return m.find() ? TextFormat.fromWire(m.group(1)) : null;
    }

    static String withoutFormat(String text) {
        Matcher m = FORMAT.matcher(text);
        return m.find() ? text.substring(m.end()).strip() : text;
    }

    private void error(GiftText q, int index, String message) {
        int at = Math.max(0, index);
        log.error(q.line(at), q.column(at), message);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
