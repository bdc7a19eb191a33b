package dev.sextant.core.parsing;

import static dev.sextant.core.parsing.RequestBodyParser.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sextant.api.request.ApiKind;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class ModelRewriteTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void replacesOnlyTheModelBytes() {
        String body = "{ \"prompt\" : \"é ünïcode\",\n  \"model\" :\t\"base\" , \"x\": [1, 2] }";
        ParsedBody parsed = RequestBodyParser.parse(ApiKind.COMPLETIONS, utf8(body));
        byte[] out = ModelRewrite.apply(utf8(body), parsed, "base-lora-\"7\"");
        assertThat(ModelRewrite.text(out))
                .isEqualTo("{ \"prompt\" : \"é ünïcode\",\n  \"model\" :\t\"base-lora-\\\"7\\\"\" , \"x\": [1, 2] }");
    }

    @Test
    void sameModelReturnsTheSameArray() {
        byte[] body = utf8("{\"model\":\"m\",\"prompt\":\"p\"}");
        assertThat(ModelRewrite.apply(body, RequestBodyParser.parse(ApiKind.COMPLETIONS, body), "m")).isSameAs(body);
    }

    @Property
    void rewrittenBodyEqualsTheOriginalExceptForTheModel(@ForAll @StringLength(max = 40) String oldModel,
            @ForAll @StringLength(min = 1, max = 40) String newModel, @ForAll @StringLength(max = 60) String prompt)
            throws Exception {
        if (oldModel.isBlank()) {
            return;
        }
        ObjectNode node = JSON.createObjectNode().put("prompt", prompt).put("model", oldModel).put("n", 3);
        byte[] body = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(node);
        byte[] out = ModelRewrite.apply(body, RequestBodyParser.parse(ApiKind.COMPLETIONS, body), newModel);
        JsonNode rewritten = JSON.readTree(out);
        assertThat(rewritten.get("model").textValue()).isEqualTo(newModel);
        node.put("model", newModel);
        assertThat(rewritten).isEqualTo(node);
    }
}
