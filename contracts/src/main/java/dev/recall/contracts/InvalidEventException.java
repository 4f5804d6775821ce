package dev.recall.contracts;

/** An event that cannot be read or does not satisfy its schema: it belongs on the dead-letter topic. */
public class InvalidEventException extends RuntimeException {
    public InvalidEventException(String reason) {
        super(reason);
    }
}
