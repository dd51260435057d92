package io.fastws.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link LoadTool} in a process of its own, pinned to the other core.
 */
final class LoadProcess implements AutoCloseable {

	private final Process process;

	private final BufferedReader output;

	private LoadProcess(Process process) {
		this.process = process;
		this.output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
	}

	static LoadProcess start(String core, String... arguments) throws IOException {
		List<String> command = new ArrayList<>(List.of("taskset", "-c", core, ProcessHandle.current()
			.info()
			.command()
			.orElse("java"), "-Xmx2g", "-cp", System.getProperty("java.class.path"), LoadTool.class.getName()));
		command.addAll(List.of(arguments));
		return new LoadProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
	}

	/**
	 * Read output lines until one starts with the given prefix.
	 * @return the words after the prefix
	 */
	String[] await(String prefix) throws IOException {
		for (String line = this.output.readLine(); line != null; line = this.output.readLine()) {
			if (line.startsWith(prefix + " ") || line.equals(prefix)) {
				return line.substring(prefix.length()).trim().split(" ");
			}
			System.err.println("  load tool: " + line);
		}
		throw new IllegalStateException("The load tool ended without printing " + prefix);
	}

	void tell(String line) throws IOException {
		Writer input = new OutputStreamWriter(this.process.getOutputStream(), StandardCharsets.UTF_8);
		input.write(line + "\n");
		input.flush();
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		this.process.waitFor();
	}

}
