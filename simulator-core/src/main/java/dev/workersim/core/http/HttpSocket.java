package dev.workersim.core.http;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.DefaultByteBufferPool;
import io.undertow.server.HttpHandler;
import io.undertow.server.protocol.http.HttpOpenListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.TimeUnit;
import org.xnio.ChannelListener;
import org.xnio.IoUtils;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.StreamConnection;
import org.xnio.Xnio;
import org.xnio.XnioWorker;
import org.xnio.channels.AcceptingChannel;
import org.xnio.channels.StreamSinkChannel;
import org.xnio.conduits.AbstractStreamSourceConduit;
import org.xnio.conduits.ConduitReadableByteChannel;
import org.xnio.conduits.Conduits;
import org.xnio.conduits.StreamSinkConduit;
import org.xnio.conduits.StreamSourceConduit;

/**
 * The dev server's listening socket: XNIO accepts, a {@link RequestHeadCheck} reads each
 * connection's bytes before Undertow's HTTP/1.1 parser does, and Undertow takes the requests from
 * there. Built by hand with Undertow.builder()'s defaults (threads, buffers, socket options),
 * because the builder has no way to put anything under its parser.
 *
 * <p>Slow clients, as workerd (measured under wrangler dev 4.168): a request head must arrive whole
 * within {@value #HEAD_TIMEOUT_MS} ms of its first byte, or the connection closes without an answer
 * (a slowloris client holds a connection no longer than that); a connection with no request in
 * flight (new, or kept alive after a response) closes after {@value #IDLE_TIMEOUT_MS} ms.
 */
final class HttpSocket implements AutoCloseable {
    static final int HEAD_TIMEOUT_MS = 15_000;
    static final int IDLE_TIMEOUT_MS = 15_000;

    private final XnioWorker worker;
    private final AcceptingChannel<StreamConnection> server;
    private final DefaultByteBufferPool buffers;

    /**
     * Listens on {@code ip:port}; {@code serverOptions} are Undertow's (UndertowOptions), on top of
     * the timeouts and limits above.
     */
    HttpSocket(String ip, int port, OptionMap serverOptions, HttpHandler handler) {
        int ioThreads = Math.max(Runtime.getRuntime().availableProcessors(), 2);
        XnioWorker started = null;
        try {
            started = Xnio.getInstance(Undertow.class.getClassLoader()).createWorker(OptionMap.builder()
                    .set(Options.WORKER_IO_THREADS, ioThreads)
                    .set(Options.CONNECTION_HIGH_WATER, 1_000_000)
                    .set(Options.CONNECTION_LOW_WATER, 1_000_000)
                    .set(Options.WORKER_TASK_CORE_THREADS, ioThreads * 8)
                    .set(Options.WORKER_TASK_MAX_THREADS, ioThreads * 8)
                    .set(Options.TCP_NODELAY, true)
                    .set(Options.CORK, true)
                    .getMap());
            worker = started;
            buffers = new DefaultByteBufferPool(true, 16 * 1024 - 20, -1, 4);
            HttpOpenListener http = new HttpOpenListener(buffers, OptionMap.builder()
                    .set(UndertowOptions.BUFFER_PIPELINED_DATA, true)
                    .set(UndertowOptions.NO_REQUEST_TIMEOUT, IDLE_TIMEOUT_MS)
                    .set(UndertowOptions.REQUEST_PARSE_TIMEOUT, HEAD_TIMEOUT_MS)
                    // ours answers 431 first; Undertow's own limit (a bare 400) stays behind it
                    .set(UndertowOptions.MAX_HEADER_SIZE, 2 * RequestHeadCheck.MAX_HEAD)
                    .addAll(serverOptions)
                    .getMap());
            http.setRootHandler(handler);
            ChannelListener<AcceptingChannel<StreamConnection>> accept = channel -> {
                StreamConnection c;
                try {
                    while ((c = channel.accept()) != null) {
                        c.getSourceChannel().setConduit(new Checked(c));
                        http.handleEvent(c);
                    }
                } catch (IOException e) {
                    // a connection that failed while being accepted: nothing to answer
                }
            };
            server = worker.createStreamConnectionServer(new InetSocketAddress(InetAddress.getByName(ip), port), accept,
                    OptionMap.builder()
                            .set(Options.WORKER_IO_THREADS, ioThreads)
                            .set(Options.TCP_NODELAY, true)
                            .set(Options.REUSE_ADDRESSES, true)
                            .set(Options.BALANCING_TOKENS, 1)
                            .set(Options.BALANCING_CONNECTIONS, 2)
                            .set(Options.BACKLOG, 1000)
                            .getMap());
            server.resumeAccepts();
        } catch (IOException e) {
            // a failed bind must not leave XNIO's threads behind: a test JVM goes on, sim dev exits
            if (started != null) started.shutdownNow();
            if (e instanceof BindException) throw new PortInUseException(ip, port, e);
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return ((InetSocketAddress) server.getLocalAddress()).getPort();
    }

    @Override
    public void close() {
        IoUtils.safeClose(server);
        worker.shutdown();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        worker.shutdownNow();
        buffers.close();
    }

    /**
     * The connection's bytes on their way to Undertow, through the {@link RequestHeadCheck}. A
     * refused head is answered here, on the socket itself, and the connection closed; Undertow sees
     * the end of the stream.
     */
    private static final class Checked extends AbstractStreamSourceConduit<StreamSourceConduit> {
        private final RequestHeadCheck check = new RequestHeadCheck();
        private final StreamConnection connection;
        private final StreamSinkConduit socketOut; // the socket's own sink, under Undertow's
        private boolean refused;

        Checked(StreamConnection connection) {
            super(connection.getSourceChannel().getConduit());
            this.connection = connection;
            this.socketOut = connection.getSinkChannel().getConduit();
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            int start = dst.position();
            int n = next.read(dst);
            if (n <= 0) return n;
            if (!refused) {
                RequestHeadCheck.Refusal r = check.scan(dst, start, dst.position());
                if (r == null) return n;
                refuse(r);
            }
            dst.position(start); // after a refusal, what arrives is read and dropped until the close
            return 0;
        }

        @Override
        public long read(ByteBuffer[] dsts, int offs, int len) throws IOException {
            for (int i = offs; i < offs + len; i++) {
                if (dsts[i].hasRemaining()) return read(dsts[i]);
            }
            return 0;
        }

        @Override
        public long transferTo(long position, long count, FileChannel target) throws IOException {
            return target.transferFrom(new ConduitReadableByteChannel(this), position, count);
        }

        @Override
        public long transferTo(long count, ByteBuffer throughBuffer, StreamSinkChannel target) throws IOException {
            return Conduits.transfer(this, count, throughBuffer, target);
        }

        /** Writes the refusal (a few hundred bytes: the socket takes them at once) and closes. */
        private void refuse(RequestHeadCheck.Refusal r) {
            refused = true;
            try {
                ByteBuffer out = ByteBuffer.wrap(r.response());
                for (int tries = 0; out.hasRemaining() && tries < 3; tries++) socketOut.write(out);
                socketOut.terminateWrites();
                socketOut.flush();
            } catch (IOException e) {
                // the client went away: nothing more to say
            }
            // Close a moment later: closing with the client's unread bytes still arriving (a long
            // URL) would reset the connection and could lose the answer on the client's side.
            connection.getIoThread().executeAfter(() -> IoUtils.safeClose(connection), 1, TimeUnit.SECONDS);
        }
    }
}
