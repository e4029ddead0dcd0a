package dev.workersim.core.runtime;

/**
 * The {@code request.cf} object of a local request: plausible values of the shape the edge fills
 * in (there is no real client location locally), so code that reads country or colo runs.
 */
public final class LocalCf {
    private LocalCf() {
    }

    public static String json(String httpProtocol) {
        return "{\"asn\":395747,\"asOrganization\":\"Cloudflare Local\",\"clientAcceptEncoding\":\"gzip, deflate, br\","
                + "\"clientTcpRtt\":0,\"colo\":\"LCL\",\"continent\":\"NA\",\"country\":\"US\",\"city\":\"Austin\","
                + "\"edgeRequestKeepAliveStatus\":1,\"httpProtocol\":\"" + httpProtocol + "\",\"latitude\":\"30.27130\","
                + "\"longitude\":\"-97.74260\",\"metroCode\":\"635\",\"postalCode\":\"78701\",\"region\":\"Texas\","
                + "\"regionCode\":\"TX\",\"requestPriority\":\"\",\"timezone\":\"America/Chicago\",\"tlsCipher\":\"\","
                + "\"tlsVersion\":\"\",\"verifiedBotCategory\":\"\"}";
    }

    public static final String HTTP11 = json("HTTP/1.1");
}
