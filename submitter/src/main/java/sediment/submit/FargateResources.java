package sediment.submit;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Checks that the Spark driver and executor pods, and ECS ingest tasks, ask for a CPU and memory combination
 * AWS Fargate can run. As the seed says, a pod's memory is {@code spark.<role>.memory} plus
 * {@code spark.<role>.memoryOverhead}; its CPU is {@code spark.kubernetes.<role>.request.cores} if set,
 * else {@code spark.<role>.cores}.
 */
public final class FargateResources {
    private FargateResources() {
    }

    /** One vCPU size and the memory sizes (MiB) Fargate runs with it. */
    record Choice(BigDecimal vcpu, long minMiB, long maxMiB, long stepMiB, String text) {
        boolean allows(long mib) {
            // 0.25 vCPU takes 0.5, 1 or 2 GB: the steps double rather than add.
            boolean onStep = vcpu.compareTo(new BigDecimal("0.25")) == 0 ? (mib == 512 || mib == 1024 || mib == 2048)
                    : (mib - minMiB) % stepMiB == 0;
            return mib >= minMiB && mib <= maxMiB && onStep;
        }
    }

    static final List<Choice> CHOICES = List.of(
            new Choice(new BigDecimal("0.25"), 512, 2048, 512, "0.25 vCPU: 0.5, 1 or 2 GB"),
            new Choice(new BigDecimal("0.5"), 1024, 4096, 1024, "0.5 vCPU: 1 to 4 GB in 1 GB steps"),
            new Choice(new BigDecimal("1"), 2048, 8192, 1024, "1 vCPU: 2 to 8 GB in 1 GB steps"),
            new Choice(new BigDecimal("2"), 4096, 16384, 1024, "2 vCPU: 4 to 16 GB in 1 GB steps"),
            new Choice(new BigDecimal("4"), 8192, 30720, 1024, "4 vCPU: 8 to 30 GB in 1 GB steps"),
            new Choice(new BigDecimal("8"), 16384, 61440, 4096, "8 vCPU: 16 to 60 GB in 4 GB steps"),
            new Choice(new BigDecimal("16"), 32768, 122880, 8192, "16 vCPU: 32 to 120 GB in 8 GB steps"));

    /** One message per pod role whose resources Fargate cannot run; empty when both fit. */
    public static List<String> problems(Map<String, String> sparkConf) {
        List<String> problems = new ArrayList<>();
        for (String role : List.of("driver", "executor")) {
            check(role, sparkConf).ifPresent(problems::add);
        }
        return problems;
    }

    /**
     * Why a Fargate task of {@code cpuUnits} (1024 = 1 vCPU) and {@code memoryMiB} cannot run, naming the two
     * settings they came from; empty when Fargate runs that size.
     */
    public static Optional<String> taskProblem(String cpuSetting, String cpuUnits, String memorySetting, String memoryMiB) {
        long cpu;
        long memory;
        try {
            cpu = Long.parseLong(cpuUnits.trim());
        } catch (NumberFormatException e) {
            return Optional.of(cpuSetting + " '" + cpuUnits + "' is not a whole number of CPU units (1024 = 1 vCPU)");
        }
        try {
            memory = Long.parseLong(memoryMiB.trim());
        } catch (NumberFormatException e) {
            return Optional.of(memorySetting + " '" + memoryMiB + "' is not a whole number of MiB");
        }
        BigDecimal vcpu = BigDecimal.valueOf(cpu).divide(BigDecimal.valueOf(1024));
        Optional<Choice> choice = CHOICES.stream().filter(c -> c.vcpu().compareTo(vcpu) == 0).findFirst();
        if (choice.isPresent() && choice.get().allows(memory)) {
            return Optional.empty();
        }
        String why = choice.map(c -> "with " + c.text().replace(":", " Fargate runs"))
                .orElse("Fargate's CPU sizes are 256, 512, 1024, 2048, 4096, 8192 and 16384 units");
        return Optional.of("Fargate cannot run a task of " + cpu + " CPU units (" + cpuSetting + ") and " + memory + " MiB ("
                + memorySetting + "): " + why);
    }

    private static Optional<String> check(String role, Map<String, String> conf) {
        String coresKey = conf.containsKey("spark.kubernetes." + role + ".request.cores")
                ? "spark.kubernetes." + role + ".request.cores" : "spark." + role + ".cores";
        String coresText = conf.getOrDefault(coresKey, "1");
        String memoryKey = "spark." + role + ".memory";
        String overheadKey = "spark." + role + ".memoryOverhead";
        BigDecimal vcpu;
        try {
            String c = coresText.trim();
            vcpu = c.endsWith("m") ? new BigDecimal(c.substring(0, c.length() - 1)).movePointLeft(3) : new BigDecimal(c);
        } catch (NumberFormatException e) {
            return Optional.of(coresKey + " '" + coresText + "' is not a number of cores");
        }
        long memory;
        long overhead;
        try {
            memory = mebibytes(conf.getOrDefault(memoryKey, "1g"));
        } catch (NumberFormatException e) {
            return Optional.of(memoryKey + " '" + conf.get(memoryKey) + "' is not a size such as 7g or 512m");
        }
        try {
            overhead = conf.containsKey(overheadKey) ? mebibytes(conf.get(overheadKey)) : Math.max(384, memory / 10);
        } catch (NumberFormatException e) {
            return Optional.of(overheadKey + " '" + conf.get(overheadKey) + "' is not a size such as 1g or 512m");
        }
        long total = memory + overhead;
        Optional<Choice> choice = CHOICES.stream().filter(c -> c.vcpu().compareTo(vcpu) == 0).findFirst();
        if (choice.isPresent() && choice.get().allows(total)) {
            return Optional.empty();
        }
        String asked = String.format(Locale.ROOT, "The Spark %s asks Fargate for %s vCPU (%s) and %s of memory (%s %s + %s %s)",
                role, vcpu.stripTrailingZeros().toPlainString(), coresKey, gigabytes(total), memoryKey,
                conf.getOrDefault(memoryKey, "1g"), overheadKey, conf.getOrDefault(overheadKey, overhead + "m"));
        String why = choice.map(c -> "; with " + c.text().replace(":", " Fargate runs"))
                .orElse("; Fargate has no " + vcpu.stripTrailingZeros().toPlainString() + " vCPU size");
        StringBuilder valid = new StringBuilder();
        for (Choice c : CHOICES) {
            valid.append(valid.isEmpty() ? "" : "; ").append(c.text());
        }
        return Optional.of(asked + ", which Fargate cannot run" + why + ". Fargate's choices are " + valid);
    }

    private static String gigabytes(long mib) {
        return BigDecimal.valueOf(mib).divide(BigDecimal.valueOf(1024), 3, java.math.RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString() + " GB";
    }

    /** A Spark memory size in MiB: a number with an optional unit (k, m, g, t; b for bytes), MiB when none. */
    static long mebibytes(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        int i = 0;
        while (i < t.length() && Character.isDigit(t.charAt(i))) {
            i++;
        }
        if (i == 0) {
            throw new NumberFormatException(text);
        }
        long n = Long.parseLong(t.substring(0, i));
        String unit = t.substring(i);
        return switch (unit) {
            case "", "m", "mb" -> n;
            case "k", "kb" -> n / 1024;
            case "g", "gb" -> n * 1024;
            case "t", "tb" -> n * 1024 * 1024;
            case "b" -> n / (1024 * 1024);
            default -> throw new NumberFormatException(text);
        };
    }
}
