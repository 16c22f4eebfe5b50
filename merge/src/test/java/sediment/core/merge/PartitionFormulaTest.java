package sediment.core.merge;

import org.junit.jupiter.api.Test;
import sediment.core.error.InvalidInputException;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PartitionFormulaTest {
    // Tuesday 2024-01-16 03:00 UTC: still Monday 2024-01-15 (MLK day) in New York.
    final Clock clock = Clock.fixed(Instant.parse("2024-01-16T03:00:00Z"), ZoneId.of("UTC"));
    final Calendars calendars = Calendars.builtIn();

    String eval(String formula) {
        return PartitionFormula.evaluate(formula, clock, calendars);
    }

    @Test
    void shouldTakeAQuotedValueLiterally() {
        assertThat(eval("\"2017-01-01\"")).isEqualTo("2017-01-01");
        assertThat(eval(" '2017-01-02' ")).isEqualTo("2017-01-02");
    }

    @Test
    void shouldEvaluateTheSeedsCalendarFormula() {
        assertThat(eval("com.illumon.util.calendar.Calendars.calendar(\"USNYSE\").previousDay(1)")).isEqualTo("2024-01-14");
        assertThat(eval("Calendars.calendar(\"USNYSE\").previousBusinessDay(1)")).isEqualTo("2024-01-12");
        assertThat(eval("calendar('USNYSE').previousBusinessDay(2)")).isEqualTo("2024-01-11");
        assertThat(eval("Calendars.calendar().nextBusinessDay()")).isEqualTo("2024-01-16");
        assertThat(eval("calendar(\"UTC\").currentDay()")).isEqualTo("2024-01-16");
        assertThat(eval("previousBusinessDay(1)")).isEqualTo("2024-01-12");
    }

    @Test
    void shouldTellTodayInAZone() {
        assertThat(eval("currentDateNy()")).isEqualTo("2024-01-15");
        assertThat(eval("today()")).isEqualTo("2024-01-16");
        assertThat(eval("today(\"America/Los_Angeles\")")).isEqualTo("2024-01-15");
    }

    @Test
    void shouldNameTheProblemAndWhereItIs() {
        assertThatThrownBy(() -> eval("Calendars.calendar(\"USNYSE\").previousDay(1"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("partitionColumnFormula 'Calendars.calendar(\"USNYSE\").previousDay(1': unexpected end of formula,"
                        + " expected ')' at position 43");
        assertThatThrownBy(() -> eval("yesterday()")).hasMessageContaining("unknown function 'yesterday'");
        assertThatThrownBy(() -> eval("2017-01-01")).hasMessageContaining("expected a name at position 1");
        assertThatThrownBy(() -> eval("\"2017-01-01")).hasMessageContaining("the string is not closed");
        assertThatThrownBy(() -> eval("Calendars.calendar(\"USNYSE\")")).hasMessageContaining("is not a date");
        assertThatThrownBy(() -> eval("calendar(\"USNYSE\").tomorrow()")).hasMessageContaining("calendar has no method 'tomorrow'");
    }

    @Test
    void shouldReportAnUnknownCalendarWithTheFormula() {
        assertThatThrownBy(() -> eval("Calendars.calendar(\"XNYS\").previousBusinessDay(1)"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("partitionColumnFormula 'Calendars.calendar(\"XNYS\").previousBusinessDay(1)': Unknown calendar 'XNYS':"
                        + " known calendars are USNYSE, UTC");
    }
}
