package dev.recall.deck.importing;

import dev.recall.contracts.deck.Item;
import dev.recall.contracts.deck.ItemKind;
import dev.recall.contracts.deck.TextFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a deck's flashcards for Anki's text import (and Quizlet's, which reads the first two
 * columns): tab-separated, with Anki's headers, the level and tags in a tags column. Other kinds
 * of item have no place in such a file and are left out; GIFT keeps them.
 */
public final class TsvWriter {
    private TsvWriter() {
    }

    public static String write(String title, List<Item> items) {
        List<Item> cards = items.stream().filter(item -> item.kind() == ItemKind.FLASHCARD).toList();
        boolean html = !cards.isEmpty() && cards.stream().allMatch(card -> card.format() == TextFormat.HTML);
        StringBuilder tsv = new StringBuilder();
        tsv.append("#separator:tab\n");
        tsv.append("#html:").append(html).append('\n');
        if (title != null && !title.isBlank()) {
            tsv.append("#deck:").append(title.strip().replace('\n', ' ')).append('\n');
        }
        tsv.append("#columns:Front\tBack\tTags\n");
        tsv.append("#tags column:3\n");
        for (Item card : cards) {
            List<String> tags = new ArrayList<>();
            if (card.level() != null) {
                tags.add(card.level().wireName());
            }
            if (card.tags() != null) {
                // Anki separates tags with spaces, so a tag cannot hold one.
                card.tags().forEach(tag -> tags.add(tag.strip().replaceAll("\\s+", "_")));
            }
            tsv.append(field(card.front(), true)).append('\t').append(field(card.back(), false)).append('\t')
                    .append(field(String.join(" ", tags), false)).append('\n');
        }
        return tsv.toString();
    }

    /** Quoted, with "" for a quote, when the text holds a tab, a line end or a quote, or starts a line with #. */
    static String field(String text, boolean startsLine) {
        String value = text == null ? "" : text;
        boolean quote = value.indexOf('\t') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0
                || value.indexOf('"') >= 0 || (startsLine && value.startsWith("#"));
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
