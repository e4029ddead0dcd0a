package dev.workersim.core.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * workerd's compatibility flags, as its schema (src/workerd/io/compatibility-date.capnp) declares
 * them: the resource {@code compatibility-flags.tsv} is generated from that file by
 * {@code simulator-core/tools/compatibility_flags.py}, whose docstring says how to refresh it.
 * Reading the real list (not a hand-typed one) is what lets a misspelled flag be refused.
 */
public final class CompatibilityFlags {
    private static final String RESOURCE = "/dev/workersim/core/runtime/compatibility-flags.tsv";

    /**
     * One flag.
     *
     * @param enable the name that turns it on (null when it has none)
     * @param disable the name that turns it off (null when it has none)
     * @param since the compatibility date from which it is on by default; null: opt-in only
     * @param always on for every date ({@code $compatEnableAllDates})
     * @param experimental workerd accepts it only with {@code --experimental} (wrangler dev passes that)
     * @param impliedBy enable names of flags that turn this one on from {@code impliedAfter}
     */
    public record Flag(String enable, String disable, String since, boolean always, boolean experimental,
            List<String> impliedBy, String impliedAfter) {
        /** The name the runtime's JS reads it by ({@code $.compat.<name>}). */
        public String key() {
            return enable != null ? enable : disable;
        }
    }

    private static final CompatibilityFlags INSTANCE = load();

    private final List<Flag> all;
    private final Map<String, Flag> byName;
    private final String asOf;

    private CompatibilityFlags(List<Flag> all, String asOf) {
        this.all = List.copyOf(all);
        this.asOf = asOf;
        this.byName = new HashMap<>();
        for (Flag f : all) {
            if (f.enable != null) byName.put(f.enable, f);
            if (f.disable != null) byName.put(f.disable, f);
        }
    }

    public static CompatibilityFlags get() {
        return INSTANCE;
    }

    public List<Flag> all() {
        return all;
    }

    /** The flag that {@code name} enables or disables, or null when workerd has no such name. */
    public Flag byName(String name) {
        return byName.get(name);
    }

    /** Every enable and disable name, for suggestions. */
    public java.util.Set<String> names() {
        return byName.keySet();
    }

    /** The date of the workerd commit the list was generated from. */
    public String asOf() {
        return asOf;
    }

    private static CompatibilityFlags load() {
        try (InputStream in = CompatibilityFlags.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the build");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<Flag> flags = new ArrayList<>();
            String asOf = null;
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("# as-of: ")) asOf = line.substring("# as-of: ".length()).trim();
                if (line.startsWith("#") || line.isBlank()) continue;
                flags.add(parse(line.split("\t", -1)));
            }
            return new CompatibilityFlags(flags, asOf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // field, enable, disable, date ("all" / "-"), experimental, implied_by (a,b), implied_after
    private static Flag parse(String[] c) {
        if (c.length != 7) throw new IllegalStateException(RESOURCE + ": a line has " + c.length + " columns, 7 expected");
        List<String> impliedBy = c[5].equals("-") ? List.of() : List.of(c[5].split(","));
        return new Flag(orNull(c[1]), orNull(c[2]), c[3].equals("all") ? null : orNull(c[3]), c[3].equals("all"),
                c[4].equals("experimental"), impliedBy, orNull(c[6]));
    }

    private static String orNull(String s) {
        return s.equals("-") ? null : s;
    }
}
