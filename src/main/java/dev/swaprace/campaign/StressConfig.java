package dev.swaprace.campaign;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.swaprace.mm.Variant;
import dev.swaprace.scenario.Scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A stress configuration ({@code stress-configs/*.yaml}): which tests to run and how to run
 * jcstress on them. Unknown keys, unknown scenario or variant names and malformed values are
 * errors that name the file, the line and the key ({@link ConfigException}).
 *
 * @param description what the configuration is for
 * @param scenarios   scenario names ({@code swaprace scenarios}), or {@code all}
 * @param actors      if set, only scenarios with one of these actor counts
 * @param variants    kernel variants, or {@code all}
 * @param headline    scenarios whose per-variant outcome histogram the run prints
 * @param mode        jcstress {@code -m}: sanity, quick, default, tough, stress
 * @param forks       jcstress {@code -f}, forks per configuration (null: the mode's)
 * @param cpus        jcstress {@code -c}; 0 (written {@code all}) for every CPU
 * @param flags       further jcstress options, verbatim ({@code [-sc, "false"]})
 * @param batch       tests per jcstress invocation (default 1: a stopped run loses only the test in
 *                    progress; more saves ~8 s of jcstress start-up per test)
 * @param delays      window amplification: spin before named race points in the forks
 *                    ({@code S.9=2000,P.try=500-5000}, nanoseconds; see {@code DelayHook})
 * @param timeLimit   wall-clock limit of the whole jcstress run ({@code 6m}, {@code 1h30m})
 * @param out         output folder: result blobs, HTML report, log, summary
 */
@JsonNaming(PropertyNamingStrategies.KebabCaseStrategy.class)
public record StressConfig(
        String description,
        @JsonDeserialize(using = ScenarioList.class) List<Scenario> scenarios,
        List<Integer> actors,
        @JsonDeserialize(using = VariantList.class) List<Variant> variants,
        @JsonDeserialize(using = ScenarioList.class) List<Scenario> headline,
        String mode,
        Integer forks,
        @JsonDeserialize(using = Cpus.class) Integer cpus,
        List<String> flags,
        Integer batch,
        String delays,
        @JsonDeserialize(using = DurationValue.class) Duration timeLimit,
        String out) {

    public StressConfig {
        actors = actors == null ? List.of() : List.copyOf(actors);
        headline = headline == null ? List.of() : List.copyOf(headline);
        flags = flags == null ? List.of() : List.copyOf(flags);
        cpus = cpus == null ? 0 : cpus;
        batch = batch == null ? 1 : batch;
    }

    /** {@code scenarios} filtered by {@link #actors}. */
    public List<Scenario> selectedScenarios(List<Scenario> scenarios) {
        return scenarios.stream().filter(s -> actors.isEmpty() || actors.contains(s.actors().size())).toList();
    }

    /** A config file that cannot be used, as one line: {@code file:line: message}. */
    public static final class ConfigException extends Exception {
        private static final long serialVersionUID = 1L;

        ConfigException(String message) {
            super(message);
        }
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);
    /** Read and check {@code file}; {@code shown} is how the file is named in error messages. */
    public static StressConfig load(Path file, String shown) throws ConfigException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(shown + ": no such file");
        } catch (IOException e) {
            throw new ConfigException(shown + ": " + e.getMessage());
        }
        StressConfig c;
        try {
            c = YAML.readValue(text, StressConfig.class);
        } catch (JsonProcessingException e) {
            throw new ConfigException(shown + ":" + line(e, text) + ": " + message(e));
        }
        if (c == null) {
            throw new ConfigException(shown + ": empty configuration");
        }
        List<String> missing = new ArrayList<>();
        if (c.scenarios == null) {
            missing.add("scenarios");
        }
        if (c.variants == null) {
            missing.add("variants");
        }
        if (c.timeLimit == null) {
            missing.add("time-limit");
        }
        if (c.out == null) {
            missing.add("out");
        }
        if (c.delays != null) {
            try {
                dev.swaprace.race.DelayHook.parse(c.delays);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(shown + ": delays: " + e.getMessage());
            }
        }
        if (c.batch < 1) {
            throw new ConfigException(shown + ": batch must be at least 1");
        }
        if (!missing.isEmpty()) {
            throw new ConfigException(shown + ": missing key" + (missing.size() > 1 ? "s " : " ")
                    + missing.stream().map(k -> "'" + k + "'").collect(Collectors.joining(", ")));
        }
        return c;
    }

    /**
     * The line of the error. Jackson buffers a record's properties before it sees an unknown one,
     * which loses its location: that key is found in the text (every key is top-level).
     */
    private static String line(JsonProcessingException e, String text) {
        if (e instanceof UnrecognizedPropertyException u) {
            Pattern key = Pattern.compile("^\\s*[\"']?" + Pattern.quote(u.getPropertyName()) + "[\"']?\\s*:");
            String[] lines = text.split("\\R", -1);
            for (int i = 0; i < lines.length; i++) {
                if (key.matcher(lines[i]).find()) {
                    return Integer.toString(i + 1);
                }
            }
        }
        JsonLocation loc = e.getLocation();
        return loc == null || loc.getLineNr() < 1 ? "1" : Integer.toString(loc.getLineNr());
    }

    private static String message(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            String known = u.getKnownPropertyIds() == null ? ""
                    : u.getKnownPropertyIds().stream().map(Object::toString).sorted()
                    .collect(Collectors.joining(", ", " (known keys: ", ")"));
            return "unknown key '" + u.getPropertyName() + "'" + known;
        }
        String m = e.getOriginalMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** A list of names, or the word {@code all}; unknown names are errors at their line. */
    abstract static class NameList<E> extends JsonDeserializer<List<E>> {
        private final String what;
        private final List<E> all;
        private final Function<String, E> byName;
        private final Function<E, String> name;

        NameList(String what, E[] all, Function<String, E> byName, Function<E, String> name) {
            this.what = what;
            this.all = List.of(all);
            this.byName = byName;
            this.name = name;
        }

        @Override
        public List<E> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_STRING && p.getText().equalsIgnoreCase("all")) {
                return all;
            }
            List<E> out = new ArrayList<>();
            if (p.currentToken() == JsonToken.START_ARRAY) {
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    out.add(one(p));
                }
            } else {
                out.add(one(p));
            }
            return out;
        }

        private E one(JsonParser p) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                throw JsonMappingException.from(p, "expected " + what + " names or 'all'");
            }
            try {
                return byName.apply(p.getText());
            } catch (IllegalArgumentException e) {
                throw JsonMappingException.from(p, "unknown " + what + " '" + p.getText() + "' (known: "
                        + all.stream().map(name).collect(Collectors.joining(", ")) + ")");
            }
        }
    }

    static final class ScenarioList extends NameList<Scenario> {
        ScenarioList() {
            super("scenario", Scenario.values(), Scenario::byClassName, Scenario::className);
        }
    }

    static final class VariantList extends NameList<Variant> {
        VariantList() {
            super("variant", Variant.values(), StressConfig::variant, Variant::name);
        }
    }

    /** A variant by name, any case. */
    static Variant variant(String name) {
        return Variant.valueOf(name.toUpperCase(Locale.ROOT));
    }

    /** {@code cpus: 4} or {@code cpus: all} (0). */
    static final class Cpus extends JsonDeserializer<Integer> {
        @Override
        public Integer deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_STRING && p.getText().equalsIgnoreCase("all")) {
                return 0;
            }
            if (p.currentToken() == JsonToken.VALUE_NUMBER_INT && p.getIntValue() > 0) {
                return p.getIntValue();
            }
            throw JsonMappingException.from(p, "cpus: expected a positive number or 'all', got '" + p.getText() + "'");
        }
    }

    /** {@code 90s}, {@code 6m}, {@code 1h30m}. */
    static final class DurationValue extends JsonDeserializer<Duration> {
        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            try {
                return parseDuration(p.getText());
            } catch (IllegalArgumentException e) {
                throw JsonMappingException.from(p, e.getMessage());
            }
        }
    }

    /** {@code 90s}, {@code 6m}, {@code 1h30m}, {@code 500ms} (hours, minutes, seconds, milliseconds); not zero. */
    public static Duration parseDuration(String s) {
        String t = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
        Matcher m = DURATION.matcher(t);
        if (m.matches() && !t.isEmpty()) {
            try {
                Duration d = Duration.ofHours(part(m, 1)).plusMinutes(part(m, 2)).plusSeconds(part(m, 3))
                        .plusMillis(part(m, 4));
                if (!d.isZero()) {
                    return d;
                }
            } catch (ArithmeticException | NumberFormatException e) {
                // too large: fall through
            }
        }
        throw new IllegalArgumentException("bad duration '" + s + "': expected e.g. 90s, 6m, 1h30m, 500ms");
    }

    /** A duration as {@link #parseDuration} reads it: {@code 90s}, {@code 6m}, {@code 1h30m}. */
    public static String human(Duration d) {
        long s = d.toSeconds();
        if (s % 3600 == 0) {
            return s / 3600 + "h";
        }
        if (s >= 3600) {
            return s / 3600 + "h" + (s % 3600) / 60 + "m";
        }
        return s % 60 == 0 ? s / 60 + "m" : s >= 60 ? s / 60 + "m" + s % 60 + "s" : s + "s";
    }

    /** A scenario named on the command line ({@code swaprace scenarios}). */
    public static Scenario scenarioNamed(String name) {
        try {
            return Scenario.byClassName(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown scenario '" + name + "' (see 'swaprace scenarios')");
        }
    }

    /** A variant named on the command line. */
    public static Variant variantNamed(String name) {
        try {
            return variant(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown variant '" + name + "' (" + Variant.names() + ")");
        }
    }

    /**
     * A configuration given by path, or by name: {@code ci} is {@code stress-configs/ci.yaml} in the
     * working directory or, failing that, in {@code $SWAPRACE_HOME} (set by scripts/swaprace).
     */
    public static Path file(String nameOrPath) {
        Path p = Path.of(nameOrPath);
        if (Files.exists(p) || nameOrPath.contains("/") || nameOrPath.endsWith(".yaml")) {
            return p;
        }
        Path local = Path.of("stress-configs", nameOrPath + ".yaml");
        String home = System.getenv("SWAPRACE_HOME");
        if (!Files.exists(local) && home != null) {
            Path inHome = Path.of(home, "stress-configs", nameOrPath + ".yaml");
            if (Files.exists(inHome)) {
                return inHome;
            }
        }
        return local;
    }

    private static final Pattern DURATION = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m(?!s))?(?:(\\d+)s)?(?:(\\d+)ms)?");

    private static long part(Matcher m, int group) {
        return m.group(group) == null ? 0 : Long.parseLong(m.group(group));
    }
}
