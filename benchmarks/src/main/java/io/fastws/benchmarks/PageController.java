package io.fastws.benchmarks;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A plain page, timed while upgrade requests wait for their handlers.
 */
@RestController
class PageController {

	@GetMapping("/bench/page")
	String page() {
		return "a plain page";
	}

}
