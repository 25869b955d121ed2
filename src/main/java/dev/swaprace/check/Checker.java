package dev.swaprace.check;

import dev.swaprace.mm.Errno;
import dev.swaprace.mm.Mm;
import dev.swaprace.mm.Page;
import dev.swaprace.mm.ReadResult;
import dev.swaprace.mm.Shmem;
import dev.swaprace.mm.SwapEntry;
import dev.swaprace.mm.SwapInfo;

import java.util.Arrays;
import java.util.List;

/**
 * Grades a finished run (DESIGN.md §2): check the quiescent invariants of kernel-model.md §5,
 * classify the end state, drain (reclaim to a fixpoint) and check again. The outcome is
 * {@code VERDICT:END[@WINDOW][+EVENT];ACTOR=RESULT...}: see {@link Code}. Runs on one thread
 * after the actors are joined, so it reads the model's state directly.
 */
public final class Checker {
    private Checker() {
    }

    /** Check, classify and drain; {@code mm} is drained afterwards. */
    public static Outcome check(Mm mm, Expectations exp, List<ActorResult> results) {
        StringBuilder actors = new StringBuilder();
        Code readerBug = null;
        for (ActorResult r : results) {
            String token = r.read() == null ? r.token() : readToken(r.read(), exp);
            if (r.read() != null && readerBug == null) {
                readerBug = readerBug(r.read(), exp);
            }
            actors.append(';').append(r.actor()).append('=').append(token);
        }
        Code bug = readerBug != null ? readerBug : firstBug(mm, exp);
        if (bug != null) {
            return new Outcome(Verdict.FORBIDDEN, bug.name() + actors);
        }
        String end = classify(mm);
        boolean undercount = swapUndercount(mm);
        mm.vmscan.drain();
        Code after = firstBug(mm, exp);
        if (after == null && strandedSlot(mm) >= 0) {
            after = Code.LEAK_SURVIVES_RECLAIM;
        }
        if (after != null) {
            String where = after == Code.LEAK_SURVIVES_RECLAIM ? "" : "@DRAIN";
            return new Outcome(Verdict.FORBIDDEN, after.name() + where + actors);
        }
        Code endCode = Code.valueOf(end.contains("@") ? end.substring(0, end.indexOf('@')) : end);
        if (mm.trace.rereads() > 0 && endCode != Code.REREAD) {
            end += "+" + Code.REREAD.name();
        }
        if (undercount) {
            end += "+" + Code.SWAP_UNDERCOUNT.name();
        }
        return new Outcome(endCode.verdict(), end + actors);
    }

    /** The reader's token: DATA, HOLE, or the error name. */
    static String readToken(ReadResult r, Expectations exp) {
        return switch (r.kind()) {
            case DATA -> r.data() == exp.data() ? "DATA" : "DATA(" + Long.toHexString(r.data()) + ")";
            case HOLE -> "HOLE";
            case ERROR -> r.error() == Shmem.ELIVELOCK ? "LIVELOCK" : Errno.name(r.error());
        };
    }

    /** Invariant 18 for one completed read. */
    static Code readerBug(ReadResult r, Expectations exp) {
        return switch (r.kind()) {
            case DATA -> r.data() == exp.data() ? null : Code.BUG_DATA;
            case HOLE -> exp.holePossible() ? null : Code.BUG_DATA;
            case ERROR -> switch (r.error()) {
                case Errno.ENOMEM -> exp.chargeMayFail() ? null : Code.BUG_DATA;
                case Errno.EIO -> exp.ioMayFail() ? null : Code.BUG_DATA;
                case Errno.ENOENT -> Code.BUG_SIGBUS;
                case Shmem.ELIVELOCK -> Code.BUG_LIVELOCK;
                default -> Code.BUG_DATA;
            };
        };
    }

    /**
     * The end state: {@code STRAND@window} if a page is stranded, else what index 0 holds.
     */
    static String classify(Mm mm) {
        int stranded = strandedSlot(mm);
        if (stranded >= 0) {
            String window = mm.trace.strandWindow(stranded);
            return Code.STRAND.name() + "@" + (window == null ? "UNKNOWN" : window);
        }
        Object entry = mm.inode.iPages.quiescent(0);
        if (entry instanceof Page) {
            return Code.OK_PAGE.name();
        }
        if (entry == null) {
            return Code.OK_FREED.name();
        }
        SwapEntry swap = (SwapEntry) entry;
        if (mm.cachedPage(swap.offset()) != null) {
            return Code.OK_CACHED.name();
        }
        return mm.trace.rereads() > 0 ? Code.REREAD.name() : Code.OK_SWAPPED.name();
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
     * {@code memcg.swap} below the slots the memcg owns, in V58 only. An accounting defect
     * unrelated to the race, reported as an event.
     */
    static boolean swapUndercount(Mm mm) {
        return mm.variant == dev.swaprace.mm.Variant.V58 && mm.memcg.swap.quiescent() < ownedSlots(mm);
    }

    /** The quiescent invariants of kernel-model §5, in a fixed order; the first that fails. */
    static Code firstBug(Mm mm, Expectations exp) {
        for (String v : mm.trace.violations()) {
            return v.equals("BUG_DOUBLEFREE") ? Code.BUG_DOUBLEFREE
                    : v.equals("BUG_FREE_IN_USE") || v.equals("BUG_PAGE_REFCOUNT") || v.equals("BUG_GET_FREED_PAGE")
                    ? Code.BUG_REFCOUNT : Code.BUG_MODEL;
        }
        int nrIndexes = mm.inode.iPages.size();
        int nrSlots = mm.swap.nrSlots();

        // who references what: per page id, its i_pages index and its swap-cache slot, or -1
        int maxId = 0;
        for (Page p : mm.trace.pages()) {
            maxId = Math.max(maxId, p.id());
        }
        int[] iPagesIndex = new int[maxId + 1];
        int[] swapCacheSlot = new int[maxId + 1];
        Arrays.fill(iPagesIndex, -1);
        Arrays.fill(swapCacheSlot, -1);
        int[] iPagesRefs = new int[nrSlots];
        long swapEntries = 0;
        for (int i = 0; i < nrIndexes; i++) {
            Object e = mm.inode.iPages.quiescent(i);
            if (e instanceof SwapEntry s) {
                iPagesRefs[s.offset()]++;
                swapEntries++;
            } else if (e instanceof Page p) {
                iPagesIndex[p.id()] = i;
            }
        }
        for (int o = 0; o < nrSlots; o++) {
            Page p = mm.cachedPage(o);
            if (p != null) {
                swapCacheSlot[p.id()] = o;
            }
        }

        // inv. 7 and the page lock first: the swapin critical section must have ended
        for (Page p : mm.trace.pages()) {
            if (!p.isFreed() && p.lock.isLocked()) {
                return Code.BUG_LOCKED;
            }
            if (iPagesIndex[p.id()] >= 0 && swapCacheSlot[p.id()] >= 0) {
                return Code.BUG_BOTH;
            }
        }

        // inv. 4, 1, 2: swap slots
        for (int o = 0; o < nrSlots; o++) {
            int map = mm.swap.swapMap(o);
            int count = map & ~SwapInfo.SWAP_HAS_CACHE;
            if (iPagesRefs[o] > 0 && count == 0) {
                return Code.BUG_UAF_SLOT;
            }
            if (iPagesRefs[o] > 1 || (count != 0 && count != SwapInfo.SWAP_MAP_SHMEM)
                    || (count == SwapInfo.SWAP_MAP_SHMEM) != (iPagesRefs[o] == 1)) {
                return Code.BUG_SLOT_COUNT;
            }
            if (((map & SwapInfo.SWAP_HAS_CACHE) != 0) != (mm.cachedPage(o) != null)) {
                return Code.BUG_HAS_CACHE;
            }
        }

        // inv. 5, 6, 8, 9: pages
        long charged = 0;
        for (Page p : mm.trace.pages()) {
            boolean inI = iPagesIndex[p.id()] >= 0;
            boolean inS = swapCacheSlot[p.id()] >= 0;
            if (p.isFreed()) {
                if (inI || inS || p.refcount.quiescent() != 0) {
                    return Code.BUG_REFCOUNT;
                }
                continue;
            }
            if (p.isSwapCache() != inS || (inS && p.privateEntry().offset() != swapCacheSlot[p.id()])) {
                return Code.BUG_SWAPCACHE;
            }
            if (inI ? (p.mapping() != mm.inode || p.index() != iPagesIndex[p.id()]) : p.mapping() != null) {
                return Code.BUG_MAPPING;
            }
            if (p.refcount.quiescent() != (inI ? 1 : 0) + (inS ? 1 : 0)) {
                return Code.BUG_REFCOUNT;
            }
            if (inS && !inI && mm.swap.swapMap(swapCacheSlot[p.id()]) == SwapInfo.SWAP_HAS_CACHE
                    && (p.isWriteback() || !p.isLru())) {
                return Code.BUG_STRAND_UNRECLAIMABLE;
            }
            if (p.memcg() == mm.memcg) {
                charged++;
            }
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
}
