package io.fastws.benchmarks;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

import javax.imageio.ImageIO;

/**
 * Draws the echo results as a PNG: throughput and p99 latency of fastws against raw Spring, side by side.
 */
final class Chart {

	private static final Color RAW = new Color(148, 163, 184);

	private static final Color FASTWS = new Color(37, 99, 235);

	private Chart() {
	}

	static void write(Results results, Path file) throws IOException {
		System.setProperty("java.awt.headless", "true");
		int width = 1000;
		int height = 460;
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = image.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		g.setColor(Color.WHITE);
		g.fillRect(0, 0, width, height);
		g.setColor(Color.DARK_GRAY);
		g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
		g.drawString("Echo: fastws vs raw Spring WebSocket", 20, 28);
		panel(g, results, 20, 50, 470, 380, true);
		panel(g, results, 510, 50, 470, 380, false);
		g.setColor(RAW);
		g.fillRect(700, 16, 14, 14);
		g.setColor(FASTWS);
		g.fillRect(790, 16, 14, 14);
		g.setColor(Color.DARK_GRAY);
		g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
		g.drawString("raw Spring", 720, 28);
		g.drawString("fastws", 810, 28);
		g.dispose();
		ImageIO.write(image, "png", file.toFile());
	}

	private static void panel(Graphics2D g, Results results, int x, int y, int width, int height, boolean throughput) {
		double max = 1;
		for (Results.Echo echo : results.echoes) {
			max = Math.max(max, Math.max(value(echo.raw(), throughput), value(echo.fastws(), throughput)));
		}
		g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
		g.setColor(Color.DARK_GRAY);
		g.drawString(throughput ? "messages per second (higher is better)" : "p99 round trip, µs (lower is better)",
				x, y + 12);
		int chartTop = y + 30;
		int chartBottom = y + height - 40;
		g.setStroke(new BasicStroke(1));
		g.drawLine(x, chartBottom, x + width, chartBottom);
		int groups = Math.max(1, results.echoes.size());
		int groupWidth = width / groups;
		for (int i = 0; i < results.echoes.size(); i++) {
			Results.Echo echo = results.echoes.get(i);
			int groupX = x + i * groupWidth + 10;
			int barWidth = (groupWidth - 30) / 2;
			bar(g, groupX, barWidth, chartTop, chartBottom, value(echo.raw(), throughput) / max, RAW);
			bar(g, groupX + barWidth + 4, barWidth, chartTop, chartBottom, value(echo.fastws(), throughput) / max,
					FASTWS);
			g.setColor(Color.DARK_GRAY);
			g.drawString(echo.size() + " B x" + echo.inFlight(), groupX, chartBottom + 18);
			g.drawString(String.format("%.2fx", throughput ? echo.throughputRatio() : echo.p99Ratio()), groupX,
					chartBottom + 34);
		}
	}

	private static double value(EchoLoad.Window window, boolean throughput) {
		return throughput ? window.messagesPerSecond() : window.p99() / 1e3;
	}

	private static void bar(Graphics2D g, int x, int width, int top, int bottom, double fraction, Color color) {
		int barHeight = (int) Math.round((bottom - top) * Math.min(1, fraction));
		g.setColor(color);
		g.fillRect(x, bottom - barHeight, width, barHeight);
	}

}
