package dev.recall.deck.importing;

import dev.recall.contracts.deck.Item;
import dev.recall.contracts.deck.Level;
import dev.recall.contracts.deck.TextFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads flashcards from Anki's text import format and Quizlet's export: one card per record,
 * front and back in the first two fields. Anki's file headers are honoured ({@code #separator:},
 * {@code #html:}, {@code #deck:}, {@code #tags:}, {@code #columns:}, {@code #tags column:},
 * {@code #guid column:}); without {@code #separator:} the separator is the first of tab, pipe,
 * semicolon and comma found in the first record, as Anki guesses it. Fields may be quoted
 * ({@code "a ""quoted"" field"}), and a quoted field may span lines. A tag naming a level sets the
 * card's level.
 */
public final class TsvParser {
    private static final Map<String, Character> SEPARATORS = Map.of("tab", '\t', "comma", ',', "semicolon", ';',
            "pipe", '|', "space", ' ', "colon", ':');

    private final ImportLog log = new ImportLog();
    private final String text;
    private final Map<String, Header> headers = new LinkedHashMap<>();
    private int position;
    private int line = 1;
    private int column = 1;

    private record Header(String value, int line) {
    }

    private TsvParser(String text) {
        this.text = text;
    }

    public static ImportedDeck parse(String tsv) {
        String text = tsv == null ? "" : tsv;
        text = text.startsWith("\uFEFF") ? text.substring(1) : text;
        return new TsvParser(text.replace("\r\n", "\n").replace('\r', '\n')).read();
    }

    private ImportedDeck read() {
        readHeaders();
        char separator = separator();
        if (log.hasErrors()) {
            log.throwIfErrors("TSV");
        }
        Columns columns = columns(separator);
        boolean html = headers.containsKey("html") && Boolean.parseBoolean(headers.get("html").value().strip());
        List<String> fileTags = headers.containsKey("tags") ? words(headers.get("tags").value()) : List.of();
        List<Item> items = new ArrayList<>();
        while (position < text.length()) {
            int recordLine = line;
            if (peek() == '#') {
                String comment = restOfLine();
                if (comment.indexOf(separator) >= 0) {
                    log.warn(recordLine, "a line starting with # is a comment in Anki's format and was skipped; "
                            + "quote a front that starts with # (\"#…\")");
                }
                continue;
            }
            List<Field> fields = record(separator);
            if (fields == null) {
                break;
            }
            if (fields.size() == 1 && fields.get(0).value().isBlank()) {
                continue;
            }
            Item card = card(fields, columns, recordLine, html, fileTags, separator);
            if (card != null) {
                items.add(card);
            }
        }
        if (!log.hasErrors() && items.isEmpty()) {
            log.error(1, 1, "the file has no flashcards: write one per line, front and back separated by a tab");
        }
        log.throwIfErrors("TSV");
        String title = headers.containsKey("deck") ? blankToNull(headers.get("deck").value().strip()) : null;
        return new ImportedDeck(title, items, log.warnings());
    }

    /** Anki's headers are "#key:value" lines at the top of the file. */
    private void readHeaders() {
        while (position < text.length() && peek() == '#') {
            int headerLine = line;
            int start = position;
            String header = restOfLine().substring(1);
            int colon = header.indexOf(':');
            String key = colon < 0 ? "" : header.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            if (!List.of("separator", "html", "tags", "columns", "notetype", "deck", "notetype column",
                    "deck column", "tags column", "guid column", "if matches").contains(key)) {
                // Not a header: the cards begin here (Anki reads later # lines as comments).
                position = start;
                line = headerLine;
                column = 1;
                return;
            }
            headers.put(key, new Header(header.substring(colon + 1), headerLine));
            if (key.equals("notetype") || key.equals("notetype column") || key.equals("deck column")
                    || key.equals("if matches")) {
                log.warn(headerLine, "#" + key + " is not used: every record becomes a flashcard of this deck");
            }
        }
    }

    private char separator() {
        Header header = headers.get("separator");
        if (header != null) {
            String value = header.value();
            String name = value.strip().toLowerCase(Locale.ROOT);
            if (SEPARATORS.containsKey(name)) {
                return SEPARATORS.get(name);
            }
            if (value.length() == 1) {
                return value.charAt(0);
            }
            log.error(header.line(), 12, "unknown separator '" + value + "'; use tab, comma, semicolon, pipe, space "
                    + "or colon");
            return '\t';
        }
        int end = text.indexOf('\n', position);
        String first = text.substring(position, end < 0 ? text.length() : end);
        for (char candidate : new char[] {'\t', '|', ';', ','}) {
            if (first.indexOf(candidate) >= 0) {
                return candidate;
            }
        }
        return '\t';
    }

    private record Columns(int front, int back, Integer tags, Integer guid, int count) {
    }

    private Columns columns(char separator) {
        int front = 0;
        int back = 1;
        Integer tags = null;
        Integer guid = null;
        int count = 0;
        Header names = headers.get("columns");
        if (names != null) {
            List<String> columnNames = List.of(names.value().split(java.util.regex.Pattern.quote(
                    String.valueOf(separator)), -1));
            count = columnNames.size();
            for (int i = 0; i < columnNames.size(); i++) {
                String name = columnNames.get(i).strip().toLowerCase(Locale.ROOT);
                if (List.of("front", "term", "question").contains(name)) {
                    front = i;
                } else if (List.of("back", "definition", "answer").contains(name)) {
                    back = i;
                } else if (name.equals("tags")) {
                    tags = i;
                }
            }
        }
        tags = columnNumber("tags column", tags);
        guid = columnNumber("guid column", guid);
        return new Columns(front, back, tags, guid, count);
    }

    private Integer columnNumber(String key, Integer otherwise) {
        Header header = headers.get(key);
        if (header == null) {
            return otherwise;
        }
        try {
            int number = Integer.parseInt(header.value().strip());
            if (number >= 1) {
                return number - 1;
            }
        } catch (NumberFormatException e) {
            // not a number: reported below like a number below 1
        }
        log.error(header.line(), key.length() + 3, "#" + key + " must be a column number from 1, not '"
                + header.value().strip() + "'");
        return otherwise;
    }

    private Item card(List<Field> fields, Columns columns, int recordLine, boolean html, List<String> fileTags,
            char separator) {
        if (fields.size() < 2) {
            Field only = fields.get(0);
            log.error(recordLine, only.column() + only.value().length(), "only one field: a flashcard needs a front "
                    + "and a back, separated by " + describe(separator));
            return null;
        }
        String front = value(fields, columns.front());
        String back = value(fields, columns.back());
        if (front == null || front.isBlank()) {
            Field field = columns.front() < fields.size() ? fields.get(columns.front()) : fields.get(0);
            log.error(field.line(), field.column(), "the front is empty");
            return null;
        }
        if (back == null || back.isBlank()) {
            log.warn(recordLine, "no back; the card is a draft that publishing will flag");
            back = null;
        }
        int used = 2 + (columns.tags() == null ? 0 : 1) + (columns.guid() == null ? 0 : 1);
        if (Math.max(fields.size(), columns.count()) > used) {
            log.warnFile("fields beyond front, back, tags and guid are not imported");
        }
        List<String> tags = new ArrayList<>(fileTags);
        String tagField = columns.tags() == null ? null : value(fields, columns.tags());
        if (tagField != null) {
            for (String tag : words(tagField)) {
                if (!tags.contains(tag)) {
                    tags.add(tag);
                }
            }
        }
        Level level = null;
        List<String> plain = new ArrayList<>();
        for (String tag : tags) {
            Level named = GiftParser.levelNamed(tag);
            if (named == null) {
                plain.add(tag);
            } else if (level == null) {
                level = named;
            }
        }
        if (level == null) {
            log.warn(recordLine, "no level tag (beginner, intermediate or advanced); imported as beginner");
            level = Level.BEGINNER;
        }
        String guid = columns.guid() == null ? null : blankToNull(value(fields, columns.guid()));
        return Item.flashcard(null, level, front.strip(), back == null ? null : back.strip()).toBuilder()
                .tags(List.copyOf(plain)).format(html ? TextFormat.HTML : null).externalId(guid).build();
    }

    static String describe(char separator) {
        switch (separator) {
            case '\t':
                return "a tab";
            case ',':
                return "a comma";
            case ';':
                return "a semicolon";
            case '|':
                return "a pipe (|)";
            case ' ':
                return "a space";
            default:
                return "'" + separator + "'";
        }
    }

    private static String value(List<Field> fields, int index) {
        return index < fields.size() ? fields.get(index).value() : null;
    }

    private record Field(String value, int line, int column) {
    }

    /** One record: fields up to the end of the line, a quoted field running on over line ends. */
    private List<Field> record(char separator) {
        List<Field> fields = new ArrayList<>();
        while (true) {
            int fieldLine = line;
            int fieldColumn = column;
            int start = position;
            StringBuilder value = new StringBuilder();
            if (peek() == '"') {
                next();
                boolean closed = false;
                while (position < text.length()) {
                    char c = next();
                    if (c == '"') {
                        if (peek() == '"') {
                            next();
                            value.append('"');
                        } else {
                            closed = true;
                            break;
                        }
                    } else {
                        value.append(c);
                    }
                }
                if (!closed) {
                    log.error(fieldLine, fieldColumn, "the quoted field that starts here is not closed with \"; a "
                            + "quote inside a quoted field is written \"\"");
                    return null;
                }
                if (position < text.length() && peek() != separator && peek() != '\n') {
                    // A quote that only opens the text (Quizlet writes such fields): the field is literal.
                    position = start;
                    line = fieldLine;
                    column = fieldColumn;
                    value.setLength(0);
                    readPlain(separator, value);
                }
            } else {
                readPlain(separator, value);
            }
            fields.add(new Field(value.toString(), fieldLine, fieldColumn));
            if (position >= text.length()) {
                return fields;
            }
            char end = next();
            if (end == '\n') {
                return fields;
            }
        }
    }

    private void readPlain(char separator, StringBuilder value) {
        while (position < text.length() && peek() != separator && peek() != '\n') {
            value.append(next());
        }
    }

    private String restOfLine() {
        int end = text.indexOf('\n', position);
        String rest = text.substring(position, end < 0 ? text.length() : end);
        position = end < 0 ? text.length() : end + 1;
        line++;
        column = 1;
        return rest;
    }

    private char peek() {
        return position < text.length() ? text.charAt(position) : 0;
    }

    private char next() {
        char c = text.charAt(position++);
        if (c == '\n') {
            line++;
            column = 1;
        } else {
            column++;
        }
        return c;
    }

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        for (String word : text.strip().split("\\s+")) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
