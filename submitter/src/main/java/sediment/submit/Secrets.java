package sediment.submit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Keys and secrets in a job's {@code sparkConf} or {@code platformSpec}, such as
 * {@code spark.hadoop.fs.s3a.secret.key}. A job spec is stored in the instance and sent in AWS requests
 * that anyone allowed to describe a step or an execution can read, so a secret never goes there:
 * cluster platforms refuse it, and what is printed or stored shows {@value #REDACTED} instead.
 */
public final class Secrets {
    public static final String REDACTED = "***";
    /** Names that hold a credential: secret/access keys, passwords, tokens, credentials. */
    private static final Pattern SECRET = Pattern.compile("secret|password|passwd|credential|token|access[._-]?key",
            Pattern.CASE_INSENSITIVE);
    /**
     * Names that match but hold no secret: which class supplies credentials, where a credential store
     * is, whether a token is used ({@code fs.s3a.aws.credentials.provider} is how IRSA is chosen).
     */
    private static final Pattern NOT_SECRET = Pattern.compile("(provider|provider\\.path|binding|enabled|file|class|type)$",
            Pattern.CASE_INSENSITIVE);
    /** A {@code key=value} argument (spark-submit's {@code --conf}) whose key is a secret. */
    private static final Pattern CONF_ARGUMENT = Pattern.compile("^([^=\\s]+)=(.*)$", Pattern.DOTALL);

    private Secrets() {
    }

    public static boolean isSecret(String key) {
        return SECRET.matcher(key).find() && !NOT_SECRET.matcher(key).find();
    }

    /** "sparkConf.KEY" for every secret the job's settings hold, in order. */
    public static List<String> find(SubmittedJob job) {
        List<String> found = new ArrayList<>();
        collect("sparkConf", job.sparkConf(), found);
        collect("platformSpec", job.platformSpec(), found);
        return found;
    }

    private static void collect(String field, Map<String, String> settings, List<String> found) {
        settings.keySet().stream().filter(Secrets::isSecret).forEach(k -> found.add(field + "." + k));
    }

    /**
     * A copy of a JSON document (a job spec, a dry run's requests) in which every field with a secret
     * name, and every {@code key=value} string with a secret key, shows {@value #REDACTED}.
     */
    public static JsonNode redact(JsonNode node) {
        JsonNode copy = node.deepCopy();
        redactInPlace(copy);
        return copy;
    }

    private static void redactInPlace(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (field.getValue().isValueNode() && isSecret(field.getKey())) {
                    field.setValue(TextNode.valueOf(REDACTED));
                } else {
                    redactInPlace(field.getValue());
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode element = array.get(i);
                if (element.isTextual()) {
                    array.set(i, TextNode.valueOf(redactArgument(element.asText())));
                } else {
                    redactInPlace(element);
                }
            }
        }
    }

    /** {@code KEY=VALUE} with a secret key becomes {@code KEY=***}; anything else is unchanged. */
    static String redactArgument(String argument) {
        var m = CONF_ARGUMENT.matcher(argument);
        return m.matches() && isSecret(m.group(1)) ? m.group(1) + "=" + REDACTED : argument;
    }

    /** Why a cluster platform refuses the job: which settings are secrets, and what to use instead. */
    static String refusal(List<String> secrets, Platform platform) {
        return String.join(", ", secrets) + (secrets.size() == 1 ? " holds " : " hold ") + (secrets.size() == 1 ? "a secret" : "secrets")
                + ", which would be stored in the instance and sent in AWS requests; give the " + platform
                + " job its credentials through " + switch (platform) {
                    case EKS -> "IAM roles for service accounts (IRSA) or EKS Pod Identity";
                    case EMR_SERVERLESS -> "the job run's execution role (sleeper.bulk.import.emr.serverless.execution.role.arn)";
                    case ECS -> "the task role of the ingest task definition (ecs/task-definition.json)";
                    default -> "the cluster's EC2 instance profile or an EMR runtime role";
                } + " (see docs/platforms.md)";
    }
}
