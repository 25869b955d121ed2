package dev.swaprace.explore;

import dev.swaprace.race.Op;

import java.util.ArrayList;
import java.util.List;

/** One executed step of one execution: what ran, in which order, and what it saw. */
public final class Event {
    final int index;
    final Step step;
    /** The target's value just before the op: what a load, read-modify-write or trylock saw. */
    Object seen;
    /** The actor held a spinlock ({@code xa_lock}, the cluster lock): not a lockless lookup. */
    final boolean underSpinlock;
    /** A critical section run as one step: its accesses are collected as it runs. */
    final boolean section;
    private final List<Access> accesses;
    private Access[] footprint;

    Event(int index, Step step, boolean underSpinlock) {
        this.index = index;
        this.step = step;
        this.seen = observe(step);
        this.underSpinlock = underSpinlock;
        this.section = step.startsSection();
        this.accesses = section ? new ArrayList<>(4) : null;
        this.footprint = section ? null : new Access[] {step.access()};
    }

    /** Look at the target again: an actor started late has just reached this step. */
    void observe() {
        seen = observe(step);
    }

    /** The footprint of a step whose accesses are not its own target's (a retry). */
    void footprint(Access[] fp) {
        footprint = fp;
    }

    /** An access inside this step's critical section. */
    void add(Access a) {
        accesses.add(a);
    }

    /** A checker's read between this step and the actor's next ({@code RaceHook#observe}). */
    void extend(Access a) {
        if (section) {
            accesses.add(a);
            footprint = null;
            return;
        }
        Access[] fp = java.util.Arrays.copyOf(footprint, footprint.length + 1);
        fp[fp.length - 1] = a;
        footprint = fp;
    }

    /** What this step touched: its own access, or everything inside its critical section. */
    Access[] footprint() {
        if (footprint == null) {
            footprint = accesses.toArray(new Access[0]);
        }
        return footprint;
    }

    private static Object observe(Step s) {
        if (s.op == Op.SPIN || s.op == Op.STORE || s.op == Op.UNLOCK) {
            return null;
        }
        return s.target.seenBy(s.op);
    }

    public int actor() {
        return step.actor;
    }

    @Override
    public String toString() {
        return index + " " + step;
    }
}
