package dev.recall.quiz.grading;

/** An answer that cannot be graded as given; the message says what to send instead. */
public class InvalidAnswer extends RuntimeException {
    public InvalidAnswer(String message) {
        super(message);
    }
}
