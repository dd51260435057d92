package io.fastws.server;

/**
 * The servlet container the tests of this run are on: Tomcat, or Jetty in surefire's {@code jetty} execution,
 * which sets {@code fastws.test.container}.
 */
public enum TestedContainer {

	/**
	 * Tomcat, the default.
	 */
	TOMCAT,

	/**
	 * Jetty 12.
	 */
	JETTY;

	/**
	 * Return the container of this run.
	 * @return the container
	 */
	public static TestedContainer current() {
		return "jetty".equals(System.getProperty("fastws.test.container")) ? JETTY : TOMCAT;
	}

	/**
	 * Return whether this run is on Jetty.
	 * @return {@code true} on Jetty
	 */
	public static boolean isJetty() {
		return current() == JETTY;
	}

}
