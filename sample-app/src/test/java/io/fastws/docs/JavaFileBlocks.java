package io.fastws.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the Java code blocks that a Markdown document marks as complete files: fenced blocks whose info
 * string is {@code java title="<path of the file>"}.
 */
final class JavaFileBlocks {

	private static final Pattern OPENING_FENCE = Pattern
		.compile("^( {0,3})(`{3,}|~{3,})\\s*java\\s+title=\"([^\"]+)\"\\s*$");

	private JavaFileBlocks() {
	}

	/**
	 * Return the marked blocks of the given document, in order.
	 * @param document the Markdown file
	 * @param name the name to report the document by
	 * @return the blocks
	 * @throws IOException if the document cannot be read
	 */
	static List<JavaFileBlock> read(Path document, String name) throws IOException {
		List<String> lines = Files.readAllLines(document);
		List<JavaFileBlock> blocks = new ArrayList<>();
		for (int i = 0; i < lines.size(); i++) {
			Matcher opening = OPENING_FENCE.matcher(lines.get(i));
			if (!opening.matches()) {
				continue;
			}
			int indent = opening.group(1).length();
			String fence = opening.group(2);
			StringBuilder source = new StringBuilder();
			int end = i + 1;
			while (end < lines.size() && !isClosingFence(lines.get(end), fence)) {
				String line = lines.get(end);
				source.append(line, Math.min(indent, leadingSpaces(line)), line.length()).append('\n');
				end++;
			}
			if (end == lines.size()) {
				throw new IllegalStateException(name + ":" + (i + 1) + ": the code block is never closed");
			}
			blocks.add(new JavaFileBlock(name, i + 1, opening.group(3), source.toString()));
			i = end;
		}
		return blocks;
	}

	private static boolean isClosingFence(String line, String fence) {
		String trimmed = line.strip();
		return trimmed.length() >= fence.length() && trimmed.chars().allMatch((c) -> c == fence.charAt(0))
				&& leadingSpaces(line) <= 3;
	}

	private static int leadingSpaces(String line) {
		int spaces = 0;
		while (spaces < line.length() && line.charAt(spaces) == ' ') {
			spaces++;
		}
		return spaces;
	}

}
