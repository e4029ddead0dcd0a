package dev.workersim.core.outbound;

/**
 * A failure an {@link OutboundHandler} wants the worker to see as a specific JS error, e.g.
 * {@code new OutboundError("TypeError", "Fetch API cannot load: ...")}.
 */
public class OutboundError extends RuntimeException {
    private final String jsName;

    public OutboundError(String jsName, String message) {
        super(message);
        this.jsName = jsName;
    }

    /** The JS constructor name: "Error", "TypeError", "RangeError". */
    public String jsName() {
        return jsName;
    }
}
