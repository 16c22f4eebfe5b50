package sediment.core.merge;

import sediment.core.error.InvalidInputException;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Evaluates a partition value formula, the seed's {@code partitionColumnFormula}, to a column
 * partition value. The accepted forms are those of the seed and its time library:
 * <pre>
 * "2017-01-01"                                                      a literal (quotes required)
 * com.illumon.util.calendar.Calendars.calendar("USNYSE").previousDay(1)
 * Calendars.calendar("USNYSE").previousBusinessDay(2)               also calendar("USNYSE")..., Calendars.calendar() = USNYSE
 *   calendar methods: currentDay(), previousDay(n), nextDay(n), previousBusinessDay(n), nextBusinessDay(n)
 * currentDateNy()                                                   today in New York
 * today()  today("Europe/London")                                   today in the JVM's zone, or the one named
 * currentDay() previousDay(n) nextDay(n) previousBusinessDay(n) nextBusinessDay(n)   on the USNYSE calendar
 * </pre>
 * Days are counted from today in the calendar's time zone. Dates come out as {@code yyyy-MM-dd}.
 */
public final class PartitionFormula {
    private static final Set<String> CALENDAR_METHODS = Set.of("currentDay", "previousDay", "nextDay", "previousBusinessDay",
            "nextBusinessDay");

    private final String formula;
    private final Clock clock;
    private final Calendars calendars;
    private int pos;

    private PartitionFormula(String formula, Clock clock, Calendars calendars) {
        this.formula = formula;
        this.clock = clock;
        this.calendars = calendars;
    }

    public static String evaluate(String formula, Clock clock, Calendars calendars) {
        if (formula == null || formula.isBlank()) {
            throw new InvalidInputException("partitionColumnFormula is empty");
        }
        PartitionFormula p = new PartitionFormula(formula, clock, calendars);
        try {
            Object value = p.parseChain();
            p.skipSpaces();
            if (p.pos < formula.length()) {
                throw p.error("unexpected '" + formula.substring(p.pos) + "'");
            }
            if (value instanceof BusinessCalendar c) {
                throw p.error("calendar " + c.name() + " is not a date: call a method on it, e.g. .previousBusinessDay(1)");
            }
            return value.toString();
        } catch (InvalidInputException e) {
            if (e.getMessage().startsWith("partitionColumnFormula")) {
                throw e;
            }
            throw new InvalidInputException("partitionColumnFormula '" + formula + "': " + e.getMessage(), e);
        }
    }

    private Object parseChain() {
        skipSpaces();
        Object value;
        if (peek() == '"' || peek() == '\'') {
            value = parseString();
        } else {
            int start = pos;
            List<String> name = parseQualifiedName();
            List<Object> args = parseArguments();
            value = callFunction(name, args, start);
        }
        skipSpaces();
        while (peek() == '.') {
            pos++;
            skipSpaces();
            int start = pos;
            String method = parseIdentifier();
            List<Object> args = parseArguments();
            value = callMethod(value, method, args, start);
            skipSpaces();
        }
        return value;
    }

    private Object callFunction(List<String> name, List<Object> args, int at) {
        String fn = name.get(name.size() - 1);
        String qualifier = name.size() > 1 ? name.get(name.size() - 2) : null;
        switch (fn) {
            case "calendar" -> {
                if (qualifier != null && !qualifier.equals("Calendars")) {
                    break;
                }
                if (args.isEmpty()) {
                    return calendars.get(Calendars.DEFAULT);
                }
                return calendars.get(stringArg(fn, args, 0, 1));
            }
            case "currentDateNy" -> {
                noArgs(fn, args);
                return LocalDate.now(clock.withZone(ZoneId.of("America/New_York")));
            }
            case "today" -> {
                if (args.isEmpty()) {
                    return LocalDate.now(clock);
                }
                String zone = stringArg(fn, args, 0, 1);
                try {
                    return LocalDate.now(clock.withZone(ZoneId.of(zone)));
                } catch (RuntimeException e) {
                    throw error("'" + zone + "' is not a time zone id such as America/New_York");
                }
            }
            default -> {
                if (qualifier == null && CALENDAR_METHODS.contains(fn)) {
                    return callMethod(calendars.get(Calendars.DEFAULT), fn, args, at);
                }
            }
        }
        throw errorAt(at, "unknown function '" + String.join(".", name) + "' (known: a quoted value, Calendars.calendar(\"NAME\")"
                + " with " + String.join("(), ", CALENDAR_METHODS.stream().sorted().toList()) + "(), currentDateNy(), today())");
    }

    private Object callMethod(Object target, String method, List<Object> args, int at) {
        if (!(target instanceof BusinessCalendar calendar)) {
            throw errorAt(at, "cannot call " + method + "() on " + describe(target) + ": only calendars have methods");
        }
        LocalDate today = calendar.currentDay(clock);
        return switch (method) {
            case "currentDay" -> {
                noArgs(method, args);
                yield today;
            }
            case "previousDay" -> today.minusDays(countArg(method, args));
            case "nextDay" -> today.plusDays(countArg(method, args));
            case "previousBusinessDay" -> calendar.previousBusinessDay(today, countArg(method, args));
            case "nextBusinessDay" -> calendar.nextBusinessDay(today, countArg(method, args));
            default -> throw errorAt(at, "calendar has no method '" + method + "' (known: "
                    + String.join("(), ", CALENDAR_METHODS.stream().sorted().toList()) + "())");
        };
    }

    private static String describe(Object v) {
        return v instanceof LocalDate ? "the date " + v : "the value \"" + v + "\"";
    }

    private void noArgs(String fn, List<Object> args) {
        if (!args.isEmpty()) {
            throw error(fn + "() takes no arguments");
        }
    }

    private String stringArg(String fn, List<Object> args, int index, int max) {
        if (args.size() > max || !(args.get(index) instanceof String s)) {
            throw error(fn + "() takes one quoted name");
        }
        return s;
    }

    /** A day count: absent means 1. */
    private int countArg(String fn, List<Object> args) {
        if (args.isEmpty()) {
            return 1;
        }
        if (args.size() > 1 || !(args.get(0) instanceof Long n) || n < 0 || n > 100_000) {
            throw error(fn + "() takes one number of days from 0 to 100000");
        }
        return n.intValue();
    }

    private List<Object> parseArguments() {
        skipSpaces();
        expect('(');
        List<Object> args = new ArrayList<>();
        skipSpaces();
        if (peek() == ')') {
            pos++;
            return args;
        }
        while (true) {
            skipSpaces();
            char c = peek();
            if (c == '"' || c == '\'') {
                args.add(parseString());
            } else if (Character.isDigit(c) || c == '-') {
                args.add(parseNumber());
            } else {
                throw error("expected a quoted string or a number");
            }
            skipSpaces();
            if (peek() == ',') {
                pos++;
            } else {
                expect(')');
                return args;
            }
        }
    }

    private Long parseNumber() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        while (Character.isDigit(peek())) {
            pos++;
        }
        String digits = formula.substring(start, pos);
        if (peek() == 'L' || peek() == 'l') {
            pos++;
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw errorAt(start, "'" + digits + "' is not a number");
        }
    }

    private String parseString() {
        char quote = formula.charAt(pos++);
        int start = pos;
        while (pos < formula.length() && formula.charAt(pos) != quote) {
            pos++;
        }
        if (pos >= formula.length()) {
            throw errorAt(start - 1, "the string is not closed with " + quote);
        }
        return formula.substring(start, pos++);
    }

    /** {@code a.b.c} up to the '(' of the call: the last part is the function, the others qualify it. */
    private List<String> parseQualifiedName() {
        List<String> parts = new ArrayList<>();
        parts.add(parseIdentifier());
        while (true) {
            skipSpaces();
            if (peek() != '.') {
                return parts;
            }
            pos++;
            parts.add(parseIdentifier());
        }
    }

    private String parseIdentifier() {
        skipSpaces();
        int start = pos;
        if (pos >= formula.length() || !Character.isJavaIdentifierStart(formula.charAt(pos))) {
            throw error(pos >= formula.length() ? "unexpected end of formula, expected a name" : "expected a name");
        }
        while (pos < formula.length() && Character.isJavaIdentifierPart(formula.charAt(pos))) {
            pos++;
        }
        return formula.substring(start, pos);
    }

    private void expect(char c) {
        skipSpaces();
        if (peek() != c) {
            throw error(pos >= formula.length() ? "unexpected end of formula, expected '" + c + "'" : "expected '" + c + "'");
        }
        pos++;
    }

    private char peek() {
        return pos < formula.length() ? formula.charAt(pos) : '\0';
    }

    private void skipSpaces() {
        while (pos < formula.length() && Character.isWhitespace(formula.charAt(pos))) {
            pos++;
        }
    }

    private InvalidInputException error(String message) {
        return errorAt(pos, message);
    }

    private InvalidInputException errorAt(int at, String message) {
        return new InvalidInputException("partitionColumnFormula '" + formula + "': " + message + " at position " + (at + 1));
    }
}
