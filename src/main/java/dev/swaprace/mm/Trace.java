package dev.swaprace.mm;

import dev.swaprace.race.Atomics;
import dev.swaprace.race.RacePoint;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The checker's instruments. Not kernel state: the modelled paths only write here and never
 * read it back, so it cannot change their behaviour and needs no race points.
 *
 * <p>Cheap when nobody listens: counters are fields updated through VarHandles, lists are
 * lock-free stacks that allocate only when something is added, and step reports build no
 * string unless a listener is installed. A jcstress sample pays for none of it.
 */
public final class Trace {
    private static final VarHandle REREADS = field("rereads", int.class);
    private static final VarHandle FAILED_CHARGES = field("failedCharges", int.class);
    private static final VarHandle FAILED_READS = field("failedReads", int.class);
    private static final VarHandle READ_IOS = field("readIos", int.class);
    private static final VarHandle RESERVATIONS = field("reservations", long.class);
    private static final VarHandle PAGE_IDS = field("pageIds", int.class);
    private static final VarHandle NEWEST_PAGE = field("newestPage", Page.class);
    private static final VarHandle VIOLATIONS = field("newestViolation", Recorded.class);
    private static final VarHandle STRAND_WINDOW = MethodHandles.arrayElementVarHandle(String[].class);

    /** What the paths detected ({@link Violation}), newest first. */
    private volatile Recorded newestViolation;
    /** Per slot: why the last {@code free_swap_and_cache} could not free the cached page. */
    private final String[] strandWindow;
    /**
     * Swapin error returns that deleted the swap-cache page while {@code i_pages} still held
     * {@code SWAP(E)} ({@code failed:} confirmed it): the next access must read again (§5.11).
     */
    private volatile int rereads;
    /** Page charges that returned -ENOMEM: without one, no reader may see -ENOMEM. */
    private volatile int failedCharges;
    /** Swap reads that ended in an IO error: without one, no reader may see -EIO. */
    private volatile int failedReads;
    /** Swap read IOs issued ({@code swap_readpage}). */
    private volatile int readIos;
    /** V57-style charges reserved by try_charge and not yet committed or cancelled. */
    private volatile long reservations;
    private volatile int pageIds;
    /** Every page ever allocated, newest first, linked through {@link Page#older}. */
    private volatile Page newestPage;

    /** Where a driver (the explorer) takes step results for its witness timelines; null otherwise. */
    private StepListener stepListener;

    Trace(int nrSlots) {
        this.strandWindow = new String[nrSlots];
    }

    private static VarHandle field(String name, Class<?> type) {
        return Atomics.field(MethodHandles.lookup(), name, type);
    }

    /**
     * One recorded violation; {@code detail} names it more closely where the enum cannot (the
     * exception a crashed actor threw), else null.
     */
    public record Recorded(Violation violation, String detail, Recorded older) {
        /** The name the outcome carries after {@code @}. */
        public String name() {
            return detail == null ? violation.name() : violation.name() + "." + detail;
        }
    }

    /** Receives {@link #step} reports, on the thread of the actor that made them. */
    public interface StepListener {
        void step(RacePoint at, String result);
    }

    /** Install before the actors start (thread start, or the explorer's handoff, publishes it). */
    public void listen(StepListener listener) {
        this.stepListener = listener;
    }

    /** What step {@code at} returned, in kernel terms ("-EEXIST", "trylock_page fails: page locked by IO"). */
    void step(RacePoint at, String result) {
        StepListener l = stepListener;
        if (l != null) {
            l.step(at, result);
        }
    }

    /** As {@link #step(RacePoint, String)} with {@code head + detail + tail}, concatenated only for a listener. */
    void step(RacePoint at, String head, Object detail, String tail) {
        StepListener l = stepListener;
        if (l != null) {
            l.step(at, head + detail + tail);
        }
    }

    void violation(Violation v) {
        violation(v, null);
    }

    /** Record {@code v}; lock-free, so any actor (or the checker's drain) may call it. */
    public void violation(Violation v, String detail) {
        Recorded older;
        do {
            older = newestViolation;
        } while (!VIOLATIONS.compareAndSet(this, older, new Recorded(v, detail, older)));
    }

    /** The first violation recorded, or null: the one the checker reports. */
    public Recorded firstViolation() {
        Recorded v = newestViolation;
        if (v == null) {
            return null;
        }
        while (v.older != null) {
            v = v.older;
        }
        return v;
    }

    /** Every violation's name, in the order recorded. */
    public List<String> violations() {
        List<String> all = new ArrayList<>();
        for (Recorded v = newestViolation; v != null; v = v.older) {
            all.add(v.name());
        }
        Collections.reverse(all);
        return all;
    }

    void strand(int slot, String window) {
        STRAND_WINDOW.setVolatile(strandWindow, slot, window);
    }

    public String strandWindow(int slot) {
        return (String) STRAND_WINDOW.getVolatile(strandWindow, slot);
    }

    void reread() {
        REREADS.getAndAdd(this, 1);
    }

    public int rereads() {
        return rereads;
    }

    void failedCharge() {
        FAILED_CHARGES.getAndAdd(this, 1);
    }

    public int failedCharges() {
        return failedCharges;
    }

    void failedRead() {
        FAILED_READS.getAndAdd(this, 1);
    }

    public int failedReads() {
        return failedReads;
    }

    void readIo() {
        READ_IOS.getAndAdd(this, 1);
    }

    public int readIos() {
        return readIos;
    }

    void reservation(long delta) {
        RESERVATIONS.getAndAdd(this, delta);
    }

    public long reservations() {
        return reservations;
    }

    /** The next page id (ids start at 1). */
    int nextPageId() {
        return (int) PAGE_IDS.getAndAdd(this, 1) + 1;
    }

    /** Record a new page as the newest allocated. */
    void allocated(Page page) {
        Page older;
        do {
            older = newestPage;
            page.older = older;
        } while (!NEWEST_PAGE.compareAndSet(this, older, page));
    }

    /** The newest page allocated; {@link Page#older()} leads to the others, newest first. */
    public Page newestPage() {
        return newestPage;
    }

    /** Every page ever allocated, in allocation order. */
    public List<Page> pages() {
        List<Page> all = new ArrayList<>();
        for (Page p = newestPage; p != null; p = p.older) {
            all.add(p);
        }
        Collections.reverse(all);
        return all;
    }

    /**
     * Become a copy of {@code t} (a quiescent template with no violations), pages mapped to
     * this machine's pages by {@code pages}. Single-threaded, before the actors start.
     */
    void restore(Trace t, Page[] pages) {
        if (t.newestViolation != null) {
            throw new IllegalStateException("template with violations: " + t.violations());
        }
        VIOLATIONS.set(this, null);
        for (int o = 0; o < strandWindow.length; o++) {
            strandWindow[o] = t.strandWindow[o];
        }
        REREADS.set(this, t.rereads);
        FAILED_CHARGES.set(this, t.failedCharges);
        FAILED_READS.set(this, t.failedReads);
        READ_IOS.set(this, t.readIos);
        RESERVATIONS.set(this, t.reservations);
        PAGE_IDS.set(this, t.pageIds);
        Page newest = null;
        for (Page tp = t.newestPage; tp != null; tp = tp.older) {
            Page p = pages[tp.id];
            if (newest == null) {
                newest = p;
            }
            p.older = tp.older == null ? null : pages[tp.older.id];
        }
        NEWEST_PAGE.set(this, newest);
        stepListener = null;
    }
}
