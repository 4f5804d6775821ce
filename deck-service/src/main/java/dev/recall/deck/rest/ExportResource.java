package dev.recall.deck.rest;

import dev.recall.contracts.deck.DeckPublished;
import dev.recall.contracts.deck.Item;
import dev.recall.contracts.deck.ItemKind;
import dev.recall.deck.authoring.Deck;
import dev.recall.deck.importing.GiftWriter;
import dev.recall.deck.importing.TsvWriter;
import dev.recall.deck.store.DeckStore;
import dev.recall.kit.problem.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** A deck as a file: GIFT for Moodle and for every kind, TSV for Anki and Quizlet (flashcards), JSON as the API shows it. */
@Path("/decks/{deckId}/export")
public class ExportResource {
    static final String GIFT_TYPE = "text/plain;charset=UTF-8";
    static final String TSV_TYPE = "text/tab-separated-values;charset=UTF-8";
    /** How many items a TSV export left out because they are not flashcards. */
    static final String LEFT_OUT = "Recall-Items-Left-Out";

    @Inject
    DeckStore store;

    @GET
    @Produces({GIFT_TYPE, TSV_TYPE, MediaType.APPLICATION_JSON})
    @Operation(summary = "Export the draft, or a published version, as gift, tsv (flashcards only) or json")
    public Response export(@PathParam("deckId") UUID deckId,
            @Parameter(description = "gift, tsv or json") @QueryParam("format") String format,
            @Parameter(description = "a published version instead of the draft") @QueryParam("version")
            Integer version) {
        String name = format == null ? "" : format.strip().toLowerCase(Locale.ROOT);
        if (!List.of("gift", "tsv", "json").contains(name)) {
            throw ProblemException.badRequest("format must be one of gift, tsv, json" + (format == null
                    ? "; add ?format=…" : "; got '" + format + "'"));
        }
        String title;
        List<Item> items;
        Object json;
        if (version == null) {
            Deck deck = store.find(deckId).orElseThrow(() -> ProblemException.notFound("there is no deck " + deckId));
            title = deck.title();
            items = deck.items();
            json = DeckResource.DeckView.of(deck);
        } else {
            DeckPublished published = store.version(deckId, version).orElseThrow(() -> ProblemException.notFound(
                    "deck " + deckId + " has no published version " + version));
            title = published.title();
            items = published.items();
            json = published;
        }
        String file = slug(title) + (version == null ? "" : "-v" + version);
        switch (name) {
            case "gift":
                return Response.ok(GiftWriter.write(title, items), GIFT_TYPE)
                        .header("Content-Disposition", "attachment; filename=\"" + file + ".gift\"").build();
            case "tsv":
                long leftOut = items.stream().filter(item -> item.kind() != ItemKind.FLASHCARD).count();
                return Response.ok(TsvWriter.write(title, items), TSV_TYPE).header(LEFT_OUT, leftOut)
                        .header("Content-Disposition", "attachment; filename=\"" + file + ".tsv\"").build();
            default:
                return Response.ok(json, MediaType.APPLICATION_JSON).build();
        }
    }

    /** A file name from a title: lower-case letters, digits and dashes. */
    static String slug(String title) {
        String slug = title == null ? "" : title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-+|-+$)", "");
        return slug.isEmpty() ? "deck" : slug;
    }
}
