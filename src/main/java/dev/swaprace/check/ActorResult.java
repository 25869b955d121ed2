package dev.swaprace.check;

import dev.swaprace.mm.ReadResult;

/**
 * What one actor returned. {@code read} is set for readers (swapin actors), whose token the
 * checker derives from it; other actors give their token directly.
 */
public record ActorResult(String actor, String token, ReadResult read) {

    public static ActorResult of(String actor, String token) {
        return new ActorResult(actor, token, null);
    }

    public static ActorResult reader(String actor, ReadResult read) {
        return new ActorResult(actor, null, read);
    }
}
