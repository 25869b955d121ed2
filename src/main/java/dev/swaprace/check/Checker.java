package dev.swaprace.check;

import dev.swaprace.mm.Errno;
import dev.swaprace.mm.Mm;
import dev.swaprace.mm.Page;
import dev.swaprace.mm.ReadResult;
import dev.swaprace.mm.Shmem;
import dev.swaprace.mm.SwapEntry;
import dev.swaprace.mm.SwapInfo;
import dev.swaprace.mm.Trace;
import dev.swaprace.mm.Violation;

import java.util.List;

/**
 * Grades a finished run (docs/design.md §2): check the quiescent invariants of docs/kernel-model.md §5,
 * classify the end state, drain (reclaim to a fixpoint) and check again. The outcome is
 * {@code VERDICT:END[@WINDOW][+EVENT];ACTOR=RESULT...}: see {@link Code}. Runs on one thread
 * after the actors are joined, so it reads the model's state directly.
 */
public final class Checker {
    private Checker() {
    }

    /** Check, classify and drain; {@code mm} is drained afterwards. */
    public static Outcome check(Mm mm, Expectations exp, List<ActorResult> results) {
        return check(mm, exp, results.toArray(new ActorResult[0])).outcome();
    }

    /**
     * As {@link #check(Mm, Expectations, List)}, for {@code results} in actor order with null for
     * an actor that reports nothing. The outcome comes interned: a jcstress sample allocates
     * nothing here once its outcome has been seen.
     */
    public static Outcomes.Interned check(Mm mm, Expectations exp, ActorResult[] results) {
        return check(mm, exp, results, null);
    }

    /**
     * As {@link #check(Mm, Expectations, ActorResult[])}, looking the outcome up in {@code memo}
     * first (the memo of the run being graded, or null): a repeat builds no id.
     */
    public static Outcomes.Interned check(Mm mm, Expectations exp, ActorResult[] results, OutcomeMemo memo) {
        Trace.Recorded v = mm.trace.firstViolation();
        if (v != null) {
            // what a path detected when it happened comes before any state it left behind
            return graded(v, results, exp, memo);
        }
        Code readerBug = null;
        for (ActorResult r : results) {
            if (r != null && r.read() != null && readerBug == null) {
                readerBug = readerBug(r.read(), exp, mm);
            }
        }
        Code bug = readerBug != null ? readerBug : firstBug(mm, exp);
        if (bug != null) {
            return outcome(Verdict.FORBIDDEN, bug, null, null, null, results, exp, memo);
        }
        int stranded = strandedSlot(mm);
        Code endCode = endCode(mm, stranded);
        String window = stranded < 0 ? null : mm.trace.strandWindow(stranded);
        if (stranded >= 0 && window == null) {
            // a leak no window explains: not the known race, whatever it is
            return outcome(Verdict.FORBIDDEN, Code.STRAND_UNATTRIBUTED, null, null, null, results, exp, memo);
        }
        boolean undercount = swapUndercount(mm);
        // the drain only reclaims swap-cache pages: with none, it changes nothing, and the
        // invariants just checked still hold (the common case of a jcstress sample)
        Code after = null;
        if (anyCached(mm)) {
            mm.vmscan.drain();
            Trace.Recorded inDrain = mm.trace.firstViolation();
            if (inDrain != null) {
                return graded(inDrain, results, exp, memo);
            }
            after = firstBug(mm, exp);
            if (after == null && strandedSlot(mm) >= 0) {
                after = Code.LEAK_SURVIVES_RECLAIM;
            }
        }
        if (after != null) {
            String where = after == Code.LEAK_SURVIVES_RECLAIM ? null : "DRAIN";
            return outcome(Verdict.FORBIDDEN, after, where, null, null, results, exp, memo);
        }
        Code reread = mm.trace.rereads() > 0 && endCode != Code.REREAD ? Code.REREAD : null;
        Code swapUndercount = undercount ? Code.SWAP_UNDERCOUNT : null;
        return outcome(endCode.verdict(), endCode, window, reread, swapUndercount, results, exp, memo);
    }

    /**
     * {@code VERDICT:CODE[@WHERE][+EVENT]...[;ACTOR=RESULT]...}, interned; null parts are left out.
     * From {@code memo} when it holds these parts.
     */
    private static Outcomes.Interned outcome(Verdict verdict, Code code, String where, Code event1, Code event2,
                                             ActorResult[] results, Expectations exp, OutcomeMemo memo) {
        if (memo != null) {
            Outcomes.Interned seen = memo.find(verdict, code, where, event1, event2, results);
            if (seen == null) {
                seen = outcome(verdict, code, where, event1, event2, results, exp, null);
                memo.put(verdict, code, where, event1, event2, results, seen);
            }
            return seen;
        }
        StringBuilder id = Outcomes.builder();
        id.append(verdict.name()).append(':');
        int codeStart = id.length();
        id.append(code.name());
        if (where != null) {
            id.append('@').append(where);
        }
        if (event1 != null) {
            id.append('+').append(event1.name());
        }
        if (event2 != null) {
            id.append('+').append(event2.name());
        }
        for (ActorResult r : results) {
            if (r != null) {
                id.append(';').append(r.actor()).append('=');
                if (r.read() == null) {
                    id.append(r.token());
                } else {
                    appendReadToken(id, r.read(), exp);
                }
            }
        }
        return Outcomes.intern(id, codeStart, verdict);
    }

    /** The reader's token: DATA, HOLE, or the error name. */
    static String readToken(ReadResult r, Expectations exp) {
        return switch (r.kind()) {
            case DATA -> r.data() == exp.data() ? "DATA" : "DATA(" + Long.toHexString(r.data()) + ")";
            case HOLE -> "HOLE";
            case ERROR -> r.error() == Shmem.ELIVELOCK ? "LIVELOCK" : Errno.name(r.error());
        };
    }

    /** {@link #readToken} appended to {@code b}, without building a string for the common tokens. */
    private static void appendReadToken(StringBuilder b, ReadResult r, Expectations exp) {
        if (r.kind() == ReadResult.Kind.DATA && r.data() != exp.data()) {
            b.append("DATA(").append(Long.toHexString(r.data())).append(')');
        } else {
            b.append(readToken(r, exp));
        }
    }

    /** Invariant 18 for one completed read. */
    static Code readerBug(ReadResult r, Expectations exp, Mm mm) {
        return switch (r.kind()) {
            case DATA -> r.data() == exp.data() ? null : Code.BUG_DATA;
            case HOLE -> exp.holePossible() ? null : Code.BUG_DATA;
            case ERROR -> switch (r.error()) {
                // an error is the reader's only if this execution made it: a failed charge, a failed read
                case Errno.ENOMEM -> exp.chargeMayFail() && mm.trace.failedCharges() > 0 ? null : Code.BUG_DATA;
                case Errno.EIO -> exp.ioMayFail() && mm.trace.failedReads() > 0 ? null : Code.BUG_DATA;
                case Errno.ENOENT -> Code.BUG_SIGBUS;
                case Shmem.ELIVELOCK -> Code.BUG_LIVELOCK;
                default -> Code.BUG_DATA;
            };
        };
    }

    /** The end state's code; {@code stranded} is {@link #strandedSlot}. */
    private static Code endCode(Mm mm, int stranded) {
        if (stranded >= 0) {
            return Code.STRAND;
        }
        Object entry = mm.inode.iPages.quiescent(0);
        if (entry instanceof Page) {
            return Code.OK_PAGE;
        }
        if (entry == null) {
            return Code.OK_FREED;
        }
        SwapEntry swap = (SwapEntry) entry;
        if (mm.cachedPage(swap.offset()) != null) {
            return Code.OK_CACHED;
        }
        return mm.trace.rereads() > 0 ? Code.REREAD : Code.OK_SWAPPED;
    }

    /** Whether any swap-cache slot holds a page: only then has the drain work. */
    private static boolean anyCached(Mm mm) {
        for (int o = 0; o < mm.swap.nrSlots(); o++) {
            if (mm.cachedPage(o) != null) {
                return true;
            }
        }
        return false;
    }

    /** The first slot whose page is stranded (invariant 9), or -1. */
    static int strandedSlot(Mm mm) {
        for (int o = 0; o < mm.swap.nrSlots(); o++) {
            Page page = mm.cachedPage(o);
            if (page != null && mm.swap.swapMap(o) == SwapInfo.SWAP_HAS_CACHE && page.mapping() == null) {
                return o;
            }
        }
        return -1;
    }

    /** Allocated slots whose data belongs to the memcg (the true owner, not the record). */
    private static long ownedSlots(Mm mm) {
        long owned = 0;
        for (int o = 0; o < mm.swap.nrSlots(); o++) {
            if (mm.swap.owner(o) == mm.memcg) {
                owned++;
            }
        }
        return owned;
    }

    /**
     * The known 5.8 cgroup2 swap undercount (kernel-model §4.2, fixed by cae3af62b33a):
     * {@code memcg.swap} below the slots the memcg owns, in V58B and V58 only. An accounting defect
     * unrelated to the race, reported as an event.
     */
    static boolean swapUndercount(Mm mm) {
        return mm.variant.chargeUnchargesSwap() && mm.memcg.swap.quiescent() < ownedSlots(mm);
    }

    /** The first violation recorded in {@code mm}, graded, or null; no check and no drain. */
    public static Outcome violation(Mm mm, Expectations exp, ActorResult[] results) {
        Trace.Recorded v = mm.trace.firstViolation();
        return v == null ? null : graded(v, results, exp, null).outcome();
    }

    /** {@code FORBIDDEN:<v's kind's code>@<v's name>} with the actors' results. */
    private static Outcomes.Interned graded(Trace.Recorded v, ActorResult[] results, Expectations exp, OutcomeMemo memo) {
        return outcome(Verdict.FORBIDDEN, code(v.violation().kind()), v.name(), null, null, results, exp, memo);
    }

    /** The code a violation of kind {@code k} is graded as. */
    static Code code(Violation.Kind k) {
        return switch (k) {
            case REFCOUNT -> Code.BUG_REFCOUNT;
            case DOUBLE_FREE -> Code.BUG_DOUBLEFREE;
            case BUG_ON -> Code.BUG_ON;
            case LOCKDEP -> Code.BUG_LOCKDEP;
            case POSTCONDITION -> Code.BUG_POSTCONDITION;
            case MODEL -> Code.BUG_MODEL;
        };
    }

    /** The quiescent invariants of kernel-model §5, in a fixed order; the first that fails. */
    static Code firstBug(Mm mm, Expectations exp) {
        int nrIndexes = mm.inode.iPages.size();
        int nrSlots = mm.swap.nrSlots();
        // Pages are listed newest first; each page loop keeps the last failure it meets, which is
        // the oldest page's: the first in allocation order, as the invariants are ordered.

        // inv. 7 and the page lock first: the swapin critical section must have ended
        Code found = null;
        for (Page p = mm.trace.newestPage(); p != null; p = p.older()) {
            if (!p.isFreed() && p.lock.isLocked()) {
                found = Code.BUG_LOCKED;
            } else if (iPagesIndex(mm, p) >= 0 && swapCacheSlot(mm, p) >= 0) {
                found = Code.BUG_BOTH;
            }
        }
        if (found != null) {
            return found;
        }

        // inv. 4, 1, 2: swap slots
        long swapEntries = 0;
        for (int i = 0; i < nrIndexes; i++) {
            if (mm.inode.iPages.quiescent(i) instanceof SwapEntry) {
                swapEntries++;
            }
        }
        for (int o = 0; o < nrSlots; o++) {
            int map = mm.swap.swapMap(o);
            int count = map & ~SwapInfo.SWAP_HAS_CACHE;
            int iPagesRefs = iPagesRefs(mm, o);
            if (iPagesRefs > 0 && count == 0) {
                return Code.BUG_UAF_SLOT;
            }
            if (iPagesRefs > 1 || (count != 0 && count != SwapInfo.SWAP_MAP_SHMEM)
                    || (count == SwapInfo.SWAP_MAP_SHMEM) != (iPagesRefs == 1)) {
                return Code.BUG_SLOT_COUNT;
            }
            if (((map & SwapInfo.SWAP_HAS_CACHE) != 0) != (mm.cachedPage(o) != null)) {
                return Code.BUG_HAS_CACHE;
            }
        }

        // inv. 5, 6, 8, 9: pages
        long charged = 0;
        for (Page p = mm.trace.newestPage(); p != null; p = p.older()) {
            Code bug = pageBug(mm, p);
            if (bug != null) {
                found = bug;
            } else if (!p.isFreed() && p.memcg() == mm.memcg) {
                charged++;
            }
        }
        if (found != null) {
            return found;
        }

        // inv. 13, 14: memcg pages; 15: swap records
        if (mm.trace.reservations() != 0 || mm.memcg.memory.quiescent() != charged) {
            return Code.BUG_CHARGE_LEAK;
        }
        long records = 0;
        for (int o = 0; o < nrSlots; o++) {
            if (mm.swap.swapCgroupRecord(o) == mm.memcg) {
                records++;
            }
        }
        if (mm.memcg.swap.quiescent() != records
                || (records != ownedSlots(mm) && !swapUndercount(mm))) {
            return Code.BUG_SWAP_ACCOUNT;
        }

        // inv. 17
        if (mm.inode.swapped() != swapEntries) {
            return Code.BUG_SWAPPED;
        }

        // inv. 18, 19: the content of index 0
        Object e = mm.inode.iPages.quiescent(0);
        if (e == null) {
            return exp.holePossible() ? null : Code.BUG_DATA;
        }
        long content;
        if (e instanceof Page p) {
            content = p.data();
        } else {
            int o = ((SwapEntry) e).offset();
            Page cached = mm.cachedPage(o);
            content = cached != null && cached.isUptodate() ? cached.data() : mm.swap.slotData(o);
        }
        return content == exp.data() ? null : Code.BUG_DATA;
    }

    /** Inv. 5, 6, 8, 9 for one page: its first failure, or null. */
    private static Code pageBug(Mm mm, Page p) {
        int index = iPagesIndex(mm, p);
        int slot = swapCacheSlot(mm, p);
        boolean inI = index >= 0;
        boolean inS = slot >= 0;
        if (p.isFreed()) {
            return inI || inS || p.refcount.quiescent() != 0 ? Code.BUG_REFCOUNT : null;
        }
        if (p.isSwapCache() != inS || (inS && p.privateEntry().offset() != slot)) {
            return Code.BUG_SWAPCACHE;
        }
        if (inI ? (p.mapping() != mm.inode || p.index() != index) : p.mapping() != null) {
            return Code.BUG_MAPPING;
        }
        if (p.refcount.quiescent() != (inI ? 1 : 0) + (inS ? 1 : 0)) {
            return Code.BUG_REFCOUNT;
        }
        if (inS && !inI && mm.swap.swapMap(slot) == SwapInfo.SWAP_HAS_CACHE && (p.isWriteback() || !p.isLru())) {
            return Code.BUG_STRAND_UNRECLAIMABLE;
        }
        return null;
    }

    /** The last {@code i_pages} index holding {@code p}, or -1. */
    private static int iPagesIndex(Mm mm, Page p) {
        int found = -1;
        for (int i = 0; i < mm.inode.iPages.size(); i++) {
            if (mm.inode.iPages.quiescent(i) == p) {
                found = i;
            }
        }
        return found;
    }

    /** The last swap-cache slot holding {@code p}, or -1. */
    private static int swapCacheSlot(Mm mm, Page p) {
        int found = -1;
        for (int o = 0; o < mm.swap.nrSlots(); o++) {
            if (mm.cachedPage(o) == p) {
                found = o;
            }
        }
        return found;
    }

    /** How many {@code i_pages} entries are {@code SWAP(o)}. */
    private static int iPagesRefs(Mm mm, int o) {
        int refs = 0;
        for (int i = 0; i < mm.inode.iPages.size(); i++) {
            if (mm.inode.iPages.quiescent(i) instanceof SwapEntry s && s.offset() == o) {
                refs++;
            }
        }
        return refs;
    }
}
