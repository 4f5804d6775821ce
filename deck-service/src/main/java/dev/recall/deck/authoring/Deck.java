package dev.recall.deck.authoring;

import dev.recall.contracts.deck.DeckPublished;
import dev.recall.contracts.deck.DeckSettings;
import dev.recall.contracts.deck.Item;
import dev.recall.contracts.deck.Option;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The deck aggregate: rebuilt from its events, it validates a command and answers with the
 * events that the command causes. It never changes itself; {@link #apply} does, and only that.
 */
public final class Deck {
    private UUID id;
    private String title;
    private String description;
    private List<String> tags = List.of();
    private DeckSettings settings = DeckSettings.DEFAULT;
    private final Map<UUID, Item> items = new LinkedHashMap<>();
    private long sequence;
    private int latestVersion;
    private String latestContentHash;

    private Deck() {
    }

    public static Deck replay(List<DeckEvent> history) {
        Deck deck = new Deck();
        history.forEach(deck::apply);
        return deck;
    }

    public static DeckEvent.Created create(UUID id, String title, String description, List<String> tags) {
        return create(id, title, description, tags, null);
    }

    /** A new deck; {@code desiredRetention} null keeps the default settings. */
    public static DeckEvent.Created create(UUID id, String title, String description, List<String> tags,
            Double desiredRetention) {
        List<Problem> problems = new ArrayList<>();
        if (title == null || title.isBlank()) {
            problems.add(new Problem(null, "title", "title is required and may not be blank"));
        }
        if (desiredRetention != null) {
            problems.addAll(settingsProblems(desiredRetention));
        }
        if (!problems.isEmpty()) {
            throw new DeckRuleViolation("the deck cannot be created", problems);
        }
        return new DeckEvent.Created(id, title.strip(), description, tags == null ? List.of() : List.copyOf(tags),
                desiredRetention == null ? null : new DeckSettings(desiredRetention));
    }

    /**
     * New scheduling settings; they reach learners with the next published version (a version's
     * settings are frozen with it, as its items are).
     */
    public DeckEvent.SettingsChanged changeSettings(Double desiredRetention) {
        List<Problem> problems = settingsProblems(desiredRetention);
        if (!problems.isEmpty()) {
            throw new DeckRuleViolation("the deck's settings are out of range", problems);
        }
        return new DeckEvent.SettingsChanged(id, new DeckSettings(desiredRetention));
    }

    private static List<Problem> settingsProblems(Double desiredRetention) {
        String problem = DeckSettings.problem(desiredRetention);
        return problem == null ? List.of() : List.of(new Problem(null, "desiredRetention", problem));
    }

    /**
     * A new deck with its items, as an import brings them: the deck's creation followed by one
     * ItemAdded per item, all to be stored at once. Every item must be draftable.
     */
    public static List<DeckEvent> createWithItems(DeckEvent.Created created, List<Item> items,
            Supplier<UUID> itemIds) {
        Deck deck = replay(List.of(created));
        List<DeckEvent> events = new ArrayList<>(items.size() + 1);
        events.add(created);
        for (Item item : items) {
            DeckEvent.ItemAdded added = deck.addItem(itemIds.get(), item);
            deck.apply(added);
            events.add(added);
        }
        return events;
    }

    public DeckEvent.ItemAdded addItem(UUID newItemId, Item draft) {
        Item item = withOptionIds(draft.withId(newItemId));
        requireDraftable(item);
        return new DeckEvent.ItemAdded(id, item);
    }

    public DeckEvent.ItemRevised reviseItem(UUID itemId, Item revision) {
        requireItem(itemId);
        Item item = withOptionIds(revision.withId(itemId));
        requireDraftable(item);
        return new DeckEvent.ItemRevised(id, item);
    }

    public DeckEvent.ItemRemoved removeItem(UUID itemId) {
        requireItem(itemId);
        return new DeckEvent.ItemRemoved(id, itemId);
    }

    /** Freezes the draft as version N+1, or refuses with every problem of every item. */
    public DeckEvent.Published publish(Instant now) {
        List<Problem> problems = new ArrayList<>();
        if (items.isEmpty()) {
            problems.add(new Problem(null, "items", "a deck needs at least one item to be published"));
        }
        items.values().forEach(item -> problems.addAll(DeckValidator.publishProblems(item)));
        if (!problems.isEmpty()) {
            throw new DeckRuleViolation("the deck cannot be published: " + problems.size() + " problem"
                    + (problems.size() == 1 ? "" : "s"), problems);
        }
        List<Item> frozen = List.copyOf(items.values());
        String hash = ContentHash.of(new PublishedContent(title, description, tags, frozen));
        return new DeckEvent.Published(new DeckPublished(id, latestVersion + 1, hash, title, description, tags, frozen,
                now, settings));
    }

    /**
     * What the content hash covers: the deck's content, not its id, version, publication time or
     * scheduling settings.
     */
    record PublishedContent(String title, String description, List<String> tags, List<Item> items) {
    }

    public void apply(DeckEvent event) {
        if (event instanceof DeckEvent.Created created) {
            id = created.deckId();
            title = created.title();
            description = created.description();
            tags = created.tags() == null ? List.of() : created.tags();
            settings = created.settings() == null ? DeckSettings.DEFAULT : created.settings();
        } else if (event instanceof DeckEvent.SettingsChanged changed) {
            settings = changed.settings();
        } else if (event instanceof DeckEvent.ItemAdded added) {
            items.put(added.item().id(), added.item());
        } else if (event instanceof DeckEvent.ItemRevised revised) {
            items.put(revised.item().id(), revised.item());
        } else if (event instanceof DeckEvent.ItemRemoved removed) {
            items.remove(removed.itemId());
        } else if (event instanceof DeckEvent.Published published) {
            latestVersion = published.snapshot().version();
            latestContentHash = published.snapshot().contentHash();
        }
        sequence++;
    }

    private void requireItem(UUID itemId) {
        if (!items.containsKey(itemId)) {
            throw new NoSuchItem(id, itemId);
        }
    }

    private static void requireDraftable(Item item) {
        List<Problem> problems = DeckValidator.draftProblems(item);
        if (!problems.isEmpty()) {
            throw new DeckRuleViolation("the item cannot be added", problems);
        }
    }

    /** Options without an id get "a", "b", "c", … by position, so the same content gets the same ids. */
    private static Item withOptionIds(Item item) {
        if (item.options() == null) {
            return item;
        }
        List<Option> options = new ArrayList<>();
        for (int i = 0; i < item.options().size(); i++) {
            Option option = item.options().get(i);
            options.add(option.id() == null || option.id().isBlank() ? option.withId(optionLetter(i)) : option);
        }
        return item.withOptions(List.copyOf(options));
    }

    static String optionLetter(int index) {
        return index < 26 ? String.valueOf((char) ('a' + index)) : "o" + (index + 1);
    }

    public boolean exists() {
        return id != null;
    }

    public UUID id() {
        return id;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    public List<String> tags() {
        return tags;
    }

    public DeckSettings settings() {
        return settings;
    }

    public List<Item> items() {
        return List.copyOf(items.values());
    }

    /** How many events the deck has: the draft's version, which edits must name to avoid lost updates. */
    public long sequence() {
        return sequence;
    }

    public int latestVersion() {
        return latestVersion;
    }

    public String latestContentHash() {
        return latestContentHash;
    }

    /** Asked for an item the deck does not have. */
    public static class NoSuchItem extends RuntimeException {
        public NoSuchItem(UUID deckId, UUID itemId) {
            super("deck " + deckId + " has no item " + itemId);
        }
    }
}
