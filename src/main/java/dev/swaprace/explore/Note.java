package dev.swaprace.explore;

import dev.swaprace.race.RacePoint;

/**
 * What a step returned, reported by the model or by a choice ("-EEXIST", "memcg charge fails"),
 * attached to the actor's last executed event ({@code afterEvent}, -1 before its first).
 */
record Note(int actor, RacePoint at, String text, int afterEvent) {
}
