package io.fastws;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link WebSocketDisconnect}, {@link WebSocketException} and {@link CloseCodes}: spec items A22,
 * A30 and B14.
 */
class WebSocketExceptionTests {

	@Test
	void disconnectDefaultsToNormalClosureWithAnEmptyReason() {
		WebSocketDisconnect disconnect = new WebSocketDisconnect();
		assertThat(disconnect.getCode()).isEqualTo(1000);
		assertThat(disconnect.getReason()).isEmpty();
		assertThat(new WebSocketDisconnect(1001, null).getReason()).isEmpty();
		assertThat(disconnect).isInstanceOf(RuntimeException.class).isNotInstanceOf(IllegalStateException.class);
	}

	@Test
	void disconnectMessageShowsCodeAndReasonAsStarletteDoes() {
		assertThat(new WebSocketDisconnect(1000, "")).hasMessage("(1000, '')");
		assertThat(new WebSocketDisconnect(1001, "Going Away")).hasMessage("(1001, 'Going Away')");
	}

	@Test
	void webSocketExceptionKeepsCodeAndReasonAndPrintsLikeStarlette() {
		WebSocketException exception = new WebSocketException(CloseCodes.WS_1008_POLICY_VIOLATION, "Policy Violation");
		assertThat(exception.getCode()).isEqualTo(1008);
		assertThat(exception.getReason()).isEqualTo("Policy Violation");
		assertThat(exception).hasMessage("1008: Policy Violation");
		assertThat(exception.toString()).isEqualTo("WebSocketException(code=1008, reason='Policy Violation')");
		assertThat(new WebSocketException(1008)).hasMessage("1008: ");
		assertThat(new WebSocketException(1008, null).getReason()).isEmpty();
	}

	@Test
	void webSocketExceptionWithACodeThatCannotBeSentIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new WebSocketException(1006))
			.withMessageStartingWith("Close code 1006 cannot be sent");
	}

	@Test
	void stateErrorsAreIllegalStateExceptions() {
		assertThat(new WebSocketNotConnectedException("x")).isInstanceOf(WebSocketStateException.class)
			.isInstanceOf(IllegalStateException.class);
	}

	@Test
	void closeCodeConstantsHaveStarlettesNamesAndValues() {
		assertThat(new int[] { CloseCodes.WS_1000_NORMAL_CLOSURE, CloseCodes.WS_1001_GOING_AWAY,
				CloseCodes.WS_1002_PROTOCOL_ERROR, CloseCodes.WS_1003_UNSUPPORTED_DATA,
				CloseCodes.WS_1005_NO_STATUS_RCVD, CloseCodes.WS_1006_ABNORMAL_CLOSURE,
				CloseCodes.WS_1007_INVALID_FRAME_PAYLOAD_DATA, CloseCodes.WS_1008_POLICY_VIOLATION,
				CloseCodes.WS_1009_MESSAGE_TOO_BIG, CloseCodes.WS_1010_MANDATORY_EXT,
				CloseCodes.WS_1011_INTERNAL_ERROR, CloseCodes.WS_1012_SERVICE_RESTART,
				CloseCodes.WS_1013_TRY_AGAIN_LATER, CloseCodes.WS_1014_BAD_GATEWAY, CloseCodes.WS_1015_TLS_HANDSHAKE })
			.containsExactly(1000, 1001, 1002, 1003, 1005, 1006, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 1015);
	}

	@Test
	void onlyCodesAllowedOnTheWireAreSendable() {
		assertThat(CloseCodes.isSendable(CloseCodes.WS_1008_POLICY_VIOLATION)).isTrue();
		assertThat(CloseCodes.isSendable(4999)).isTrue();
		assertThat(CloseCodes.isSendable(CloseCodes.WS_1005_NO_STATUS_RCVD)).isFalse();
		assertThat(CloseCodes.isSendable(CloseCodes.WS_1006_ABNORMAL_CLOSURE)).isFalse();
		assertThat(CloseCodes.isSendable(CloseCodes.WS_1015_TLS_HANDSHAKE)).isFalse();
		assertThat(CloseCodes.isSendable(999)).isFalse();
	}

	@Test
	void longReasonsAreTruncatedToFitACloseFrameAtACharacterBoundary() {
		String truncated = CloseCodes.truncateReason("数".repeat(100));
		assertThat(truncated.getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSizeLessThanOrEqualTo(123);
		assertThat(truncated).startsWith("数数").endsWith("...");
		assertThat(CloseCodes.truncateReason("short")).isEqualTo("short");
		assertThat(CloseCodes.truncateReason(null)).isEmpty();
	}

}
