package dev.recall.deck.authoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.recall.contracts.deck.DeckSettings;
import dev.recall.contracts.deck.Item;
import dev.recall.contracts.deck.Level;
import dev.recall.contracts.deck.Option;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DeckTest {
    static final UUID DECK = UUID.fromString("00000000-0000-4000-8000-00000000d001");
    static final UUID CARD = UUID.fromString("00000000-0000-4000-8000-000000000001");
    static final UUID MCQ = UUID.fromString("00000000-0000-4000-8000-000000000002");
    static final UUID EXPLAIN = UUID.fromString("00000000-0000-4000-8000-000000000003");
    static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

    static Item card() {
        return Item.flashcard(null, Level.BEGINNER, "What do fixed seeds give?", "Repeatable randomness.");
    }

    static Item mcq(List<Option> options) {
        return Item.multipleChoice(null, Level.BEGINNER, "Which tool containerizes?", options, "Docker packages it.");
    }

    static Item explain(List<String> concepts) {
        return Item.freeResponse(null, Level.INTERMEDIATE, "Explain reproducibility.", "Think of data.", concepts,
                "Version data, pin the environment.");
    }

    /** given(history).when(command) → the events the command causes, applied to the deck. */
    static Deck given(DeckEvent... history) {
        return Deck.replay(List.of(history));
    }

    static Deck deckWithThreeItems() {
        Deck deck = given(Deck.create(DECK, "Pipelines", null, List.of()));
        deck.apply(deck.addItem(CARD, card()));
        deck.apply(deck.addItem(MCQ, mcq(List.of(new Option(null, "Docker", true, null, null),
                new Option(null, "Git", false, "Git versions code.", null)))));
        deck.apply(deck.addItem(EXPLAIN, explain(List.of("environment", "data version"))));
        return deck;
    }

    @Test
    void creatingADeckWithoutTitleIsRejected() {
        DeckRuleViolation e = assertThrows(DeckRuleViolation.class, () -> Deck.create(DECK, "  ", null, null));
        assertEquals(List.of(new Problem(null, "title", "title is required and may not be blank")), e.problems());
    }

    @Test
    void settingsTravelWithTheNextPublishedVersionButNotInItsContentHash() {
        Deck deck = given(Deck.create(DECK, "Pipelines", null, List.of(), 0.85));
        assertEquals(new DeckSettings(0.85), deck.settings());
        deck.apply(deck.addItem(CARD, card()));
        DeckEvent.Published first = deck.publish(NOW);
        deck.apply(first);
        assertEquals(new DeckSettings(0.85), first.snapshot().settings());

        deck.apply(deck.changeSettings(0.95));
        DeckEvent.Published second = deck.publish(NOW);
        assertEquals(new DeckSettings(0.95), second.snapshot().settings());
        assertEquals(first.snapshot().contentHash(), second.snapshot().contentHash());
        assertEquals(DeckSettings.DEFAULT, given(Deck.create(DECK, "Defaults", null, null)).settings());
    }

    @Test
    void aDesiredRetentionOutsideItsRangeIsRejectedWithWhatToFix() {
        DeckRuleViolation e = assertThrows(DeckRuleViolation.class,
                () -> Deck.create(DECK, "Pipelines", null, null, 1.0));
        assertEquals(List.of(new Problem(null, "desiredRetention", "desiredRetention must be a number from 0.7 to "
                + "0.99 (the probability of recall at which an item falls due; FSRS's default is 0.9), got 1.0")),
                e.problems());
        Deck deck = given(Deck.create(DECK, "Pipelines", null, null));
        assertThrows(DeckRuleViolation.class, () -> deck.changeSettings(0.5));
        assertThrows(DeckRuleViolation.class, () -> deck.changeSettings(null));
    }

    @Test
    void optionsWithoutIdsGetLettersByPosition() {
        Deck deck = deckWithThreeItems();
        Item mcq = deck.items().get(1);
        assertEquals(List.of("a", "b"), mcq.options().stream().map(Option::id).toList());
        assertEquals(4, deck.sequence());
    }

    @Test
    void publishingFreezesVersionOneWithTheContentHash() {
        Deck deck = deckWithThreeItems();
        DeckEvent.Published published = deck.publish(NOW);
        assertEquals(1, published.snapshot().version());
        assertEquals(3, published.snapshot().items().size());
        assertEquals(NOW, published.snapshot().publishedAt());
        assertEquals(71, published.snapshot().contentHash().length());
        deck.apply(published);
        assertEquals(1, deck.latestVersion());
        assertEquals(5, deck.sequence());
    }

    @Test
    void publishingTheSameContentAgainGivesTheSameHashUnderTheNextVersion() {
        Deck deck = deckWithThreeItems();
        DeckEvent.Published first = deck.publish(NOW);
        deck.apply(first);
        DeckEvent.Published second = deck.publish(NOW.plusSeconds(60));
        assertEquals(2, second.snapshot().version());
        assertEquals(first.snapshot().contentHash(), second.snapshot().contentHash());
    }

    @Test
    void anyChangeOfContentChangesTheHash() {
        Deck deck = deckWithThreeItems();
        String before = deck.publish(NOW).snapshot().contentHash();
        deck.apply(deck.reviseItem(CARD, Item.flashcard(null, Level.BEGINNER, "What do fixed seeds give?",
                "Repeatable randomness!")));
        assertNotEquals(before, deck.publish(NOW).snapshot().contentHash());
    }

    @Test
    void publishingAnInvalidDeckListsEveryProblemWithItsItem() {
        Deck deck = given(Deck.create(DECK, "Pipelines", null, List.of()));
        deck.apply(deck.addItem(MCQ, mcq(List.of(new Option(null, "Docker", false, null, null)))));
        List<String> concepts = new ArrayList<>(List.of("environment", " "));
        deck.apply(deck.addItem(EXPLAIN, explain(concepts)));
        deck.apply(deck.addItem(CARD, Item.flashcard(null, Level.BEGINNER, "Front only", null)));
        DeckRuleViolation e = assertThrows(DeckRuleViolation.class, () -> deck.publish(NOW));
        assertEquals("the deck cannot be published: 4 problems", e.getMessage());
        assertEquals(List.of(
                new Problem(MCQ, "options", "a multiple-choice item needs at least 2 options, it has 1"),
                new Problem(MCQ, "options", "no option is marked correct; mark at least one"),
                new Problem(EXPLAIN, "concepts[1]", "concept 2 has no name; name it or remove it"),
                new Problem(CARD, "back", "back is required for a FLASHCARD item")), e.problems());
    }

    @Test
    void anEmptyDeckCannotBePublished() {
        Deck deck = given(Deck.create(DECK, "Pipelines", null, List.of()));
        DeckRuleViolation e = assertThrows(DeckRuleViolation.class, () -> deck.publish(NOW));
        assertEquals(List.of(new Problem(null, "items", "a deck needs at least one item to be published")),
                e.problems());
    }

    @Test
    void aSingleAnswerQuestionWithTwoCorrectOptionsIsRejected() {
        Deck deck = given(Deck.create(DECK, "Pipelines", null, List.of()));
        deck.apply(deck.addItem(MCQ, mcq(List.of(new Option(null, "Docker", true, null, null),
                new Option(null, "Podman", true, null, null)))));
        DeckRuleViolation e = assertThrows(DeckRuleViolation.class, () -> deck.publish(NOW));
        assertEquals(List.of(new Problem(MCQ, "options", "2 options are marked correct but the item is single-answer; "
                + "mark one, or set multipleAnswers to true")), e.problems());
    }

    @Test
    void revisingOrRemovingAnUnknownItemIsRefused() {
        Deck deck = deckWithThreeItems();
        UUID unknown = UUID.fromString("00000000-0000-4000-8000-0000000000ff");
        assertThrows(Deck.NoSuchItem.class, () -> deck.removeItem(unknown));
        assertThrows(Deck.NoSuchItem.class, () -> deck.reviseItem(unknown, card()));
    }

    @Test
    void removingAnItemTakesItOutOfTheNextVersion() {
        Deck deck = deckWithThreeItems();
        deck.apply(deck.removeItem(MCQ));
        assertEquals(List.of(CARD, EXPLAIN), deck.publish(NOW).snapshot().items().stream().map(Item::id).toList());
    }

    @Test
    void anImportedDeckIsItsCreationFollowedByOneItemAddedPerItem() {
        List<UUID> ids = new ArrayList<>(List.of(CARD, MCQ));
        List<DeckEvent> events = Deck.createWithItems(Deck.create(DECK, "Imported", null, List.of()),
                List.of(card(), mcq(List.of())), () -> ids.remove(0));
        assertEquals(List.of(DeckEvent.Created.class, DeckEvent.ItemAdded.class, DeckEvent.ItemAdded.class),
                events.stream().map(Object::getClass).toList());
        Deck deck = Deck.replay(events);
        assertEquals(List.of(CARD, MCQ), deck.items().stream().map(Item::id).toList());
        assertEquals(3, deck.sequence());
        assertEquals(DECK, events.get(2).deckId());
    }

    @Test
    void anItemWithoutKindOrLevelIsRefusedAtOnce() {
        Deck deck = given(Deck.create(DECK, "Pipelines", null, List.of()));
        Item bare = Item.builder(null).front("f").back("b").build();
        DeckRuleViolation e = assertThrows(DeckRuleViolation.class, () -> deck.addItem(CARD, bare));
        assertEquals(List.of("kind", "level"), e.problems().stream().map(Problem::field).toList());
    }
}
