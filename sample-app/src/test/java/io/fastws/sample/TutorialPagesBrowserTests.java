package io.fastws.sample;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WindowType;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The three tutorial pages in a real headless Chromium: a person's typing and the replies they read. Each
 * test saves a screenshot under {@code target/screenshots}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class TutorialPagesBrowserTests {

	@LocalServerPort
	private int port;

	private Browser browser;

	@BeforeEach
	void startBrowser() throws Exception {
		this.browser = Browser.start();
	}

	@AfterEach
	void stopBrowser() {
		this.browser.close();
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

	@Test
	void echoPageShowsEveryMessageComingBack() throws Exception {
		this.browser.open(url("/"));
		this.browser.awaitStatus("Connected");
		this.browser.send("Hello browser");
		this.browser.send("Second line");
		this.browser.awaitMessages("Message text was: Hello browser", "Message text was: Second line");
		this.browser.screenshot("echo");
	}

	@Test
	void itemsPageConnectsWithATokenAndQ() throws Exception {
		this.browser.open(url("/items"));
		this.browser.type("itemId", "foo");
		this.browser.type("token", "some-token");
		this.browser.type("q", "3");
		this.browser.element("connect").click();
		this.browser.awaitStatus("Connected to item foo");
		this.browser.send("Hi there");
		this.browser.awaitMessages("Session cookie or query token value is: some-token", "Query parameter q is: 3",
				"Message text was: Hi there, for item ID: foo");
		this.browser.screenshot("items");
	}

	@Test
	void itemsPageExplainsARefusedConnection() throws Exception {
		this.browser.open(url("/items"));
		this.browser.type("token", "");
		this.browser.element("token").clear();
		this.browser.element("connect").click();
		this.browser.awaitStatus("The server refused the connection: give a token, or set a session cookie, "
				+ "and make q a whole number.");
		assertThat(this.browser.element("messageText").isEnabled()).isFalse();
		this.browser.screenshot("items-refused");
	}

	@Test
	void twoChatTabsTalkAndOneSeesTheOtherLeave() throws Exception {
		this.browser.open(url("/chat"));
		this.browser.awaitStatus("Connected");
		String firstTab = this.browser.driver().getWindowHandle();
		String firstId = this.browser.element("ws-id").getText();
		this.browser.driver().switchTo().newWindow(WindowType.TAB);
		String secondTab = this.browser.driver().getWindowHandle();
		this.browser.open(url("/chat"));
		this.browser.awaitStatus("Connected");
		String secondId = this.browser.element("ws-id").getText();
		assertThat(secondId).isNotEqualTo(firstId);
		this.browser.send("Hello from the second tab");
		this.browser.awaitMessages("You wrote: Hello from the second tab",
				"Client #" + secondId + " says: Hello from the second tab");
		this.browser.driver().switchTo().window(firstTab);
		this.browser.send("Hi, second");
		this.browser.awaitMessages("Client #" + secondId + " says: Hello from the second tab",
				"You wrote: Hi, second", "Client #" + firstId + " says: Hi, second");
		this.browser.driver().switchTo().window(secondTab);
		this.browser.driver().close();
		this.browser.driver().switchTo().window(firstTab);
		List<String> expected = new ArrayList<>(List.of("Client #" + secondId + " says: Hello from the second tab",
				"You wrote: Hi, second", "Client #" + firstId + " says: Hi, second",
				"Client #" + secondId + " left the chat"));
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(this.browser.messages()).isEqualTo(expected));
		this.browser.screenshot("chat");
	}

}
