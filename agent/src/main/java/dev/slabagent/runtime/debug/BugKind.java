package dev.slabagent.runtime.debug;

/** The kinds of bug slab debugging reports, each with its own slabinfo column. */
enum BugKind {
    /** An object released while already free in its cache. */
    DOUBLE_FREE("double free"),
    /** A field read or write, or a method call, on an object free in its cache. */
    USE_AFTER_FREE("use after free"),
    /** An object handed out and collected by the GC without being released. */
    LEAK("leak");

    private final String label;

    BugKind(String label) {
        this.label = label;
    }

    /** How reports name the kind. */
    String label() {
        return label;
    }
}
