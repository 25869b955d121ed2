package dev.swaprace.mm;

import dev.swaprace.race.RacePoint;

/**
 * The nondeterminism the scenario decides, not the scheduler: kernel-model §6 "nondeterministic
 * choices". JCStress tests fix them per test; the explorer branches on them.
 */
public interface Choices {

    /** Whether the memcg charge at {@code at} (S.8, S.9, R.e, MC.charge) succeeds, limit permitting. */
    boolean chargeSucceeds(RacePoint at);

    /** Whether the swap read IO completes without error ({@code end_swap_bio_read}). */
    boolean readIoSucceeds(RacePoint at);

    Choices ALL_OK = fixed(true, true);

    static Choices fixed(boolean charge, boolean readIo) {
        return new Choices() {
            @Override
            public boolean chargeSucceeds(RacePoint at) {
                return charge;
            }

            @Override
            public boolean readIoSucceeds(RacePoint at) {
                return readIo;
            }

            @Override
            public String toString() {
                return "charge=" + (charge ? "ok" : "fails") + ",readIo=" + (readIo ? "ok" : "error");
            }
        };
    }
}
