package io.fastws;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes and reads the JSON of WebSocket messages with the application's {@link JsonMapper}: compact, with
 * non-ASCII characters written as they are.
 */
final class JsonCodec {

	private final JsonMapper jsonMapper;

	JsonCodec(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	OutboundMessage encode(Object value, JsonMode mode) {
		String json;
		try {
			json = this.jsonMapper.writeValueAsString(value);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException(
					"Cannot write " + value.getClass().getName() + " as JSON: " + ex.getOriginalMessage(), ex);
		}
		return (mode == JsonMode.BINARY) ? new OutboundMessage.SendBytes(json.getBytes(StandardCharsets.UTF_8))
				: new OutboundMessage.SendText(json);
	}

	<T> T decode(InboundMessage message, JsonMode mode, Class<T> type) {
		String json = switch (mode) {
			case TEXT -> {
				if (!(message instanceof InboundMessage.ReceiveText text)) {
					throw InvalidMessageException.unexpectedType("text", message);
				}
				yield text.text();
			}
			case BINARY -> {
				if (!(message instanceof InboundMessage.ReceiveBytes bytes)) {
					throw InvalidMessageException.unexpectedType("binary", message);
				}
				yield new String(bytes.bytes(), StandardCharsets.UTF_8);
			}
		};
		try {
			return this.jsonMapper.readValue(json, type);
		}
		catch (JacksonException ex) {
			throw InvalidMessageException.invalidJson(type, ex.getOriginalMessage());
		}
	}

	/**
	 * Read a text message, or a binary one in UTF-8, as JSON of the given type.
	 * @throws JacksonException if the message is not JSON of that type
	 */
	@Nullable Object read(InboundMessage message, Type type) {
		if (message instanceof InboundMessage.ReceiveBytes bytes) {
			return this.jsonMapper.readValue(bytes.bytes(), this.jsonMapper.constructType(type));
		}
		return this.jsonMapper.readValue(((InboundMessage.ReceiveText) message).text(),
				this.jsonMapper.constructType(type));
	}

}
