package io.fastws.bind;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ArgumentBindingException}.
 */
class ArgumentBindingExceptionTests {

	@Test
	void theMessageCountsTheErrorsAndNamesEachBySourceInLowerCase() {
		ArgumentBindingException exception = new ArgumentBindingException(List.of(
				BindingError.missing(BindingSource.HEADER, "X-Token"),
				new BindingError(BindingError.Type.CONVERSION, BindingSource.QUERY, "q", "'bar' is not a valid Integer",
						"bar")));
		assertThat(exception).hasMessage("2 binding errors: header 'X-Token': Required header 'X-Token' is missing; "
				+ "query 'q': 'bar' is not a valid Integer");
	}

}
