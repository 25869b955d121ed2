package dev.swaprace.report;

import java.util.Locale;

/** Number and text formatting shared by the renderers (locale-independent). */
final class Fmt {
    private Fmt() {
    }

    /** {@code 1,234,567}. */
    static String count(long n) {
        if (n < 0) {
            return "-" + count(-n);
        }
        String d = Long.toString(n);
        if (d.length() <= 3) {
            return d;
        }
        StringBuilder b = new StringBuilder(d.length() + d.length() / 3);
        int lead = d.length() % 3 == 0 ? 3 : d.length() % 3;
        b.append(d, 0, lead);
        for (int i = lead; i < d.length(); i += 3) {
            b.append(',').append(d, i, i + 3);
        }
        return b.toString();
    }

    /** {@code 45.20%}, {@code <0.01%} for a tiny non-zero share. */
    static String percent(double f) {
        if (f > 0 && f < 0.0001) {
            return "<0.01%";
        }
        long hundredths = Math.round(f * 10_000);
        return hundredths / 100 + "." + (hundredths % 100 < 10 ? "0" : "") + hundredths % 100 + "%";
    }

    /** A rate per million samples: {@code 452,000}, {@code 12.5}, {@code 0.042}. */
    static String rate(double perMillion) {
        if (perMillion == 0) {
            return "0";
        }
        if (perMillion >= 100) {
            return count(Math.round(perMillion));
        }
        if (perMillion >= 1) {
            return String.format(Locale.ROOT, "%.1f", perMillion);
        }
        return String.format(Locale.ROOT, "%.2g", perMillion);
    }

    /** The rate column of a row: the rate, or {@code <bound} for a zero count. */
    static String rateCell(ReportView.Row r) {
        if (r.count() == 0) {
            return r.upperPerMillion() == null ? "-" : "<" + rate(r.upperPerMillion());
        }
        return rate(r.perMillion());
    }

    /**
     * Text from a blob made safe for a terminal: control characters (ESC sequences, CR,
     * backspace, C1 controls) become {@code ?}, so an outcome id cannot move the cursor,
     * recolour or overwrite the report.
     */
    static String plain(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            if (cp == '\t') {
                b.append("    ");
            } else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp == 0x2028 || cp == 0x2029 || (cp >= 0x202a && cp <= 0x202e)
                    || (cp >= 0x2066 && cp <= 0x2069)) {
                b.append('?');
            } else {
                b.appendCodePoint(cp);
            }
        });
        return b.toString();
    }

    /** Removes characters XML 1.0 cannot carry (controls other than tab, LF, CR; lone surrogates; U+FFFE/F). */
    static String xmlSafe(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            boolean ok = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF)
                    || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
            b.appendCodePoint(ok ? cp : 0xFFFD);
        });
        return b.toString();
    }
}
