package io.fastws.docs;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Java code block of a Markdown document that is marked as a complete source file.
 *
 * @param document the document's name, such as {@code docs/testing.md}
 * @param line the line of the block's opening fence, counted from 1
 * @param fileName the file the block is, such as {@code src/main/java/com/example/ItemsSocket.java}
 * @param source the block's content
 */
record JavaFileBlock(String document, int line, String fileName, String source) {

	private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);

	/**
	 * Return the package the source declares.
	 * @return the package name, empty for the default package
	 */
	String packageName() {
		Matcher matcher = PACKAGE.matcher(this.source);
		return matcher.find() ? matcher.group(1) : "";
	}

	/**
	 * Return the line of the document that holds the given line of the source.
	 * @param sourceLine a line of the source, counted from 1
	 * @return the line in the document
	 */
	long documentLine(long sourceLine) {
		return this.line + sourceLine;
	}

	@Override
	public String toString() {
		return this.document + ":" + this.line + " (" + this.fileName + ")";
	}

}
