package dev.recall.progress.scheduling;

/** How well a learner recalled an item: FSRS's four grades, 1 to 4. */
public enum Rating {
    AGAIN(1), HARD(2), GOOD(3), EASY(4);

    private final int grade;

    Rating(int grade) {
        this.grade = grade;
    }

    /** FSRS's numeric grade: AGAIN 1, HARD 2, GOOD 3, EASY 4. */
    public int grade() {
        return grade;
    }
}
