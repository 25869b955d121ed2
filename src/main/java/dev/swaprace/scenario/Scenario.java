package dev.swaprace.scenario;

import dev.swaprace.check.Expectations;
import dev.swaprace.mm.Choices;
import dev.swaprace.mm.Mm;
import dev.swaprace.mm.Mutant;
import dev.swaprace.mm.Variant;
import dev.swaprace.race.RaceHook;
import dev.swaprace.race.RacePoint;

import java.io.PrintStream;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The scenarios: an initial state, the actors, and the fixed choices. One definition serves
 * the JCStress suite, the explorer and the hunt. {@link #rows()} names the kernel-model §4.1
 * rows a scenario exercises.
 *
 * <p>The reader is a {@code read()} of the tmpfs file ({@code SGP_READ}; a hole reads as zeros).
 * Its charges use the mapping's {@code GFP_HIGHUSER_MOVABLE}, for which {@code try_charge} on
 * cgroup2 reclaims, OOM-kills and retries or forces rather than fail (5.7.14
 * mm/memcontrol.c:2518-2569): the plain scenarios never fail a charge. A failing charge stands
 * for cgroup1 with {@code memory.oom_control} {@code oom_kill_disable = 1}: outside a user fault
 * {@code mem_cgroup_oom} returns {@code OOM_SKIPPED} (1805-1807) and {@code try_charge} returns
 * -ENOMEM (2564), which {@code read()} returns with the same SGP_READ semantics. (The other real
 * case, a {@code __GFP_NORETRY} caller such as {@code shmem_read_mapping_page_gfp} in i915, reads
 * with SGP_CACHE and would allocate a zeroed page at a hole: not modelled.)
 */
public enum Scenario {
    SWAPIN_ALONE("SwapinAlone", "swapin alone", Initial.SWAPPED_OUT, Choices.ALL_OK,
            "L1", Actor.S),
    SWAPIN_CHARGE_FAILS("SwapinChargeFails", "swapin, memcg charge fails (cgroup1 oom_kill_disable), no punch",
            Initial.SWAPPED_OUT, Choices.fixed(false, true), "L9", Actor.S),
    SWAPIN_VS_PUNCH("SwapinVsPunch", "swapin vs punch", Initial.SWAPPED_OUT, Choices.ALL_OK,
            "L2 L3 L5 L7 L10", Actor.S, Actor.P),
    SWAPIN_VS_PUNCH_CHARGE_FAILS("SwapinVsPunchChargeFails", "swapin vs punch, memcg charge fails (cgroup1 oom_kill_disable)",
            Initial.SWAPPED_OUT, Choices.fixed(false, true), "L6 L8 L9", Actor.S, Actor.P),
    SWAPIN_VS_PUNCH_CACHED("SwapinVsPunchCached", "swapin vs punch, page already in the swap cache",
            Initial.CACHED, Choices.ALL_OK, "L7 L11", Actor.S, Actor.P),
    PUNCH_VS_RECLAIM("PunchVsReclaim", "punch vs reclaim", Initial.CACHED, Choices.ALL_OK,
            "L11 L12 L14", Actor.P, Actor.RC),
    SWAPIN_VS_RECLAIM("SwapinVsReclaim", "swapin vs reclaim", Initial.CACHED, Choices.ALL_OK,
            "L13 L14", Actor.S, Actor.RC),
    READAHEAD_VS_PUNCH("ReadaheadVsPunch", "readahead vs punch", Initial.SWAPPED_OUT, Choices.ALL_OK,
            "L17", Actor.RA, Actor.P),
    SWAPOUT_VS_PUNCH("SwapoutVsPunch", "swap-out vs punch", Initial.RESIDENT_DIRTY, Choices.ALL_OK,
            "L15", Actor.W, Actor.P),
    SWAPIN_VS_SWAPIN("SwapinVsSwapin", "swapin vs swapin", Initial.SWAPPED_OUT, Choices.ALL_OK,
            "L16", Actor.S, Actor.S2),
    SWAPOUT_VS_RECLAIM("SwapoutVsReclaim", "swap-out vs reclaim of its swap-cache page", Initial.RESIDENT_DIRTY,
            Choices.ALL_OK, "L15", Actor.W, Actor.RC),
    SWAPOUT_WRITE_FAILS_VS_RECLAIM("SwapoutWriteFailsVsReclaim",
            "swap-out whose swap write fails (end_swap_bio_write error) vs reclaim", Initial.RESIDENT_DIRTY,
            Choices.fixed(true, true, false), "L15", Actor.W, Actor.RC),
    SWAPIN_VS_PUNCH_VS_RECLAIM("SwapinVsPunchVsReclaim", "swapin vs punch vs reclaim",
            Initial.SWAPPED_OUT, Choices.ALL_OK, "L5 L7 L12 L14", Actor.S, Actor.P, Actor.RC),
    SWAPIN_VS_SWAPOUT_VS_PUNCH("SwapinVsSwapoutVsPunch", "swapin vs swap-out vs punch on one index",
            Initial.RESIDENT_DIRTY, Choices.ALL_OK, "L7 L15", Actor.S, Actor.W, Actor.P),
    SWAPIN_VS_PUNCH_VS_RECLAIM_VS_CHARGER("SwapinVsPunchVsReclaimVsCharger",
            "swapin vs punch vs reclaim vs memcg pressure (cgroup1 oom_kill_disable)", Initial.SWAPPED_OUT_NEAR_LIMIT,
            Choices.CHARGE_CAN_FAIL,
            "L7 L8 L9 L12", Actor.S, Actor.P, Actor.RC, Actor.MC);

    private final String className;
    private final String title;
    private final Initial initial;
    private final Choices choices;
    private final String rows;
    private final List<Actor> actors;
    /** {@link #expectations(Choices)} for {@link #choices}: every jcstress run shares it. */
    private final Expectations expectations;

    Scenario(String className, String title, Initial initial, Choices choices, String rows, Actor... actors) {
        this.className = className;
        this.title = title;
        this.initial = initial;
        this.choices = choices;
        this.rows = rows;
        this.actors = List.of(actors);
        this.expectations = expectations(choices);
    }

    /** The JCStress test class name: tests are {@code dev.swaprace.stress.<className>.<Variant>}. */
    public String className() {
        return className;
    }

    public String title() {
        return title;
    }

    public Initial initial() {
        return initial;
    }

    public Choices choices() {
        return choices;
    }

    /** The kernel-model §4.1 rows this scenario can reach. */
    public String rows() {
        return rows;
    }

    public List<Actor> actors() {
        return actors;
    }

    /**
     * Whether exploring this scenario is costly: SwapinVsSwapoutVsPunch takes 0.7 to 1.2 million
     * schedules (45-90 s) per variant on 2 cores. {@code swaprace explore} runs such a scenario
     * only when named, ConformanceTest explores it on {@link Variant#V58} only, and
     * StrandAttributionTest (which observes every execution) not at all.
     */
    public boolean costly() {
        return this == SWAPIN_VS_SWAPOUT_VS_PUNCH;
    }

    /** The scenarios a search over "all" explores: every one but the {@link #costly()} ones. */
    public static List<Scenario> cheap() {
        return java.util.Arrays.stream(values()).filter(s -> !s.costly()).toList();
    }

    /** What the checker allows for this scenario's reads and end state, under choices {@code c}. */
    public Expectations expectations(Choices c) {
        boolean punch = actors.contains(Actor.P);
        boolean chargeMayFail = c.chargeCanFail();
        boolean ioMayFail = !c.readIoSucceeds(RacePoint.IO_READ);
        return new Expectations(Initial.DATA, punch, chargeMayFail, ioMayFail);
    }

    /** A fresh machine in this scenario's initial state, choices armed, ready for the actors. */
    public Run setUp(Variant variant, RaceHook hook) {
        return setUp(variant, hook, choices);
    }

    /** As {@link #setUp(Variant, RaceHook)}, with other choices (the explorer branches on them). */
    public Run setUp(Variant variant, RaceHook hook, Choices c) {
        return setUp(variant, null, hook, c);
    }

    /** A machine running seeded bug {@code mutant} (on its base variant), for the mutation campaign. */
    public Run setUp(Mutant mutant, RaceHook hook) {
        return setUp(mutant, hook, choices);
    }

    /** As {@link #setUp(Mutant, RaceHook)}, with other choices (the explorer branches on them). */
    public Run setUp(Mutant mutant, RaceHook hook, Choices c) {
        return setUp(mutant.base(), mutant, hook, c);
    }

    private Run setUp(Variant variant, Mutant mutant, RaceHook hook, Choices c) {
        Mm template = initial.template(variant, mutant);
        Mm mm = initial.newMachine(variant, mutant, hook);
        mm.restore(template);
        mm.arm(c);
        return new Run(this, mm, template, c, c == choices ? expectations : expectations(c));
    }

    public static Scenario byClassName(String name) {
        for (Scenario s : values()) {
            if (s.className.equalsIgnoreCase(name) || s.name().equalsIgnoreCase(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no scenario named '" + name + "'");
    }

    /** {@code swaprace scenarios}: every scenario (CPUs, actors, rows, initial state), then every variant. */
    public static void printTable(PrintStream out) {
        out.printf("%-34s %-7s %-22s %s%n", "SCENARIO (jcstress class)", "CPUS", "ACTORS", "ROWS / INITIAL STATE");
        for (Scenario s : values()) {
            String actors = s.actors().stream().map(Actor::label).collect(Collectors.joining(" vs "));
            out.printf("%-34s %-7d %-22s %s; %s%n", s.className(), s.actors().size(), actors, s.rows(),
                    s.initial().description());
        }
        out.println();
        out.printf("%-6s %-24s %-22s %s%n", "VARIANT", "CHARGE", "ERROR CLEANUP", "WHERE");
        for (Variant v : Variant.values()) {
            out.printf("%-6s %-24s %-22s %s%n", v, v.charge(), v.cleanup(), v.where());
        }
    }
}
