package io.fastws.server;

import io.fastws.FastWsTestApplication;
import io.fastws.WebSocket;
import io.fastws.annotation.Depends;
import io.fastws.annotation.WebSocketController;
import io.fastws.annotation.WebSocketMapping;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * An application whose handlers and dependencies throw Spring's HTTP errors before and after accepting.
 */
@FastWsTestApplication
@Import(HttpErrorTestApplication.HttpErrorController.class)
class HttpErrorTestApplication {

	@Bean
	TokenCheck tokenCheck() {
		return new TokenCheck();
	}

	/**
	 * Requires a token, as an authentication dependency would.
	 */
	static class TokenCheck {

		public String check(@RequestParam(required = false) String token) {
			if (token == null) {
				ErrorResponseException ex = new ErrorResponseException(HttpStatus.UNAUTHORIZED);
				ex.getHeaders().add(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
				ex.getBody().setDetail("A token is required");
				throw ex;
			}
			return token;
		}

	}

	@WebSocketController
	static class HttpErrorController {

		@WebSocketMapping("/needs-token")
		void needsToken(WebSocket webSocket, @Depends(TokenCheck.class) String token) {
			webSocket.accept();
			webSocket.sendText("hello " + token);
		}

		@WebSocketMapping("/teapot")
		void teapot(WebSocket webSocket) {
			throw new ResponseStatusException(HttpStatus.I_AM_A_TEAPOT, "Short and stout");
		}

		@WebSocketMapping("/forbidden-after-accept")
		void forbiddenAfterAccept(WebSocket webSocket) {
			webSocket.accept();
			throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Not your room");
		}

	}

}
