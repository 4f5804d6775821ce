package dev.recall.deck.rest;

import dev.recall.deck.authoring.Deck;
import dev.recall.deck.authoring.DeckEvent;
import dev.recall.deck.importing.ImportFormat;
import dev.recall.deck.importing.ImportIssue;
import dev.recall.deck.importing.ImportRejected;
import dev.recall.deck.importing.ImportedDeck;
import dev.recall.deck.store.DeckStore;
import dev.recall.kit.problem.Problem;
import dev.recall.kit.problem.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Creates a deck from a file an author already has: a Recall page, a GIFT bank, an Anki or Quizlet export. */
@Path("/decks/imports")
@Produces(MediaType.APPLICATION_JSON)
public class ImportResource {
    @Inject
    DeckStore store;

    /** What an import created, and what the author should look at. */
    public record Imported(UUID deckId, String title, int itemCount, List<ImportIssue> warnings) {
    }

    @POST
    @Consumes({MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM, "text/*"})
    @Operation(summary = "Create a deck from a file (UTF-8): recall, gift or tsv; a broken file gets 422 with "
            + "every problem's line and column and creates nothing")
    public Response importDeck(
            @Parameter(description = "recall (a Recall & Review page), gift (Moodle GIFT) or tsv (Anki/Quizlet)")
            @QueryParam("format") String formatName,
            @Parameter(description = "the deck's title; by default the file's ($CATEGORY, #deck:)")
            @QueryParam("title") String title,
            byte[] body) {
        ImportFormat format = ImportFormat.named(formatName);
        if (format == null) {
            throw ProblemException.badRequest("format must be one of " + ImportFormat.names() + (formatName == null
                    ? "; add ?format=…" : "; got '" + formatName + "'"));
        }
        ImportedDeck imported = format.read(utf8(body == null ? new byte[0] : body, format));
        List<ImportIssue> warnings = new ArrayList<>(imported.warnings());
        String deckTitle = title != null && !title.isBlank() ? title : imported.title();
        if (deckTitle == null) {
            deckTitle = format.defaultTitle();
            warnings.add(0, ImportIssue.ofFile("the file names no title: the deck is titled '" + deckTitle
                    + "'; pass ?title= to choose one"));
        }
        UUID deckId = UUID.randomUUID();
        List<DeckEvent> events = Deck.createWithItems(Deck.create(deckId, deckTitle, null, List.of()),
                imported.items(), UUID::randomUUID);
        Deck deck = store.create(events, Instant.now());
        return Response.created(URI.create("/decks/" + deckId)).tag(new EntityTag(Long.toString(deck.sequence())))
                .entity(new Imported(deckId, deck.title(), deck.items().size(), warnings)).build();
    }

    @ServerExceptionMapper
    public Response rejected(ImportRejected e) {
        return new Problem("about:blank", "Unprocessable content", 422, e.getMessage(), e.errors()).toResponse();
    }

    /** The body as UTF-8, or a 422 naming the line and column of the first byte that is not. */
    private static String utf8(byte[] body, ImportFormat format) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate(body.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            out.flip();
            String before = out.toString();
            int line = 1 + (int) before.chars().filter(c -> c == '\n').count();
            int column = before.length() - before.lastIndexOf('\n');
            throw new ImportRejected("the " + format.wireName() + " file cannot be imported: it is not UTF-8 text; "
                    + "nothing was created", List.of(ImportIssue.at(line, column, "the byte at offset "
                    + in.position() + " is not UTF-8; save the file as UTF-8 and import it again")));
        }
        decoder.flush(out);
        out.flip();
        return out.toString();
    }
}
