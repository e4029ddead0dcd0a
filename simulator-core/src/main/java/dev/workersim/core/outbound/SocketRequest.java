package dev.workersim.core.outbound;

/**
 * A TCP connection a worker asks for with {@code connect()} from {@code cloudflare:sockets} (see
 * {@link OutboundHandler#connect}): the host and port as the worker gave them, and whether TLS
 * starts at once ({@code secureTransport: "on"}).
 */
public record SocketRequest(String hostname, int port, boolean tls) {
    /** {@code host:port}, as workerd names the address (IPv6 literals keep their brackets). */
    public String address() {
        return hostname + ":" + port;
    }
}
