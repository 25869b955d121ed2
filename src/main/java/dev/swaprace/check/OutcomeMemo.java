package dev.swaprace.check;

import dev.swaprace.mm.ReadResult;

import java.util.Objects;

/**
 * The last few outcomes one run was graded with, by their parts: a jcstress sample mostly repeats
 * an outcome its machine has seen, and comparing a dozen fields costs far less than building the
 * id and hashing it ({@link Outcomes#intern}). A miss just builds the id. Used by one thread at a
 * time: whoever grades the run.
 */
public final class OutcomeMemo {
    private static final int SIZE = 8;

    private final Entry[] entries;
    private int next;

    /** A memo for a run of {@code actors} actors: every outcome it holds has that many results. */
    public OutcomeMemo(int actors) {
        entries = new Entry[SIZE];
        for (int i = 0; i < SIZE; i++) {
            entries[i] = new Entry(actors);
        }
    }

    /** The outcome remembered for these parts, or null. */
    Outcomes.Interned find(Verdict verdict, Code code, String where, Code event1, Code event2, ActorResult[] results) {
        for (Entry e : entries) {
            if (e.value != null && e.matches(verdict, code, where, event1, event2, results)) {
                return e.value;
            }
        }
        return null;
    }

    /** Remember {@code value} for these parts, over the oldest entry. */
    void put(Verdict verdict, Code code, String where, Code event1, Code event2, ActorResult[] results,
             Outcomes.Interned value) {
        Entry e = entries[next];
        next = (next + 1) % SIZE;
        e.set(verdict, code, where, event1, event2, results, value);
    }

    /** One outcome by its parts; an actor's result by its fields (readers' results are fresh objects). */
    private static final class Entry {
        Verdict verdict;
        Code code;
        String where;
        Code event1;
        Code event2;
        final String[] actor;
        final String[] token;
        final ReadResult.Kind[] kind;
        final long[] data;
        final int[] error;
        Outcomes.Interned value;

        Entry(int actors) {
            actor = new String[actors];
            token = new String[actors];
            kind = new ReadResult.Kind[actors];
            data = new long[actors];
            error = new int[actors];
        }

        boolean matches(Verdict v, Code c, String w, Code e1, Code e2, ActorResult[] results) {
            if (v != verdict || c != code || e1 != event1 || e2 != event2 || !Objects.equals(w, where)) {
                return false;
            }
            for (int i = 0; i < results.length; i++) {
                ActorResult r = results[i];
                if (r == null) {
                    if (actor[i] != null) {
                        return false;
                    }
                    continue;
                }
                ReadResult read = r.read();
                if (!r.actor().equals(actor[i]) || !Objects.equals(r.token(), token[i])
                        || (read == null ? kind[i] != null
                        : read.kind() != kind[i] || read.data() != data[i] || read.error() != error[i])) {
                    return false;
                }
            }
            return true;
        }

        void set(Verdict v, Code c, String w, Code e1, Code e2, ActorResult[] results, Outcomes.Interned interned) {
            verdict = v;
            code = c;
            where = w;
            event1 = e1;
            event2 = e2;
            for (int i = 0; i < results.length; i++) {
                ActorResult r = results[i];
                ReadResult read = r == null ? null : r.read();
                actor[i] = r == null ? null : r.actor();
                token[i] = r == null ? null : r.token();
                kind[i] = read == null ? null : read.kind();
                data[i] = read == null ? 0 : read.data();
                error[i] = read == null ? 0 : read.error();
            }
            value = interned;
        }
    }
}
