package dev.recall.contracts.deck;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.UUID;

/**
 * One item of a deck, of any kind: only the fields of its kind are set.
 * <ul>
 * <li>FLASHCARD: {@code front}, {@code back}.</li>
 * <li>MULTIPLE_CHOICE: {@code stem}, {@code options} (each with GIFT's {@code %weight%} and
 * feedback), {@code explanation}, {@code multipleAnswers}.</li>
 * <li>FREE_RESPONSE (GIFT's essay): {@code prompt}, {@code hint}, {@code concepts}, {@code modelAnswer}.</li>
 * <li>TRUE_FALSE: {@code stem}, {@code answer}, {@code feedbackTrue} / {@code feedbackFalse}
 * (shown when the learner answers true / false), {@code explanation}.</li>
 * <li>SHORT_ANSWER: {@code stem}, {@code acceptedAnswers}, {@code explanation}.</li>
 * <li>NUMERIC: {@code stem}, {@code numericAnswers}, {@code explanation}.</li>
 * <li>MATCHING: {@code stem}, {@code pairs}, {@code explanation}.</li>
 * </ul>
 * For every auto-graded kind {@code stem} is the question and {@code explanation} GIFT's general
 * feedback ({@code ####}), shown when the answer is not correct. Any kind may carry a
 * {@code title} (GIFT's {@code ::title::}), a text {@code format} and an {@code externalId} (the
 * item's id in the system it was imported from, GIFT's {@code [id:…]}).
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
        String modelAnswer,
        String title,
        TextFormat format,
        String externalId,
        Boolean answer,
        String feedbackTrue,
        String feedbackFalse,
        List<AcceptedAnswer> acceptedAnswers,
        List<NumericAnswer> numericAnswers,
        List<MatchPair> pairs) {

    public Item withId(UUID newId) {
        return toBuilder().id(newId).build();
    }

    public Item withOptions(List<Option> newOptions) {
        return toBuilder().options(newOptions).build();
    }

    public boolean allowsMultipleAnswers() {
        return Boolean.TRUE.equals(multipleAnswers);
    }

    public static Item flashcard(UUID id, Level level, String front, String back) {
        return builder(ItemKind.FLASHCARD).id(id).level(level).tags(List.of()).front(front).back(back).build();
    }

    public static Item multipleChoice(UUID id, Level level, String stem, List<Option> options, String explanation) {
        return builder(ItemKind.MULTIPLE_CHOICE).id(id).level(level).tags(List.of()).stem(stem).options(options)
                .explanation(explanation).multipleAnswers(false).build();
    }

    public static Item freeResponse(UUID id, Level level, String prompt, String hint, List<String> concepts,
            String modelAnswer) {
        return builder(ItemKind.FREE_RESPONSE).id(id).level(level).tags(List.of()).prompt(prompt).hint(hint)
                .concepts(concepts).modelAnswer(modelAnswer).build();
    }

    public static Item trueFalse(UUID id, Level level, String stem, boolean answer) {
        return builder(ItemKind.TRUE_FALSE).id(id).level(level).tags(List.of()).stem(stem).answer(answer).build();
    }

    public static Item shortAnswer(UUID id, Level level, String stem, List<AcceptedAnswer> acceptedAnswers) {
        return builder(ItemKind.SHORT_ANSWER).id(id).level(level).tags(List.of()).stem(stem)
                .acceptedAnswers(acceptedAnswers).build();
    }

    public static Item numeric(UUID id, Level level, String stem, List<NumericAnswer> numericAnswers) {
        return builder(ItemKind.NUMERIC).id(id).level(level).tags(List.of()).stem(stem)
                .numericAnswers(numericAnswers).build();
    }

    public static Item matching(UUID id, Level level, String stem, List<MatchPair> pairs) {
        return builder(ItemKind.MATCHING).id(id).level(level).tags(List.of()).stem(stem).pairs(pairs).build();
    }

    public static Builder builder(ItemKind kind) {
        return new Builder().kind(kind);
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.id = id;
        b.kind = kind;
        b.level = level;
        b.tags = tags;
        b.front = front;
        b.back = back;
        b.stem = stem;
        b.options = options;
        b.explanation = explanation;
        b.multipleAnswers = multipleAnswers;
        b.prompt = prompt;
        b.hint = hint;
        b.concepts = concepts;
        b.modelAnswer = modelAnswer;
        b.title = title;
        b.format = format;
        b.externalId = externalId;
        b.answer = answer;
        b.feedbackTrue = feedbackTrue;
        b.feedbackFalse = feedbackFalse;
        b.acceptedAnswers = acceptedAnswers;
        b.numericAnswers = numericAnswers;
        b.pairs = pairs;
        return b;
    }

    /** Names every field, so that code building items of many kinds (importers, tests) stays readable. */
    public static final class Builder {
        private UUID id;
        private ItemKind kind;
        private Level level;
        private List<String> tags;
        private String front;
        private String back;
        private String stem;
        private List<Option> options;
        private String explanation;
        private Boolean multipleAnswers;
        private String prompt;
        private String hint;
        private List<String> concepts;
        private String modelAnswer;
        private String title;
        private TextFormat format;
        private String externalId;
        private Boolean answer;
        private String feedbackTrue;
        private String feedbackFalse;
        private List<AcceptedAnswer> acceptedAnswers;
        private List<NumericAnswer> numericAnswers;
        private List<MatchPair> pairs;

        private Builder() {
        }

        public Builder id(UUID value) {
            id = value;
            return this;
        }

        public Builder kind(ItemKind value) {
            kind = value;
            return this;
        }

        public Builder level(Level value) {
            level = value;
            return this;
        }

        public Builder tags(List<String> value) {
            tags = value;
            return this;
        }

        public Builder front(String value) {
            front = value;
            return this;
        }

        public Builder back(String value) {
            back = value;
            return this;
        }

        public Builder stem(String value) {
            stem = value;
            return this;
        }

        public Builder options(List<Option> value) {
            options = value;
            return this;
        }

        public Builder explanation(String value) {
            explanation = value;
            return this;
        }

        public Builder multipleAnswers(Boolean value) {
            multipleAnswers = value;
            return this;
        }

        public Builder prompt(String value) {
            prompt = value;
            return this;
        }

        public Builder hint(String value) {
            hint = value;
            return this;
        }

        public Builder concepts(List<String> value) {
            concepts = value;
            return this;
        }

        public Builder modelAnswer(String value) {
            modelAnswer = value;
            return this;
        }

        public Builder title(String value) {
            title = value;
            return this;
        }

        public Builder format(TextFormat value) {
            format = value;
            return this;
        }

        public Builder externalId(String value) {
            externalId = value;
            return this;
        }

        public Builder answer(Boolean value) {
            answer = value;
            return this;
        }

        public Builder feedbackTrue(String value) {
            feedbackTrue = value;
            return this;
        }

        public Builder feedbackFalse(String value) {
            feedbackFalse = value;
            return this;
        }

        public Builder acceptedAnswers(List<AcceptedAnswer> value) {
            acceptedAnswers = value;
            return this;
        }

        public Builder numericAnswers(List<NumericAnswer> value) {
            numericAnswers = value;
            return this;
        }

        public Builder pairs(List<MatchPair> value) {
            pairs = value;
            return this;
        }

        public Item build() {
            return new Item(id, kind, level, tags, front, back, stem, options, explanation, multipleAnswers, prompt,
                    hint, concepts, modelAnswer, title, format, externalId, answer, feedbackTrue, feedbackFalse,
                    acceptedAnswers, numericAnswers, pairs);
        }
    }
}
