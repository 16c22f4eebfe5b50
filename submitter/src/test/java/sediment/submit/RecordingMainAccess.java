package sediment.submit;

import java.util.List;
import java.util.Map;

/** Lets tests in other packages read what {@link RecordingMain} recorded. */
public final class RecordingMainAccess {
    private RecordingMainAccess() {
    }

    public static List<String> args() {
        return RecordingMain.args;
    }

    public static Map<String, String> sparkProperties() {
        return RecordingMain.sparkProperties;
    }
}
