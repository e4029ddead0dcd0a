package dev.workersim.core.runtime;

/**
 * An error a worker raised, as the developer should see it: the JS error name, its message and the
 * stack with file:line:column frames.
 */
public record WorkerError(String name, String message, String stack) {
    public String headline() {
        return (name == null || name.isEmpty() ? "Error" : name) + ": " + message;
    }

    /** The stack if JS gave one (it starts with the headline), else just the headline. */
    public String describe() {
        return stack == null || stack.isBlank() ? headline() : stack;
    }
}
