package sediment.submit;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One AWS request as it goes on the wire: the operation (the X-Amz-Target header of AWS's JSON
 * protocols, e.g. {@code ElasticMapReduce.RunJobFlow}), the method and URL, and the JSON body.
 */
@JsonPropertyOrder({"operation", "method", "url", "body"})
public record WireRequest(String operation, String method, String url, JsonNode body) {
}
