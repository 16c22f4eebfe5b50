package sediment.ingest;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import sediment.core.error.SedimentException;
import sediment.core.instance.Instance;
import sediment.core.job.BulkImportJob;
import sediment.core.job.JobArguments;
import sediment.core.job.JobMain;
import sediment.core.job.JobResult;

import java.io.IOException;
import java.io.InputStream;

/**
 * The standard ingest as a process of its own, taking the job contract's arguments
 * ({@code --instance URI [--platform NAME] JOB.json}): what one container (an ECS task) runs for one
 * job, and what {@code bench ingest} starts with a small heap. No Spark.
 */
public final class IngestMain implements JobMain {

    public static void main(String[] args) {
        JobMain.main(new IngestMain(), args);
    }

    @Override
    public JobResult run(JobArguments arguments) {
        Configuration conf = new Configuration();
        Path jobPath = new Path(arguments.jobUri());
        byte[] content;
        try (InputStream in = jobPath.getFileSystem(conf).open(jobPath)) {
            content = in.readAllBytes();
        } catch (IOException e) {
            throw new SedimentException("Cannot read the job spec " + arguments.jobUri() + ": " + e.getMessage(), e);
        }
        BulkImportJob job = BulkImportJob.read(arguments.jobUri(), content);
        IngestJobRunner.Outcome outcome = new IngestJobRunner(Instance.open(arguments.instance(), conf), conf)
                .run(job, arguments.platform(), IngestProgress.NONE);
        return new JobResult(job.id(), outcome.result().summary(), outcome.warnings());
    }
}
