package dev.swaprace.mm;

import dev.swaprace.race.RacePoint;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The checker's instruments. Not kernel state: the modelled paths only write here and never
 * read it back, so it cannot change their behaviour and needs no race points.
 */
public final class Trace {
    /** Kernel-detected bugs ("swap_free: Unused swap offset entry", put of a freed page ...). */
    final Queue<String> violations = new ConcurrentLinkedQueue<>();
    /** Per slot: why the last {@code free_swap_and_cache} could not free the cached page. */
    final AtomicReferenceArray<String> strandWindow;
    /**
     * Swapin error returns that deleted the swap-cache page while {@code i_pages} still held
     * {@code SWAP(E)} ({@code failed:} confirmed it): the next access must read again (§5.11).
     */
    final AtomicInteger rereads = new AtomicInteger();
    /** Swap read IOs issued ({@code swap_readpage}). */
    final AtomicInteger readIos = new AtomicInteger();
    /** V57-style charges reserved by try_charge and not yet committed or cancelled. */
    final AtomicLong reservations = new AtomicLong();
    final AtomicInteger pageIds = new AtomicInteger();
    final Queue<Page> pages = new ConcurrentLinkedQueue<>();

    /** Where a driver (the explorer) takes step results for its witness timelines; null otherwise. */
    private StepListener stepListener;

    Trace(int nrSlots) {
        this.strandWindow = new AtomicReferenceArray<>(nrSlots);
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

    void violation(String code) {
        violations.add(code);
    }

    public Iterable<String> violations() {
        return violations;
    }

    public String strandWindow(int slot) {
        return strandWindow.get(slot);
    }

    public int rereads() {
        return rereads.get();
    }

    public int readIos() {
        return readIos.get();
    }

    public long reservations() {
        return reservations.get();
    }

    /** Every page ever allocated, in allocation order. */
    public Iterable<Page> pages() {
        return pages;
    }
}
