package sediment.core.merge;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.Map;
import java.util.TreeMap;

/**
 * The NYSE's standing holiday rules (NYSE Rule 7.2), plus the unscheduled closures of 2000-2030, to
 * check the shipped USNYSE calendar against. Running main prints the calendar file.
 */
final class NyseHolidayRules {
    private NyseHolidayRules() {
    }

    static final Map<LocalDate, String> SPECIAL_CLOSURES = Map.of(
            LocalDate.of(2001, 9, 11), "September 11 attacks",
            LocalDate.of(2001, 9, 12), "September 11 attacks",
            LocalDate.of(2001, 9, 13), "September 11 attacks",
            LocalDate.of(2001, 9, 14), "September 11 attacks",
            LocalDate.of(2004, 6, 11), "National Day of Mourning for President Reagan",
            LocalDate.of(2007, 1, 2), "National Day of Mourning for President Ford",
            LocalDate.of(2012, 10, 29), "Hurricane Sandy",
            LocalDate.of(2012, 10, 30), "Hurricane Sandy",
            LocalDate.of(2018, 12, 5), "National Day of Mourning for President George H.W. Bush",
            LocalDate.of(2025, 1, 9), "National Day of Mourning for President Carter");

    static Map<LocalDate, String> holidays(int fromYear, int toYear) {
        Map<LocalDate, String> h = new TreeMap<>();
        for (int y = fromYear; y <= toYear; y++) {
            // New Year's Day: Sunday moves to Monday; Saturday is not made up on the Friday before (Rule 7.2).
            LocalDate ny = LocalDate.of(y, 1, 1);
            if (ny.getDayOfWeek() == DayOfWeek.SUNDAY) {
                h.put(ny.plusDays(1), "New Year's Day (observed)");
            } else if (ny.getDayOfWeek() != DayOfWeek.SATURDAY) {
                h.put(ny, "New Year's Day");
            }
            h.put(nth(y, Month.JANUARY, DayOfWeek.MONDAY, 3), "Martin Luther King Jr. Day");
            h.put(nth(y, Month.FEBRUARY, DayOfWeek.MONDAY, 3), "Washington's Birthday");
            h.put(easter(y).minusDays(2), "Good Friday");
            h.put(LocalDate.of(y, 5, 31).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)), "Memorial Day");
            if (y >= 2022) {
                observed(h, LocalDate.of(y, 6, 19), "Juneteenth National Independence Day");
            }
            observed(h, LocalDate.of(y, 7, 4), "Independence Day");
            h.put(nth(y, Month.SEPTEMBER, DayOfWeek.MONDAY, 1), "Labor Day");
            h.put(nth(y, Month.NOVEMBER, DayOfWeek.THURSDAY, 4), "Thanksgiving Day");
            observed(h, LocalDate.of(y, 12, 25), "Christmas Day");
        }
        SPECIAL_CLOSURES.forEach((d, n) -> {
            if (d.getYear() >= fromYear && d.getYear() <= toYear) {
                h.put(d, n);
            }
        });
        return h;
    }

    private static void observed(Map<LocalDate, String> h, LocalDate d, String name) {
        switch (d.getDayOfWeek()) {
            case SATURDAY -> h.put(d.minusDays(1), name + " (observed)");
            case SUNDAY -> h.put(d.plusDays(1), name + " (observed)");
            default -> h.put(d, name);
        }
    }

    private static LocalDate nth(int year, Month month, DayOfWeek day, int n) {
        return LocalDate.of(year, month, 1).with(TemporalAdjusters.dayOfWeekInMonth(n, day));
    }

    /** Gregorian Easter Sunday (the anonymous Gregorian algorithm). */
    static LocalDate easter(int y) {
        int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
        int hh = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - hh - k) % 7;
        int m = (a + 11 * hh + 22 * l) / 451;
        int month = (hh + l - 7 * m + 114) / 31, day = ((hh + l - 7 * m + 114) % 31) + 1;
        return LocalDate.of(y, month, day);
    }

    public static void main(String[] args) {
        StringBuilder sb = new StringBuilder();
        sb.append("{\n  \"name\": \"USNYSE\",\n");
        sb.append("  \"description\": \"New York Stock Exchange full-day closures 2000-2030: the standing holidays of NYSE Rule 7.2"
                + " and the unscheduled closures of 2001, 2004, 2007, 2012, 2018 and 2025. Years after the NYSE's published"
                + " schedule follow the standing rules only. Early closes are business days.\",\n");
        sb.append("  \"timeZone\": \"America/New_York\",\n  \"weekendDays\": [\"SATURDAY\", \"SUNDAY\"],\n");
        sb.append("  \"firstDate\": \"2000-01-01\",\n  \"lastDate\": \"2030-12-31\",\n  \"holidays\": [\n");
        var entries = holidays(2000, 2030).entrySet().stream().toList();
        for (int i = 0; i < entries.size(); i++) {
            sb.append("    {\"date\": \"").append(entries.get(i).getKey()).append("\", \"name\": \"")
                    .append(entries.get(i).getValue()).append("\"}").append(i + 1 < entries.size() ? ",\n" : "\n");
        }
        sb.append("  ]\n}\n");
        System.out.print(sb);
    }
}
