package dev.workersim.core.config;

import java.util.Collection;

/**
 * The known name a misspelt one most likely meant ("mian" -> "main"), for "did you mean" hints.
 * Distance is the optimal-string-alignment edit distance (an insertion, deletion, substitution or
 * swap of two neighbours each counts one), so a swapped pair of letters is one typo, not two.
 */
final class ClosestName {
    private ClosestName() {
    }

    /** The closest of {@code known} to {@code name}, or null when none is close enough to be a typo of it. */
    static String of(String name, Collection<String> known) {
        int allowed = Math.max(1, Math.min(3, name.length() / 4)); // short names: one typo; long ones: up to three
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(name.toLowerCase(), k.toLowerCase());
            if (d <= allowed && (d < bestDistance || (d == bestDistance && k.compareTo(best) < 0))) {
                best = k;
                bestDistance = d;
            }
        }
        return best;
    }

    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
