package dev.workersim.bindings.r2;

/**
 * An error the R2 service answers with: its numeric code and text, as workerd shows them after the
 * operation's name ({@code "put: The specified object name is not valid. (10020)"}).
 */
public final class R2Error extends RuntimeException {
    static final int INTERNAL = 10001;
    static final int METADATA_TOO_LARGE = 10012;
    static final int ENTITY_TOO_SMALL = 10011;
    static final int INVALID_OBJECT_NAME = 10020;
    static final int NO_SUCH_UPLOAD = 10024;
    static final int INVALID_PART = 10025;
    static final int BAD_DIGEST = 10037;
    static final int INVALID_RANGE = 10039;
    static final int BAD_UPLOAD = 10048;
    static final int ENTITY_TOO_LARGE = 100100;

    private final int code;

    R2Error(int code, String text) {
        super(text + " (" + code + ")");
        this.code = code;
    }

    public int code() {
        return code;
    }

    static R2Error internal() {
        return new R2Error(INTERNAL, "We encountered an internal error. Please try again.");
    }

    static R2Error noSuchUpload() {
        return new R2Error(NO_SUCH_UPLOAD, "The specified multipart upload does not exist.");
    }

    static R2Error invalidRange() {
        return new R2Error(INVALID_RANGE, "The requested range is not satisfiable");
    }
}
