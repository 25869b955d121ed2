package dev.swaprace.peers;

import java.util.HashMap;
import java.util.Map;

/** {@code key=value} arguments of the benchmark mains, with defaults. */
final class Args {
    private final Map<String, String> values = new HashMap<>();

    Args(String[] args) {
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected key=value, not '" + a + "'");
            }
            values.put(a.substring(0, eq), a.substring(eq + 1));
        }
    }

    String get(String key, String dflt) {
        return values.getOrDefault(key, dflt);
    }

    int getInt(String key, int dflt) {
        return Integer.parseInt(get(key, Integer.toString(dflt)));
    }

    long getLong(String key, long dflt) {
        return Long.parseLong(get(key, Long.toString(dflt)));
    }
}
