package dev.recall.contracts.deck;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.UUID;

/**
 * One item of a deck, of any kind: only the fields of its kind are set. FLASHCARD uses
 * front/back; MULTIPLE_CHOICE stem/options/explanation/multipleAnswers; FREE_RESPONSE
 * prompt/hint/concepts/modelAnswer.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Item(
        UUID id,
        ItemKind kind,
        Level level,
        List<String> tags,
        String front,
        String back,
        String stem,
        List<Option> options,
        String explanation,
        Boolean multipleAnswers,
        String prompt,
        String hint,
        List<String> concepts,
        String modelAnswer) {

    public Item withId(UUID newId) {
        return new Item(newId, kind, level, tags, front, back, stem, options, explanation, multipleAnswers, prompt,
                hint, concepts, modelAnswer);
    }

    public Item withOptions(List<Option> newOptions) {
        return new Item(id, kind, level, tags, front, back, stem, newOptions, explanation, multipleAnswers, prompt,
                hint, concepts, modelAnswer);
    }

    public boolean allowsMultipleAnswers() {
        return Boolean.TRUE.equals(multipleAnswers);
    }

    public static Item flashcard(UUID id, Level level, String front, String back) {
        return new Item(id, ItemKind.FLASHCARD, level, List.of(), front, back, null, null, null, null, null, null, null,
                null);
    }

    public static Item multipleChoice(UUID id, Level level, String stem, List<Option> options, String explanation) {
        return new Item(id, ItemKind.MULTIPLE_CHOICE, level, List.of(), null, null, stem, options, explanation, false,
                null, null, null, null);
    }

    public static Item freeResponse(UUID id, Level level, String prompt, String hint, List<String> concepts,
            String modelAnswer) {
        return new Item(id, ItemKind.FREE_RESPONSE, level, List.of(), null, null, null, null, null, null, prompt, hint,
                concepts, modelAnswer);
    }
}
