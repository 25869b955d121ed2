package dev.swaprace.mm;

import dev.swaprace.race.RacePoint;

/**
 * The nondeterminism the scenario decides, not the scheduler: kernel-model §6 "nondeterministic
 * choices". JCStress tests fix them per test; the explorer branches on them.
 */
public interface Choices {

    /** Whether the memcg charge at {@code at} (S.8, S.9, R.e, MC.charge) succeeds, limit permitting. */
    boolean chargeSucceeds(RacePoint at);

    /**
     * Whether a charge can fail at all for this scenario's caller and memcg configuration, so that
     * the explorer may branch on it. A tmpfs {@code read()} charges with the mapping's
     * {@code GFP_HIGHUSER_MOVABLE}, and on cgroup2 {@code try_charge} then reclaims, OOM-kills and
     * retries, or forces: it never returns -ENOMEM (5.7.14 mm/memcontrol.c:2518-2569). Only the
     * charge-failure scenarios (cgroup1 with {@code oom_kill_disable}, docs/kernel-model.md §3.11)
     * answer yes. Yes whenever {@link #chargeSucceeds} may say no: the checker's expectations ask
     * only this.
     */
    default boolean chargeCanFail() {
        return false;
    }

    /** Whether the swap read IO completes without error ({@code end_swap_bio_read}). */
    boolean readIoSucceeds(RacePoint at);

    /**
     * Whether {@code swapin_nr_pages()} gives a one-page window, so that
     * {@code swap_cluster_readahead} skips its loop and reads the target alone (5.7.14
     * mm/swap_state.c:555-557; {@code __swapin_nr_pages} returns 1 with no readahead hits and a
     * non-sequential offset). False: the loop reads the whole cluster, the target slot included,
     * drops its reference to each page, and only then looks the target up again (576-596). The
     * scenarios fix true; the explorer branches on it with every choice.
     */
    default boolean swapinSkipsReadahead(RacePoint at) {
        return true;
    }

    /**
     * Whether a swap write completes without error ({@code end_swap_bio_write}, 5.7.14
     * mm/page_io.c:53-69). Asked by actors only: the checker's drain always writes.
     */
    default boolean writeIoSucceeds(RacePoint at) {
        return true;
    }

    Choices ALL_OK = fixed(true, true);

    /** Every answer ok, on a configuration where a charge can fail (at the memcg limit, or by the explorer's choice). */
    Choices CHARGE_CAN_FAIL = fixed(true, true, true, true);

    static Choices fixed(boolean charge, boolean readIo) {
        return fixed(charge, readIo, true);
    }

    /** A charge that fails by default can fail ({@link #chargeCanFail()}). */
    static Choices fixed(boolean charge, boolean readIo, boolean writeIo) {
        return fixed(charge, readIo, writeIo, !charge);
    }

    static Choices fixed(boolean charge, boolean readIo, boolean writeIo, boolean chargeCanFail) {
        return new Choices() {
            @Override
            public boolean chargeSucceeds(RacePoint at) {
                return charge;
            }

            @Override
            public boolean chargeCanFail() {
                return chargeCanFail;
            }

            @Override
            public boolean readIoSucceeds(RacePoint at) {
                return readIo;
            }

            @Override
            public boolean writeIoSucceeds(RacePoint at) {
                return writeIo;
            }

            @Override
            public String toString() {
                return "charge=" + (charge ? "ok" : "fails") + ",readIo=" + (readIo ? "ok" : "error")
                        + (writeIo ? "" : ",writeIo=error");
            }
        };
    }
}
