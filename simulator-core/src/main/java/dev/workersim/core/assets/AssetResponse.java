package dev.workersim.core.assets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * An answer of the assets: status, headers and the file whose bytes are the body (null for none).
 * The file is read by {@link #body()}, off the thread that routed the request.
 *
 * @param streamed sent without Content-Length, as workerd sends HTML and HEAD answers
 */
public record AssetResponse(int status, List<String[]> headers, Path file, boolean streamed) {

    static AssetResponse empty(int status) {
        return new AssetResponse(status, List.of(), null, false);
    }

    static AssetResponse redirect(String location) {
        return new AssetResponse(307, List.<String[]>of(new String[] {"location", location}), null, false);
    }

    /** The body's bytes, or null for none. */
    public byte[] body() throws IOException {
        return file == null ? null : Files.readAllBytes(file);
    }
}
