package io.starpunk.admin;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.DefaultCsrfToken;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import io.starpunk.notes.NoteNotFoundException;

/**
 * Errors of the admin pages as pages in the owner's layout: an unknown note is a 404, a
 * malformed id or parameter a 400, never a 500.
 */
@ControllerAdvice(basePackageClasses = AdminErrors.class)
class AdminErrors {

	private final AdminPages pages;

	AdminErrors(AdminPages pages) {
		this.pages = pages;
	}

	@ExceptionHandler(NoteNotFoundException.class)
	ResponseEntity<String> noteNotFound(HttpServletRequest request) {
		return this.pages.error(HttpStatus.NOT_FOUND, "Note not found",
				"There is no note with that id. It may have been deleted for good.", csrf(request));
	}

	@ExceptionHandler({ MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class })
	ResponseEntity<String> badRequest(HttpServletRequest request) {
		return this.pages.error(HttpStatus.BAD_REQUEST, "Bad request",
				"That address or form is not one these pages made. Start again from the list of notes.", csrf(request));
	}

	private static CsrfToken csrf(HttpServletRequest request) {
		Object token = request.getAttribute(CsrfToken.class.getName());
		return (token instanceof CsrfToken csrf) ? csrf : new DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", "");
	}

}
