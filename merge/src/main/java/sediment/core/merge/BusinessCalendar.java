package sediment.core.merge;

import com.fasterxml.jackson.annotation.JsonProperty;
import sediment.core.error.InvalidInputException;
import sediment.core.util.Json;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A business calendar: a time zone (which decides what "today" is), weekend days, and holidays for
 * the span of dates it covers. Business-day arithmetic outside that span is refused rather than
 * guessed, because a missing holiday would silently pick the wrong partition.
 *
 * @param holidays date to holiday name
 */
public record BusinessCalendar(String name, String description, ZoneId timeZone, Set<DayOfWeek> weekendDays,
                               LocalDate firstDate, LocalDate lastDate, Map<LocalDate, String> holidays) {

    public BusinessCalendar {
        weekendDays = Collections.unmodifiableSet(weekendDays.isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(weekendDays));
        holidays = Collections.unmodifiableMap(new TreeMap<>(holidays));
    }

    record Spec(@JsonProperty("name") String name,
                @JsonProperty("description") String description,
                @JsonProperty("timeZone") String timeZone,
                @JsonProperty("weekendDays") List<String> weekendDays,
                @JsonProperty("firstDate") String firstDate,
                @JsonProperty("lastDate") String lastDate,
                @JsonProperty("holidays") List<Holiday> holidays) {
    }

    record Holiday(@JsonProperty("date") String date, @JsonProperty("name") String name) {
    }

    /** Reads a calendar file; every problem is reported on one line naming the file. */
    public static BusinessCalendar read(String source, byte[] content) {
        Spec spec = Json.read(source, content, Spec.class);
        List<String> problems = new ArrayList<>();
        if (spec.name() == null || spec.name().isBlank()) {
            problems.add("field 'name' is missing");
        }
        ZoneId zone = ZoneId.of("UTC");
        if (spec.timeZone() != null) {
            try {
                zone = ZoneId.of(spec.timeZone());
            } catch (RuntimeException e) {
                problems.add("field 'timeZone' '" + spec.timeZone() + "' is not a time zone id such as America/New_York");
            }
        }
        Set<DayOfWeek> weekend = EnumSet.noneOf(DayOfWeek.class);
        for (String d : spec.weekendDays() == null ? List.of("SATURDAY", "SUNDAY") : spec.weekendDays()) {
            try {
                weekend.add(DayOfWeek.valueOf(d.toUpperCase(Locale.ROOT)));
            } catch (RuntimeException e) {
                problems.add("weekendDays entry '" + d + "' is not a day of the week such as SATURDAY");
            }
        }
        LocalDate first = date(spec.firstDate(), "firstDate", LocalDate.MIN, problems);
        LocalDate last = date(spec.lastDate(), "lastDate", LocalDate.MAX, problems);
        Map<LocalDate, String> holidays = new TreeMap<>();
        if (spec.holidays() != null) {
            for (int i = 0; i < spec.holidays().size(); i++) {
                Holiday h = spec.holidays().get(i);
                LocalDate d = h == null ? null : date(h.date(), "holidays[" + i + "].date", null, problems);
                if (d != null) {
                    holidays.put(d, h.name() == null ? "holiday" : h.name());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("Bad calendar " + source + ": " + String.join("; ", problems));
        }
        return new BusinessCalendar(spec.name(), spec.description() == null ? "" : spec.description(), zone, weekend, first, last, holidays);
    }

    private static LocalDate date(String text, String field, LocalDate absent, List<String> problems) {
        if (text == null) {
            if (absent == null) {
                problems.add("field '" + field + "' is missing");
            }
            return absent;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            problems.add("field '" + field + "' '" + text + "' is not a date yyyy-MM-dd");
            return absent;
        }
    }

    /** Today in this calendar's time zone. */
    public LocalDate currentDay(Clock clock) {
        return LocalDate.now(clock.withZone(timeZone));
    }

    public boolean isBusinessDay(LocalDate date) {
        checkCovered(date);
        return !weekendDays.contains(date.getDayOfWeek()) && !holidays.containsKey(date);
    }

    /**
     * The n-th business day before {@code date}. With n = 0: the date itself if it is a business day,
     * else the closest business day before it.
     */
    public LocalDate previousBusinessDay(LocalDate date, int n) {
        return stepBusinessDays(date, n, -1);
    }

    /** The n-th business day after {@code date}; n = 0 likewise moves forward to a business day. */
    public LocalDate nextBusinessDay(LocalDate date, int n) {
        return stepBusinessDays(date, n, +1);
    }

    private LocalDate stepBusinessDays(LocalDate date, int n, int direction) {
        if (n < 0) {
            throw new InvalidInputException("a number of business days must not be negative, not " + n);
        }
        LocalDate d = date;
        if (n == 0) {
            while (!isBusinessDay(d)) {
                d = d.plusDays(direction);
            }
            return d;
        }
        int found = 0;
        while (found < n) {
            d = d.plusDays(direction);
            if (isBusinessDay(d)) {
                found++;
            }
        }
        return d;
    }

    private void checkCovered(LocalDate date) {
        if (date.isBefore(firstDate) || date.isAfter(lastDate)) {
            throw new InvalidInputException("Calendar " + name + " has holidays only from " + firstDate + " to " + lastDate
                    + ", so it cannot tell whether " + date + " is a business day");
        }
    }
}
