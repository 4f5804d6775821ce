package dev.recall.deck.importing;

import dev.recall.contracts.deck.Item;
import java.util.List;

/**
 * What a file holds once read: the deck's title when the file names one, its items (without
 * ids: the deck gives them) and what the author should know about the reading.
 */
public record ImportedDeck(String title, List<Item> items, List<ImportIssue> warnings) {
    public ImportedDeck {
        items = List.copyOf(items);
        warnings = List.copyOf(warnings);
    }
}
