package dev.sextant.core.parsing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.sextant.api.request.ApiKind;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/** The chat prompt view is the compact JSON of the messages, however the client spaced them. */
class ChatMessagesViewProperties {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Property(tries = 300)
    void prettyAndCompactBodiesGiveTheCompactJsonOfTheMessages(@ForAll @Size(min = 1, max = 5) List<String> contents,
            @ForAll boolean asParts) throws Exception {
        ArrayNode messages = JSON.createArrayNode();
        for (int i = 0; i < contents.size(); i++) {
            var message = messages.addObject().put("role", i % 2 == 0 ? "user" : "assistant");
            if (asParts) {
                message.putArray("content").addObject().put("type", "text").put("text", contents.get(i));
            } else {
                message.put("content", contents.get(i));
            }
        }
        String compact = JSON.writeValueAsString(messages);
        String pretty = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(messages);

        for (String sent : List.of(compact, pretty)) {
            byte[] body = ("{\"model\":\"m\",\"messages\":" + sent + "}").getBytes(StandardCharsets.UTF_8);
            assertThat(RequestBodyParser.parse(ApiKind.CHAT_COMPLETIONS, body).prompt().text()).isEqualTo(compact);
        }
    }
}
