package dev.recall.deck.authoring;

import dev.recall.contracts.EventTypes;
import dev.recall.contracts.deck.DeckPublished;
import dev.recall.contracts.deck.DeckSettings;
import dev.recall.contracts.deck.Item;
import java.util.List;
import java.util.UUID;

/** What can happen to a deck. Handlers of these only change state; {@link Deck} decides. */
public sealed interface DeckEvent {
    UUID deckId();

    /** The event's {@code type} on the wire. */
    String type();

    /** The event's {@code data} on the wire. */
    Object data();

    /** {@code settings} is null when the author left the defaults. */
    record Created(UUID deckId, String title, String description, List<String> tags, DeckSettings settings)
            implements DeckEvent {
        public String type() {
            return EventTypes.DECK_CREATED;
        }

        public Object data() {
            return this;
        }
    }

    record ItemAdded(UUID deckId, Item item) implements DeckEvent {
        public String type() {
            return EventTypes.DECK_ITEM_ADDED;
        }

        public Object data() {
            return this;
        }
    }

    record ItemRevised(UUID deckId, Item item) implements DeckEvent {
        public String type() {
            return EventTypes.DECK_ITEM_REVISED;
        }

        public Object data() {
            return this;
        }
    }

    record ItemRemoved(UUID deckId, UUID itemId) implements DeckEvent {
        public String type() {
            return EventTypes.DECK_ITEM_REMOVED;
        }

        public Object data() {
            return this;
        }
    }

    record SettingsChanged(UUID deckId, DeckSettings settings) implements DeckEvent {
        public String type() {
            return EventTypes.DECK_SETTINGS_CHANGED;
        }

        public Object data() {
            return this;
        }
    }

    record Published(DeckPublished snapshot) implements DeckEvent {
        public UUID deckId() {
            return snapshot.deckId();
        }

        public String type() {
            return EventTypes.DECK_PUBLISHED;
        }

        public Object data() {
            return snapshot;
        }
    }

    /** Reads an event back from its wire type and data. */
    static DeckEvent read(String type, com.fasterxml.jackson.databind.JsonNode data) {
        var mapper = dev.recall.contracts.Json.MAPPER;
        try {
            return switch (type) {
                case EventTypes.DECK_CREATED -> mapper.treeToValue(data, Created.class);
                case EventTypes.DECK_ITEM_ADDED -> mapper.treeToValue(data, ItemAdded.class);
                case EventTypes.DECK_ITEM_REVISED -> mapper.treeToValue(data, ItemRevised.class);
                case EventTypes.DECK_ITEM_REMOVED -> mapper.treeToValue(data, ItemRemoved.class);
                case EventTypes.DECK_SETTINGS_CHANGED -> mapper.treeToValue(data, SettingsChanged.class);
                case EventTypes.DECK_PUBLISHED -> new Published(mapper.treeToValue(data, DeckPublished.class));
                default -> throw new IllegalStateException("not a deck event: " + type);
            };
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored " + type + " is unreadable: " + e.getOriginalMessage(), e);
        }
    }
}
