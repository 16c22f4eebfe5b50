package sediment.submit;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FargateResourcesTest {

    private static Map<String, String> eks(String... overrides) {
        Map<String, String> conf = new HashMap<>(SparkConfLayers.EKS_DEFAULTS);
        for (int i = 0; i < overrides.length; i += 2) {
            conf.put(overrides[i], overrides[i + 1]);
        }
        return conf;
    }

    @Test
    void shouldAcceptTheSeedsDefaults() {
        assertThat(FargateResources.problems(eks())).isEmpty();
    }

    @Test
    void shouldAcceptOtherValidCombinations() {
        assertThat(FargateResources.problems(eks("spark.executor.cores", "2", "spark.executor.memory", "14g",
                "spark.driver.cores", "4", "spark.driver.memory", "28672m", "spark.driver.memoryOverhead", "2048"))).isEmpty();
        assertThat(FargateResources.problems(eks("spark.kubernetes.executor.request.cores", "500m",
                "spark.executor.memory", "3g"))).isEmpty();
    }

    @Test
    void shouldRejectMemoryOutsideTheRangeForTheCpuAndListTheChoices() {
        assertThat(FargateResources.problems(eks("spark.executor.memory", "10g"))).containsExactly(
                "The Spark executor asks Fargate for 1 vCPU (spark.executor.cores) and 11 GB of memory (spark.executor.memory 10g"
                        + " + spark.executor.memoryOverhead 1g), which Fargate cannot run; with 1 vCPU Fargate runs 2 to 8 GB in"
                        + " 1 GB steps. Fargate's choices are 0.25 vCPU: 0.5, 1 or 2 GB; 0.5 vCPU: 1 to 4 GB in 1 GB steps;"
                        + " 1 vCPU: 2 to 8 GB in 1 GB steps; 2 vCPU: 4 to 16 GB in 1 GB steps; 4 vCPU: 8 to 30 GB in 1 GB steps;"
                        + " 8 vCPU: 16 to 60 GB in 4 GB steps; 16 vCPU: 32 to 120 GB in 8 GB steps");
    }

    @Test
    void shouldRejectMemoryBetweenSteps() {
        assertThat(FargateResources.problems(eks("spark.driver.cores", "8", "spark.driver.memory", "17g")))
                .singleElement().asString().startsWith("The Spark driver asks Fargate for 8 vCPU (spark.driver.cores) and 18 GB")
                .contains("with 8 vCPU Fargate runs 16 to 60 GB in 4 GB steps");
        assertThat(FargateResources.problems(eks("spark.executor.memory", "7500m")))
                .singleElement().asString().contains("8.324 GB");
    }

    @Test
    void shouldRejectACpuCountFargateDoesNotHave() {
        assertThat(FargateResources.problems(eks("spark.executor.cores", "3", "spark.executor.memory", "11g")))
                .singleElement().asString().contains("Fargate has no 3 vCPU size");
    }

    @Test
    void shouldUseSparksDefaultOverheadWhenNoneIsSet() {
        Map<String, String> conf = eks();
        conf.remove("spark.executor.memoryOverhead");
        conf.put("spark.executor.memory", "7448m");  // + 744m (10%) = 8 GB
        assertThat(FargateResources.problems(conf)).isEmpty();
    }

    @Test
    void shouldReportSizesThatAreNotSizes() {
        assertThat(FargateResources.problems(eks("spark.executor.memory", "lots")))
                .containsExactly("spark.executor.memory 'lots' is not a size such as 7g or 512m");
    }

    @Test
    void shouldCheckAnEcsTasksSizeInCpuUnitsAndMebibytes() {
        assertThat(FargateResources.taskProblem("cpu", "2048", "memory", "4096")).isEmpty();
        assertThat(FargateResources.taskProblem("cpu", "256", "memory", "2048")).isEmpty();
        assertThat(FargateResources.taskProblem("cpu", "16384", "memory", "122880")).isEmpty();
        assertThat(FargateResources.taskProblem("cpu", "256", "memory", "1536")).contains("Fargate cannot run a task of 256"
                + " CPU units (cpu) and 1536 MiB (memory): with 0.25 vCPU Fargate runs 0.5, 1 or 2 GB");
        assertThat(FargateResources.taskProblem("cpu", "8192", "memory", "18432")).contains("Fargate cannot run a task of 8192"
                + " CPU units (cpu) and 18432 MiB (memory): with 8 vCPU Fargate runs 16 to 60 GB in 4 GB steps");
        assertThat(FargateResources.taskProblem("cpu", "3000", "memory", "8192")).contains("Fargate cannot run a task of 3000"
                + " CPU units (cpu) and 8192 MiB (memory): Fargate's CPU sizes are 256, 512, 1024, 2048, 4096, 8192 and 16384 units");
        assertThat(FargateResources.taskProblem("cpu", "2 vCPU", "memory", "4096"))
                .contains("cpu '2 vCPU' is not a whole number of CPU units (1024 = 1 vCPU)");
        assertThat(FargateResources.taskProblem("cpu", "1024", "memory", "4g")).contains("memory '4g' is not a whole number of MiB");
    }
}
