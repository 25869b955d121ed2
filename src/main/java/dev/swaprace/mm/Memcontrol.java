package dev.swaprace.mm;

import dev.swaprace.race.RacePoint;

/**
 * mm/memcontrol.c: the V57 two-phase API ({@code mem_cgroup_try_charge},
 * {@code mem_cgroup_commit_charge}, {@code mem_cgroup_cancel_charge}) and the 5.8 one-phase
 * {@code mem_cgroup_charge}, with the early bail-out for already-charged swap-cache pages and
 * the uncharge at free. Kernel-model §3.11.
 */
public final class Memcontrol {
    /** What {@code mem_cgroup_try_charge} hands back in {@code *memcgp}. */
    public enum Reservation { NONE, RESERVED, FAILED }

    private final Mm mm;

    Memcontrol(Mm mm) {
        this.mm = mm;
    }

    /**
     * {@code mem_cgroup_try_charge}: with the page locked. A swap-cache page that already has
     * {@code mem_cgroup} set returns success with a NULL memcg ({@link Reservation#NONE}), so
     * commit and cancel are no-ops.
     */
    Reservation tryCharge(RacePoint at, Page page) {
        if (page.swapCache() && page.pageMemcg() != null) {
            return Reservation.NONE;
        }
        if (!mm.memcg.tryCharge(at, mm.choices())) {
            mm.trace.failedCharge();
            return Reservation.FAILED;
        }
        mm.trace.reservation(1);
        return Reservation.RESERVED;
    }

    /** {@code mem_cgroup_commit_charge}: the reservation becomes {@code page->mem_cgroup}. */
    void commitCharge(RacePoint at, Page page, Reservation r) {
        if (r == Reservation.RESERVED) {
            if (page.pageMemcg() != null) {
                mm.trace.violation(Violation.COMMIT_CHARGE_CHARGED);
            }
            page.setMemcg(mm.memcg);
            mm.trace.reservation(-1);
        }
    }

    /** {@code mem_cgroup_cancel_charge}: give the reserved page back. */
    void cancelCharge(RacePoint at, Reservation r) {
        if (r == Reservation.RESERVED) {
            mm.memcg.uncharge(at);
            mm.trace.reservation(-1);
        }
    }

    /**
     * 5.8 {@code mem_cgroup_charge(page, mm, gfp)}: try_charge and commit in one step. The memcg
     * is the one the swap-cache page's {@code swap_cgroup} record names, else the mm's, else
     * (R.e passes no mm) the root. For a swap-cache page it then calls
     * {@code mem_cgroup_uncharge_swap} unconditionally (the cgroup2 undercount of kernel-model
     * §4.2, V58B and V58: {@link Variant#chargeUnchargesSwap}). Returns 0 or -ENOMEM.
     *
     * @param withMm whether the caller passes the faulting task's mm ({@code charge_mm})
     */
    int charge(RacePoint at, Page page, boolean withMm) {
        if (page.pageMemcg() != null) {
            return 0;
        }
        MemCgroup memcg = page.swapCache() ? mm.swap.swapCgroup(at, page.entry()) : null;
        if (memcg == null) {
            memcg = withMm ? mm.memcg : mm.rootMemcg;
        }
        if (!memcg.tryCharge(at, mm.choices())) {
            mm.trace.failedCharge();
            return Errno.ENOMEM;
        }
        page.setMemcg(memcg);
        if (page.swapCache() && mm.variant.chargeUnchargesSwap()) {
            mm.swap.unchargeSwap(at, page.entry());
        }
        return 0;
    }

    /**
     * Another task of the same memcg allocates a page and frees it again (MC): the charge is
     * held briefly, so a swapin charge in between can fail at the limit.
     */
    public boolean chargeAndRelease() {
        if (!mm.memcg.tryCharge(RacePoint.MC_CHARGE, Choices.ALL_OK)) {
            return false;
        }
        mm.memcg.uncharge(RacePoint.MC_UNCHARGE);
        return true;
    }

    /** {@code mem_cgroup_uncharge}: at page free; a no-op for an uncharged page. */
    void uncharge(RacePoint at, Page page) {
        if (page.refcount.observed() != 0) {
            mm.trace.violation(Violation.UNCHARGE_PAGE_IN_USE);
        }
        if (page.pageMemcg() != null) {
            page.pageMemcg().uncharge(at);
            page.setMemcg(null);
        }
    }
}
