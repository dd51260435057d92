package io.fastws.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Compiles every Java code block of {@code README.md} and {@code docs/*.md} that is marked as a complete
 * file, against the class path of these tests: the starter, {@code fastws-test}, JUnit and Spring Boot's
 * test support.
 *
 * <p>A block is marked as a complete file by the info string of its fence: {@code java}, then
 * {@code title="<path>"} with the path the file has in an application. GitHub highlights such a block as
 * Java and ignores the title; documentation sites such as MkDocs show the title above the block.
 * <pre>
 * ```java title="src/main/java/com/example/ItemsSocket.java"
 * package com.example;
 *
 * import ...;
 *
 * class ItemsSocket { ... }
 * ```
 * </pre>
 * A marked block is the whole file, package and imports included; its path ends with the directories of
 * its package and the name of a type it declares. The marked blocks of one document that declare the same
 * package compile together, so a test may use the controller shown above it; each document compiles on
 * its own, and blocks without a title, such as fragments, are not compiled. The options are the
 * project's own: {@code --release 17} and {@code -parameters}. Each error fails the test with the
 * document, the line, the line of the block and the compiler's message.
 */
class DocumentationSnippetsTests {

	private static final Path PROJECT = projectDirectory();

	@TempDir
	Path classes;

	@TestFactory
	Stream<DynamicTest> markedJavaBlocksCompile() throws IOException {
		List<DynamicTest> tests = new ArrayList<>();
		for (Path document : documents()) {
			for (List<JavaFileBlock> blocks : byPackage(blocksOf(document)).values()) {
				JavaFileBlock first = blocks.get(0);
				tests.add(dynamicTest(first.document() + ", package " + first.packageName(), () -> {
					Path output = Files.createTempDirectory(this.classes, "classes");
					List<String> errors = new JavaFileBlockCompiler(classPath(), output).compile(blocks);
					assertThat(errors).as("compiler errors").isEmpty();
				}));
			}
		}
		return tests.stream();
	}

	@Test
	void readmeMarksItsQuickStartFiles() throws IOException {
		assertThat(blocksOf(PROJECT.resolve("README.md"))).extracting(JavaFileBlock::fileName)
			.contains("src/main/java/com/example/ItemsSocket.java", "src/main/java/com/example/CookieOrToken.java",
					"src/test/java/com/example/ItemsSocketTests.java");
	}

	@Test
	void testingGuideMarksItsCompleteExamples() throws IOException {
		assertThat(blocksOf(PROJECT.resolve("docs/testing.md"))).isNotEmpty();
	}

	private static List<Path> documents() throws IOException {
		List<Path> documents = new ArrayList<>();
		documents.add(PROJECT.resolve("README.md"));
		try (Stream<Path> docs = Files.list(PROJECT.resolve("docs"))) {
			docs.filter((path) -> path.toString().endsWith(".md")).sorted().forEach(documents::add);
		}
		return documents;
	}

	private static List<JavaFileBlock> blocksOf(Path document) throws IOException {
		return JavaFileBlocks.read(document, PROJECT.relativize(document).toString().replace('\\', '/'));
	}

	private static Map<String, List<JavaFileBlock>> byPackage(List<JavaFileBlock> blocks) {
		Map<String, List<JavaFileBlock>> byPackage = new LinkedHashMap<>();
		blocks.forEach((block) -> byPackage.computeIfAbsent(block.packageName(), (name) -> new ArrayList<>())
			.add(block));
		return byPackage;
	}

	private static String classPath() {
		return System.getProperty("java.class.path");
	}

	private static Path projectDirectory() {
		Path directory = Path.of("").toAbsolutePath();
		while (directory != null && !Files.isDirectory(directory.resolve(".mvn"))) {
			directory = directory.getParent();
		}
		assertThat(directory).as("the project directory, with README.md and docs/").isNotNull();
		return directory;
	}

}
