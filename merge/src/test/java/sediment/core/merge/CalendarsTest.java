package sediment.core.merge;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import sediment.core.error.InvalidInputException;
import sediment.core.storage.LocalStorage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CalendarsTest {
    final BusinessCalendar nyse = Calendars.builtIn().get("USNYSE");

    @Test
    void shouldShipTheNyseHolidaysOf2000To2030() {
        assertThat(nyse.holidays()).isEqualTo(NyseHolidayRules.holidays(2000, 2030));
        assertThat(nyse.firstDate()).isEqualTo(LocalDate.of(2000, 1, 1));
        assertThat(nyse.lastDate()).isEqualTo(LocalDate.of(2030, 12, 31));
        assertThat(nyse.timeZone().getId()).isEqualTo("America/New_York");
    }

    @Test
    void shouldMatchThePublishedNyseSchedule() {
        assertThat(nyse.holidays().keySet().stream().filter(d -> d.getYear() == 2025).map(LocalDate::toString))
                .containsExactly("2025-01-01", "2025-01-09", "2025-01-20", "2025-02-17", "2025-04-18", "2025-05-26",
                        "2025-06-19", "2025-07-04", "2025-09-01", "2025-11-27", "2025-12-25");
        assertThat(nyse.holidays().keySet().stream().filter(d -> d.getYear() == 2022).map(LocalDate::toString))
                .containsExactly("2022-01-17", "2022-02-21", "2022-04-15", "2022-05-30", "2022-06-20", "2022-07-04",
                        "2022-09-05", "2022-11-24", "2022-12-26");
        assertThat(nyse.isBusinessDay(LocalDate.of(2021, 12, 31))).isTrue(); // New Year 2022 fell on a Saturday
        assertThat(nyse.isBusinessDay(LocalDate.of(2012, 10, 29))).isFalse(); // Hurricane Sandy
    }

    @Test
    void shouldStepOverWeekendsAndHolidays() {
        // Tuesday 2024-01-16: the day before was MLK day, then the weekend.
        assertThat(nyse.previousBusinessDay(LocalDate.of(2024, 1, 16), 1)).isEqualTo(LocalDate.of(2024, 1, 12));
        assertThat(nyse.previousBusinessDay(LocalDate.of(2024, 1, 16), 2)).isEqualTo(LocalDate.of(2024, 1, 11));
        assertThat(nyse.nextBusinessDay(LocalDate.of(2024, 3, 28), 1)).isEqualTo(LocalDate.of(2024, 4, 1)); // Good Friday
        assertThat(nyse.previousBusinessDay(LocalDate.of(2024, 1, 15), 0)).isEqualTo(LocalDate.of(2024, 1, 12));
        assertThat(nyse.previousBusinessDay(LocalDate.of(2024, 1, 12), 0)).isEqualTo(LocalDate.of(2024, 1, 12));
    }

    @Test
    void shouldRefuseBusinessDaysOutsideTheYearsItCovers() {
        assertThatThrownBy(() -> nyse.nextBusinessDay(LocalDate.of(2030, 12, 31), 1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("Calendar USNYSE has holidays only from 2000-01-01 to 2030-12-31, so it cannot tell whether"
                        + " 2031-01-01 is a business day");
    }

    @Test
    void shouldNameTheKnownCalendarsForAnUnknownOne() {
        assertThatThrownBy(() -> Calendars.builtIn().get("LSE"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("Unknown calendar 'LSE': known calendars are USNYSE, UTC");
    }

    @Test
    void shouldReadCalendarsFromTheDbDirectory(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("XLON.json"), """
                {"name": "XLON", "timeZone": "Europe/London", "holidays": [{"date": "2024-12-26", "name": "Boxing Day"}]}
                """);
        Calendars calendars = Calendars.withDirectory(new LocalStorage(), LocalStorage.qualify(dir));
        assertThat(calendars.known()).containsExactly("USNYSE", "UTC", "XLON");
        BusinessCalendar xlon = calendars.get("XLON");
        assertThat(xlon.nextBusinessDay(LocalDate.of(2024, 12, 24), 1)).isEqualTo(LocalDate.of(2024, 12, 25));
        assertThat(xlon.nextBusinessDay(LocalDate.of(2024, 12, 25), 1)).isEqualTo(LocalDate.of(2024, 12, 27));

        Files.writeString(dir.resolve("BAD.json"), "{\"name\": \"BAD\", \"timeZone\": \"Mars/Olympus\"}");
        assertThatThrownBy(() -> calendars.get("BAD"))
                .hasMessageEndingWith("BAD.json: field 'timeZone' 'Mars/Olympus' is not a time zone id such as America/New_York");
    }
}
