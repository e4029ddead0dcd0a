package dev.workersim.core.http;

/**
 * The front door could not listen because something else holds the address. The message is wrangler
 * dev's, so a user sees the same advice from either tool.
 */
public final class PortInUseException extends RuntimeException {
    public PortInUseException(String ip, int port, Throwable cause) {
        super("Address already in use (" + ip + ":" + port + "). Please check that you are not already running"
                + " a server on this address or specify a different port with --port.", cause);
    }
}
