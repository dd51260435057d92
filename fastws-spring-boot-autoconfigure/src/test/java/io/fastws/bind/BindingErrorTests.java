package io.fastws.bind;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BindingError}.
 */
class BindingErrorTests {

	@Test
	void aMissingValueIsDescribedByItsSource() {
		assertThat(List.of(BindingSource.values()))
			.extracting((source) -> BindingError.missing(source, "v").message())
			.containsExactly("Required path variable 'v' is missing", "Required query parameter 'v' is missing",
					"Required header 'v' is missing", "Required cookie 'v' is missing", "Required value 'v' is missing");
	}

}
