package dev.swaprace.check;

/**
 * A classified outcome: {@code VERDICT:END[@WINDOW][+EVENT][;ACTOR=RESULT]...}. Its {@link #toString()}
 * is the JCStress outcome id.
 */
public record Outcome(Verdict verdict, String code) {

    public static Outcome parse(String s) {
        int colon = s.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("not an outcome (VERDICT:CODE): " + s);
        }
        return new Outcome(Verdict.valueOf(s.substring(0, colon)), s.substring(colon + 1));
    }

    /** The end state or bug name, without window and actor results: {@code STRAND}, {@code OK_PAGE}. */
    public String endCode() {
        int end = code.length();
        for (char c : new char[] {'@', ';', '+'}) {
            int i = code.indexOf(c);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        return code.substring(0, end);
    }

    @Override
    public String toString() {
        return verdict + ":" + code;
    }
}
