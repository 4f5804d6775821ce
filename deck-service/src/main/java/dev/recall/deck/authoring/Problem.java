package dev.recall.deck.authoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.UUID;

/** One thing wrong with a deck: which item (if any), which field, and what to do about it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(UUID itemId, String field, String message) {
}
