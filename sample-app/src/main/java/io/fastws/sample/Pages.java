package io.fastws.sample;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the tutorials' pages: {@code /} (echo), {@code /items} and {@code /chat}.
 */
@Configuration(proxyBeanMethods = false)
class Pages implements WebMvcConfigurer {

	@Override
	public void addViewControllers(ViewControllerRegistry registry) {
		registry.addViewController("/items").setViewName("forward:/items.html");
		registry.addViewController("/chat").setViewName("forward:/chat.html");
	}

}
