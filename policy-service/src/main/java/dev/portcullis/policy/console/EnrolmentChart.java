package dev.portcullis.policy.console;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Draws enrolment over time as an inline SVG, on the server: no script and no outside asset. Bars
 * for each day's cumulative enrolments, a grid line at the top value, and dates under the ends.
 */
public final class EnrolmentChart {

    static final int WIDTH = 720;
    static final int HEIGHT = 200;
    private static final int LEFT = 40;
    private static final int BOTTOM = 24;
    private static final int TOP = 12;

    private EnrolmentChart() {
    }

    /** The chart, with {@code title} as its accessible name and the days written the way {@code locale} writes them. */
    public static String svg(List<Compliance.DayCount> days, Locale locale, String title) {
        DateTimeFormatter day = DateTimeFormatter.ofPattern(Locale.JAPANESE.getLanguage().equals(locale.getLanguage())
                ? "M月d日" : "d MMM", locale);
        long max = Math.max(1, days.stream().mapToLong(Compliance.DayCount::enrolled).max().orElse(1));
        double plotWidth = WIDTH - LEFT - 8;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        double slot = plotWidth / Math.max(1, days.size());
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" viewBox=\"0 0 ")
                .append(WIDTH).append(' ').append(HEIGHT).append("\" aria-labelledby=\"chart-title\">")
                .append("<title id=\"chart-title\">").append(escape(title)).append("</title>");
        svg.append(line(LEFT, TOP, WIDTH - 8, TOP, "grid"))
                .append(line(LEFT, HEIGHT - BOTTOM, WIDTH - 8, HEIGHT - BOTTOM, "axis"))
                .append(text(LEFT - 6, TOP + 4, "end", Long.toString(max)))
                .append(text(LEFT - 6, HEIGHT - BOTTOM + 4, "end", "0"));
        for (int i = 0; i < days.size(); i++) {
            Compliance.DayCount count = days.get(i);
            double height = plotHeight * count.enrolled() / max;
            svg.append(String.format(Locale.ROOT,
                    "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"><title>%s: %d</title></rect>",
                    LEFT + i * slot + 1, HEIGHT - BOTTOM - height, Math.max(1, slot - 2), height,
                    day.format(count.day()), count.enrolled()));
        }
        if (!days.isEmpty()) {
            svg.append(text(LEFT, HEIGHT - 6, "start", day.format(days.get(0).day())))
                    .append(text(WIDTH - 8, HEIGHT - 6, "end", day.format(days.get(days.size() - 1).day())));
        }
        return svg.append("</svg>").toString();
    }

    /** How many were enrolled on the first day shown, for the chart's title. */
    public static String first(List<Compliance.DayCount> days) {
        return days.isEmpty() ? "-" : days.get(0).enrolled() + "";
    }

    /** How many were enrolled on the last day shown, for the chart's title. */
    public static String last(List<Compliance.DayCount> days) {
        return days.isEmpty() ? "-" : days.get(days.size() - 1).enrolled() + "";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String line(double x1, double y1, double x2, double y2, String cls) {
        return String.format(Locale.ROOT, "<line class=\"%s\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>",
                cls, x1, y1, x2, y2);
    }

    private static String text(double x, double y, String anchor, String value) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>", x, y, anchor,
                value);
    }
}
