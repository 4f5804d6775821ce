package dev.recall.contracts.deck;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One answer of a NUMERIC item, as in GIFT: either {@code value} with an optional
 * {@code tolerance} ({@code #3.14:0.01}, accepted within value ± tolerance), or a closed range
 * {@code min..max} ({@code #1..5}). {@code weight} is the credit in percent (100 when absent).
 * An answer with neither a value nor a range is GIFT's {@code ~#feedback}: the feedback for any
 * other answer, worth nothing.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NumericAnswer(Double value, Double tolerance, Double min, Double max, Double weight, String feedback) {
    public static NumericAnswer exactly(double value, double tolerance) {
        return new NumericAnswer(value, tolerance, null, null, null, null);
    }

    public static NumericAnswer range(double min, double max) {
        return new NumericAnswer(null, null, min, max, null, null);
    }

    @JsonIgnore
    public boolean isRange() {
        return value == null && (min != null || max != null);
    }

    /** GIFT's {@code ~#feedback}: matches any number no other answer matched. */
    @JsonIgnore
    public boolean isOtherwise() {
        return value == null && min == null && max == null;
    }

    public double creditPercent() {
        return weight == null ? (isOtherwise() ? 0.0 : 100.0) : weight;
    }
}
