package dev.recall.kit.http;

import dev.recall.contracts.Json;
import dev.recall.kit.problem.Problem;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses a request whose declared body is larger than {@code recall.http.max-body-bytes} with a
 * 413 problem document, before the body is read. (Quarkus's own limit, kept higher as a backstop
 * for bodies without Content-Length, answers 413 without a body.)
 */
@ApplicationScoped
public class BodyLimit {
    @ConfigProperty(name = "recall.http.max-body-bytes", defaultValue = "1048576")
    long maxBodyBytes;

    void install(@Observes Router router) {
        router.route().order(-1000).handler(context -> {
            String declared = context.request().getHeader("Content-Length");
            if (declared != null && isOver(declared)) {
                Problem problem = new Problem("about:blank", "Content too large", 413, "the request body has "
                        + declared + " bytes; this service accepts at most " + maxBodyBytes, null);
                context.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE)
                        .putHeader("Connection", "close").end(Json.write(problem));
                return;
            }
            context.next();
        });
    }

    private boolean isOver(String declared) {
        try {
            return Long.parseLong(declared.trim()) > maxBodyBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
