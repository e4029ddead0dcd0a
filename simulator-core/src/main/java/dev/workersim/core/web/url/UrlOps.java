package dev.workersim.core.web.url;

import java.util.EnumSet;
import java.util.Set;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.shadowed.com.ibm.icu.text.IDNA;

/**
 * IDNA for {@code web/url/url.js}: UTS #46 ToASCII for domains that are not plain ASCII (the JS keeps
 * ASCII domains on its own fast path). It uses the ICU4J that GraalJS already ships, shaded as
 * {@code org.graalvm.shadowed.icu4j}, so there is no extra dependency.
 */
public final class UrlOps {
    /**
     * The URL Standard's "domain to ASCII" flags: Transitional_Processing=false, CheckBidi=true,
     * CheckJoiners=true, UseSTD3ASCIIRules=false. CheckHyphens and VerifyDnsLength are false,
     * which ICU cannot switch off, so the matching errors are ignored below instead.
     */
    private static final IDNA UTS46 =
            IDNA.getUTS46Instance(IDNA.NONTRANSITIONAL_TO_ASCII | IDNA.CHECK_BIDI | IDNA.CHECK_CONTEXTJ);

    /** Errors that only CheckHyphens or VerifyDnsLength would report (empty labels are a length check). */
    private static final Set<IDNA.Error> IGNORED = EnumSet.of(
            IDNA.Error.LEADING_HYPHEN, IDNA.Error.TRAILING_HYPHEN, IDNA.Error.HYPHEN_3_4,
            IDNA.Error.EMPTY_LABEL, IDNA.Error.LABEL_TOO_LONG, IDNA.Error.DOMAIN_NAME_TOO_LONG);

    public UrlOps() {
    }

    /** UTS #46 ToASCII of {@code domain}, or null when it fails. Thread-safe (ICU's IDNA is immutable). */
    @HostAccess.Export
    public String toAscii(String domain) {
        IDNA.Info info = new IDNA.Info();
        StringBuilder out = UTS46.nameToASCII(domain, new StringBuilder(domain.length() + 16), info);
        for (IDNA.Error error : info.getErrors()) {
            if (!IGNORED.contains(error)) return null;
        }
        return out.toString();
    }
}
