package sediment.submit;

import sediment.core.job.JobKind;
import sediment.core.instance.Instance;
import sediment.core.schema.SchemaSerDe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Local instances for submitter tests, with the properties the platforms need. */
final class TestInstances {
    private TestInstances() {
    }

    static final String SCHEMA = """
            {"rowKeyFields":[{"name":"key","type":"LongType"}],"sortKeyFields":[],
             "valueFields":[{"name":"value","type":"StringType"}]}""";

    /** Properties every platform needs, as a user would set them. */
    static final String PLATFORM_PROPERTIES = """
            sleeper.id=test
            sleeper.bulk.import.jar.uri=s3://jars/sediment-spark-jobs-all.jar
            sleeper.bulk.import.emr.bootstrap.script.uri=s3://jars/emr-bootstrap/bootstrap.sh
            sleeper.bulk.import.emr.log.uri=s3://logs/emr/
            sleeper.bulk.import.keypair.name=my-key
            sleeper.subnets=subnet-1,subnet-2
            sleeper.bulk.import.eks.state.machine.arn=arn:aws:states:eu-west-2:123456789012:stateMachine:bulk-import-eks
            sleeper.bulk.import.eks.cluster.name=my-eks
            sleeper.bulk.import.eks.cluster.endpoint=https://ABC.gr7.eu-west-2.eks.amazonaws.com
            sleeper.bulk.import.eks.cluster.certificate.authority=Q0VSVA==
            sleeper.bulk.import.eks.image=123456789012.dkr.ecr.eu-west-2.amazonaws.com/sediment:test
            sleeper.errors.topic.arn=arn:aws:sns:eu-west-2:123456789012:errors
            sleeper.bulk.import.emr.job.queue.url=QUEUE/emr
            """;

    static Instance create(Path dir, String extraProperties) throws IOException {
        return create(dir, extraProperties, Map.of());
    }

    /** An instance with the platform properties, the extra ones, and table my-table with the given properties. */
    static Instance create(Path dir, String extraProperties, Map<String, String> tableProperties) throws IOException {
        Path root = dir.resolve("instance");
        Instance.init(root.toString(), null);
        Files.writeString(root.resolve(Instance.PROPERTIES_FILE), PLATFORM_PROPERTIES + extraProperties, StandardCharsets.UTF_8);
        Instance instance = Instance.open(root.toString());
        instance.createTable("my-table", SchemaSerDe.read("schema", SCHEMA.getBytes(StandardCharsets.UTF_8)), List.of(),
                tableProperties);
        return Instance.open(root.toString());
    }

    static SubmittedJob job(String json) {
        return SubmittedJob.read(JobKind.BULK_IMPORT, "job.json", json.getBytes(StandardCharsets.UTF_8), null);
    }
}
