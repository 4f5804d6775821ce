package dev.recall.deck.importing;

import java.util.ArrayList;
import java.util.List;

/**
 * The characters of one GIFT question after its escapes are decoded, each with its place in the
 * file and whether it was escaped: an escaped {@code \~} is text, a bare {@code ~} is syntax.
 * Lines are trimmed and joined with newlines, as Moodle does.
 */
final class GiftText {
    /** A line of the file: its 1-based number and its text. */
    record Line(int number, String text) {
    }

    private final char[] chars;
    private final boolean[] escaped;
    private final int[] lines;
    private final int[] columns;
    final int length;

    private GiftText(char[] chars, boolean[] escaped, int[] lines, int[] columns, int length) {
        this.chars = chars;
        this.escaped = escaped;
        this.lines = lines;
        this.columns = columns;
        this.length = length;
    }

    static GiftText of(List<Line> content) {
        int capacity = content.stream().mapToInt(l -> l.text().length() + 1).sum();
        char[] chars = new char[capacity];
        boolean[] escaped = new boolean[capacity];
        int[] lines = new int[capacity];
        int[] columns = new int[capacity];
        int n = 0;
        for (int l = 0; l < content.size(); l++) {
            Line line = content.get(l);
            String text = line.text();
            int start = 0;
            int end = text.length();
            while (start < end && Character.isWhitespace(text.charAt(start))) {
                start++;
            }
            while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
                end--;
            }
            if (l > 0) {
                chars[n] = '\n';
                lines[n] = content.get(l - 1).number();
                columns[n] = content.get(l - 1).text().length() + 1;
                n++;
            }
            for (int i = start; i < end; i++) {
                char c = text.charAt(i);
                lines[n] = line.number();
                columns[n] = i + 1;
                if (c == '\\' && i + 1 < end && isEscapable(text.charAt(i + 1))) {
                    char next = text.charAt(i + 1);
                    chars[n] = next == 'n' ? '\n' : next;
                    escaped[n] = true;
                    i++;
                } else {
                    chars[n] = c;
                }
                n++;
            }
        }
        return new GiftText(chars, escaped, lines, columns, n);
    }

    private static boolean isEscapable(char c) {
        return c == '\\' || c == ':' || c == '#' || c == '=' || c == '{' || c == '}' || c == '~' || c == 'n';
    }

    int line(int index) {
        return lines[Math.min(index, length - 1)];
    }

    int column(int index) {
        if (index >= length) {
            return columns[length - 1] + 1;
        }
        return columns[index];
    }

    /** The character at {@code index} if it is syntax (not escaped), else 0. */
    char syntax(int index) {
        return index < length && !escaped[index] ? chars[index] : 0;
    }

    boolean isSyntax(int index, char c) {
        return syntax(index) == c;
    }

    /** Whether {@code token} starts at {@code index}, every character of it unescaped. */
    boolean startsWith(int index, String token) {
        if (index + token.length() > length) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            if (syntax(index + i) != token.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    int indexOf(char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (syntax(i) == c) {
                return i;
            }
        }
        return -1;
    }

    int indexOf(String token, int from, int to) {
        for (int i = from; i + token.length() <= to; i++) {
            if (startsWith(i, token)) {
                return i;
            }
        }
        return -1;
    }

    int lastIndexOf(String token, int from, int to) {
        for (int i = to - token.length(); i >= from; i--) {
            if (startsWith(i, token)) {
                return i;
            }
        }
        return -1;
    }

    /** The decoded text between the two indexes. */
    String text(int from, int to) {
        return from >= to ? "" : new String(chars, from, to - from);
    }

    int skipSpace(int from, int to) {
        int i = from;
        while (i < to && !escaped[i] && Character.isWhitespace(chars[i])) {
            i++;
        }
        return i;
    }

    int trimEnd(int from, int to) {
        int i = to;
        while (i > from && !escaped[i - 1] && Character.isWhitespace(chars[i - 1])) {
            i--;
        }
        return i;
    }

    boolean isBlank(int from, int to) {
        return skipSpace(from, to) >= to;
    }

    /** A stretch of the answer block that starts with one of the markers (or with none, if it is the first). */
    record Segment(char marker, int markerAt, int from, int to) {
    }

    /**
     * Cuts {@code [from, to)} at every unescaped marker character; the first segment, before any
     * marker, has marker 0 and is returned even when empty.
     */
    List<Segment> split(int from, int to, String markers) {
        List<Segment> segments = new ArrayList<>();
        char marker = 0;
        int markerAt = from;
        int start = from;
        for (int i = from; i < to; i++) {
            char c = syntax(i);
            if (c != 0 && markers.indexOf(c) >= 0) {
                segments.add(new Segment(marker, markerAt, start, i));
                marker = c;
                markerAt = i;
                start = i + 1;
            }
        }
        segments.add(new Segment(marker, markerAt, start, to));
        return segments;
    }
}
