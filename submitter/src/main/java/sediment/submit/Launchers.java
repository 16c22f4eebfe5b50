package sediment.submit;

import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emrserverless.EmrServerlessClient;
import software.amazon.awssdk.services.sfn.SfnClient;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** The launcher for each platform, on one set of AWS clients; clients are built on first use. */
public final class Launchers implements AutoCloseable {
    private final AwsClients aws;
    private final List<AutoCloseable> opened = new ArrayList<>();
    private EmrClient emr;
    private SfnClient sfn;
    private EmrServerlessClient emrServerless;
    private EcsClient ecs;
    private PersistentEmrLauncher persistentEmr;
    private PrintWriter localOut;
    private PrintWriter localErr;

    public Launchers(AwsClients aws) {
        this.aws = aws;
    }

    /** Uses this launcher for persistent EMR (tests set how it waits for EMR's step limit). */
    public Launchers withPersistentEmr(java.util.function.Function<EmrClient, PersistentEmrLauncher> factory) {
        this.persistentEmr = factory.apply(emr());
        return this;
    }

    /** Where a job run on the local platform prints its summary and warnings (by default nowhere). */
    public Launchers withLocalOutput(PrintWriter out, PrintWriter err) {
        this.localOut = out;
        this.localErr = err;
        return this;
    }

    /** The region the clients talk to. */
    public software.amazon.awssdk.regions.Region region() {
        return aws.region();
    }

    public PlatformLauncher forPlatform(Platform platform) {
        return switch (platform) {
            case LOCAL -> new LocalLauncher(localOut, localErr);
            case EMR -> new EmrLauncher(emr());
            case PERSISTENT_EMR -> persistentEmr != null ? persistentEmr : new PersistentEmrLauncher(emr());
            case EKS -> new EksLauncher(sfn());
            case EMR_SERVERLESS -> new EmrServerlessLauncher(emrServerless());
            case ECS -> new EcsLauncher(ecs());
        };
    }

    public synchronized EmrClient emr() {
        if (emr == null) {
            emr = aws.emr();
            opened.add(emr);
        }
        return emr;
    }

    public synchronized EmrServerlessClient emrServerless() {
        if (emrServerless == null) {
            emrServerless = aws.emrServerless();
            opened.add(emrServerless);
        }
        return emrServerless;
    }

    public synchronized EcsClient ecs() {
        if (ecs == null) {
            ecs = aws.ecs();
            opened.add(ecs);
        }
        return ecs;
    }

    public synchronized SfnClient sfn() {
        if (sfn == null) {
            sfn = aws.sfn();
            opened.add(sfn);
        }
        return sfn;
    }

    @Override
    public void close() {
        for (AutoCloseable c : opened) {
            try {
                c.close();
            } catch (Exception e) {
                // closing a client cannot fail in a way a user can act on
            }
        }
        if (aws != null) {
            aws.close();
        }
    }
}
