package dev.workersim.core.assets;

import java.util.List;

/**
 * An answer of the assets: status, headers and body (null for none).
 *
 * @param streamed sent without Content-Length, as workerd sends HTML and HEAD answers
 */
public record AssetResponse(int status, List<String[]> headers, byte[] body, boolean streamed) {

    static AssetResponse empty(int status) {
        return new AssetResponse(status, List.of(), null, false);
    }

    static AssetResponse redirect(String location) {
        return new AssetResponse(307, List.<String[]>of(new String[] {"location", location}), null, false);
    }
}
