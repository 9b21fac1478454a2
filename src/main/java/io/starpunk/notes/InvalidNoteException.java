package io.starpunk.notes;

/**
 * A note that cannot be saved as given: the field and a reason a person can act on.
 */
public class InvalidNoteException extends RuntimeException {

	private final String field;

	public InvalidNoteException(String field, String reason) {
		super(reason);
		this.field = field;
	}

	public String field() {
		return this.field;
	}

}
