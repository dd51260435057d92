package io.fastws.docs;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles {@link JavaFileBlock JavaFileBlocks} together against a class path, as the project compiles its
 * own sources ({@code --release 17}, {@code -parameters}), and reports each error with where it is in the
 * document.
 */
final class JavaFileBlockCompiler {

	private final String classPath;

	private final Path outputDirectory;

	JavaFileBlockCompiler(String classPath, Path outputDirectory) {
		this.classPath = classPath;
		this.outputDirectory = outputDirectory;
	}

	/**
	 * Compile the given blocks together.
	 * @param blocks the blocks
	 * @return one message per error, empty when they compile
	 */
	List<String> compile(List<JavaFileBlock> blocks) {
		List<String> errors = new ArrayList<>();
		List<BlockSource> sources = new ArrayList<>();
		for (JavaFileBlock block : blocks) {
			String misnamed = misnamed(block);
			if (misnamed != null) {
				errors.add(block + ": " + misnamed);
			}
			sources.add(new BlockSource(block));
		}
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
		try (StandardJavaFileManager fileManager = compiler.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
			List<String> options = List.of("--release", "17", "-parameters", "-proc:none", "-classpath",
					this.classPath, "-d", this.outputDirectory.toString());
			compiler.getTask(null, fileManager, diagnostics, options, null, sources).call();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics()) {
			if (diagnostic.getKind() == Diagnostic.Kind.ERROR) {
				errors.add(describe(diagnostic));
			}
		}
		return errors;
	}

	private static String misnamed(JavaFileBlock block) {
		String packagePath = block.packageName().replace('.', '/');
		Path file = Path.of(block.fileName());
		String directory = (file.getParent() != null) ? file.getParent().toString().replace(File.separatorChar, '/')
				: "";
		if (!directory.equals(packagePath) && !directory.endsWith("/" + packagePath)) {
			return "the file's directory does not match its package " + block.packageName();
		}
		String typeName = file.getFileName().toString().replaceFirst("\\.java$", "");
		if (!Pattern.compile("\\b(class|interface|enum|record)\\s+" + Pattern.quote(typeName) + "\\b")
			.matcher(block.source())
			.find()) {
			return "the file does not declare a type named " + typeName;
		}
		return null;
	}

	private static String describe(Diagnostic<? extends JavaFileObject> diagnostic) {
		String message = diagnostic.getMessage(Locale.ROOT);
		if (diagnostic.getSource() instanceof BlockSource source) {
			JavaFileBlock block = source.block;
			return block.document() + ":" + block.documentLine(diagnostic.getLineNumber()) + ": in the block at line "
					+ block.line() + " (" + block.fileName() + "): " + message;
		}
		return message;
	}

	/**
	 * A block as a source file for the compiler, named by the file it is.
	 */
	private static final class BlockSource extends SimpleJavaFileObject {

		private final JavaFileBlock block;

		BlockSource(JavaFileBlock block) {
			super(URI.create("string:///" + block.fileName()), Kind.SOURCE);
			this.block = block;
		}

		@Override
		public CharSequence getCharContent(boolean ignoreEncodingErrors) {
			return this.block.source();
		}

	}

}
