package io.fastws.sample;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.remote.http.ClientConfig;

import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A headless Debian Chromium driven through Selenium, with the page helpers the sample's browser tests
 * share. Nothing is downloaded: the browser and its driver are the system's.
 */
final class Browser implements AutoCloseable {

	private static final File CHROMIUM = new File("/usr/bin/chromium");

	private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

	private static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private final ChromeDriver driver;

	private final Path userDataDir;

	private Browser(ChromeDriver driver, Path userDataDir) {
		this.driver = driver;
		this.userDataDir = userDataDir;
	}

	static Browser start() throws IOException {
		assertThat(CHROMIUM).as("Chromium (apt-get install chromium chromium-driver, or run bash .ci/run)").canRead();
		assertThat(CHROMEDRIVER).as("ChromeDriver (apt-get install chromium-driver, or run bash .ci/run)").canRead();
		Path userDataDir = Files.createTempDirectory("fastws-chromium-");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM);
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--window-size=1100,900", "--user-data-dir=" + userDataDir);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
			.usingAnyFreePort()
			.build();
		options.setPageLoadTimeout(Duration.ofSeconds(30));
		ClientConfig commands = ClientConfig.defaultConfig().readTimeout(Duration.ofSeconds(60));
		return new Browser(new ChromeDriver(service, options, commands), userDataDir);
	}

	WebDriver driver() {
		return this.driver;
	}

	void open(String url) {
		this.driver.get(url);
	}

	WebElement element(String id) {
		return this.driver.findElement(By.id(id));
	}

	void type(String id, String text) {
		WebElement field = element(id);
		field.clear();
		field.sendKeys(text);
	}

	void awaitStatus(String text) {
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(element("status").getText()).isEqualTo(text));
	}

	void send(String text) {
		await().atMost(Duration.ofSeconds(10)).until(() -> element("messageText").isEnabled());
		type("messageText", text);
		element("send").click();
	}

	List<String> messages() {
		return this.driver.findElements(By.cssSelector("#messages li")).stream().map(WebElement::getText).toList();
	}

	void awaitMessages(String... expected) {
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(messages()).containsExactly(expected));
	}

	void screenshot(String name) throws IOException {
		Files.createDirectories(SCREENSHOTS);
		File file = this.driver.getScreenshotAs(OutputType.FILE);
		Files.copy(file.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
	}

	@Override
	public void close() {
		try {
			this.driver.quit();
		}
		finally {
			try {
				FileSystemUtils.deleteRecursively(this.userDataDir);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

}
